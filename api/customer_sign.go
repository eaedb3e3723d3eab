package api

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"

	"salesflow/activities"
	"salesflow/policy"
	"salesflow/service"
	"salesflow/store"
	"salesflow/workflows"
)

// The owner's side of customer links (R5.5, F1; issue 11): the owner
// sends a contact of the customer a link to the customer's own page
// (pages_customer_sign.go), by email or as a link to paste into WeChat,
// so the customer signs the contract or answers the proposal themselves.

// LinkLifetime is how long a customer link can be used.
const LinkLifetime = 7 * 24 * time.Hour

// mailWait bounds how long a request waits for a customer mail to go.
const mailWait = 20 * time.Second

// customerLinkRequest asks for a link to the contact with this address.
type customerLinkRequest struct {
	Email   string `json:"email"`
	Channel string `json:"channel"`
}

// customerLinkCreated is the answer: the link, and its address when the
// owner is to hand it over (channel copy) — shown this once, never stored.
type customerLinkCreated struct {
	Link store.CustomerLink `json:"link"`
	URL  string             `json:"url,omitempty"`
}

// Problems of customer links.
var (
	errLinkOwnerOnly = problemErr(http.StatusForbidden, "/problems/forbidden", "problem.forbidden", "detail.customer_link_owner")
	errLinkNotNow    = service.ErrLinkNotNow
	errMailFailed    = problemErr(http.StatusBadGateway, "/problems/mail-failed", "problem.mail_failed", "detail.mail_failed")
)

// linkSubject is what a link is for, as the owner may send it now.
type linkSubject struct {
	purpose, contractID, proposalID string
	version                         int
	customerID, sha                 string
}

// customerLinkRoutes are the owner's: links, and scans of paper signatures.
func (s *Server) customerLinkRoutes(g *gin.RouterGroup) {
	g.POST("/contracts/:id/customer-links", s.createContractLink)
	g.GET("/contracts/:id/customer-links", s.listContractLinks)
	g.POST("/proposals/:id/customer-links", s.createProposalLink)
	g.GET("/proposals/:id/customer-links", s.listProposalLinks)
	g.POST("/contracts/:id/paper-scans", s.uploadPaperScan)
	g.GET("/contracts/:id/paper-scans/:sha256", s.paperScan)
}

func (s *Server) createContractLink(c *gin.Context) {
	s.createCustomerLink(c, func(ctx context.Context, u store.User) (linkSubject, error) {
		return s.contractLinkSubject(ctx, u, c.Param("id"))
	})
}

func (s *Server) createProposalLink(c *gin.Context) {
	s.createCustomerLink(c, func(ctx context.Context, u store.User) (linkSubject, error) {
		return s.proposalLinkSubject(ctx, u, c.Param("id"))
	})
}

func (s *Server) createCustomerLink(c *gin.Context, subject func(context.Context, store.User) (linkSubject, error)) {
	var req customerLinkRequest
	if err := bindJSON(c, &req); err != nil {
		s.fail(c, err)
		return
	}
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	sub, err := subject(ctx, u)
	var out customerLinkCreated
	if err == nil {
		out, err = s.newCustomerLink(ctx, u, sub, req, s.publicURL(c))
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, out)
}

// contractLinkSubject: a link for the customer's signature is sent by the
// owner, once the signing document is issued and until the customer signs.
func (s *Server) contractLinkSubject(ctx context.Context, u store.User, id string) (linkSubject, error) {
	k, err := s.svc.Contract(ctx, u, id)
	if err != nil {
		return linkSubject{}, err
	}
	if k.OwnerID != u.ID {
		return linkSubject{}, errLinkOwnerOnly
	}
	if k.Status != string(policy.ContractApproved) || signedBy(k, policy.SignerCustomer) {
		return linkSubject{}, errLinkNotNow
	}
	doc, err := s.store.SigningDocumentOf(ctx, k.ID)
	if errors.Is(err, store.ErrNotFound) {
		return linkSubject{}, errLinkNotNow
	}
	return linkSubject{purpose: store.LinkContractSign, contractID: k.ID, customerID: k.CustomerID, sha: doc.SHA256}, err
}

// proposalLinkSubject: a link for the customer's answer is sent by the
// author for the approved version (F1).
func (s *Server) proposalLinkSubject(ctx context.Context, u store.User, id string) (linkSubject, error) {
	p, err := s.visibleProposal(ctx, u, id)
	if err != nil {
		return linkSubject{}, err
	}
	if p.OwnerID != u.ID {
		return linkSubject{}, errLinkOwnerOnly
	}
	if p.Status != string(policy.ProposalApproved) {
		return linkSubject{}, errLinkNotNow
	}
	return linkSubject{purpose: store.LinkProposalResponse, proposalID: p.ID, version: p.Version,
		customerID: p.CustomerID, sha: proposalHash(p)}, nil
}

func signedBy(k store.Contract, role policy.SignerRole) bool {
	for _, sig := range k.Signatures {
		if sig.SignerRole == string(role) {
			return true
		}
	}
	return false
}

// proposalHash is the SHA-256 a proposal link is bound to: the version's
// content as the customer reads it. Versions are never rewritten, so it
// changes only with a new version.
func proposalHash(p store.Proposal) string {
	type line struct {
		ProductID            string
		Quantity             int64
		UnitPrice, ListPrice int64
	}
	content := struct {
		ID, Title, Body string
		Version         int
		Lines           []line
	}{ID: p.ID, Title: p.Title, Body: p.Body, Version: p.Version}
	for _, it := range p.Items {
		content.Lines = append(content.Lines, line{it.ProductID, it.Quantity, it.UnitPriceFen, it.ListPriceFen})
	}
	b, _ := json.Marshal(content) // plain values: cannot fail
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// newCustomerLink stores the link to the chosen contact and hands it over:
// mailed by the worker (the token is made there), or made here and
// answered once for the owner to paste.
func (s *Server) newCustomerLink(ctx context.Context, u store.User, sub linkSubject, req customerLinkRequest, base string) (customerLinkCreated, error) {
	var v validation
	email := strings.TrimSpace(req.Email)
	contact, err := s.store.ContactByEmail(ctx, sub.customerID, email)
	if errors.Is(err, store.ErrNotFound) || email == "" {
		v.Add("email", "field.contact_email")
	} else if err != nil {
		return customerLinkCreated{}, err
	}
	if req.Channel != store.LinkByEmail && req.Channel != store.LinkByCopy {
		v.Add("channel", "field.link_channel")
	}
	if err := v.Err(); err != nil {
		return customerLinkCreated{}, err
	}
	n := store.NewCustomerLink{ID: uuid.NewString(), Purpose: sub.purpose, ContractID: sub.contractID,
		ProposalID: sub.proposalID, ProposalVersion: sub.version, DocumentSHA256: sub.sha, CustomerID: sub.customerID,
		ContactName: contact.Name, ContactEmail: contact.Email, Channel: req.Channel, CreatedBy: u.ID, Lifetime: LinkLifetime}
	var token string
	if req.Channel == store.LinkByCopy {
		if token, err = store.NewLinkToken(); err != nil {
			return customerLinkCreated{}, err
		}
		n.TokenHash = store.TokenHash(token)
	}
	link, err := s.store.CreateCustomerLink(ctx, n)
	if err != nil {
		return customerLinkCreated{}, err
	}
	if token != "" {
		return customerLinkCreated{Link: link, URL: base + "/sign/" + token}, nil
	}
	err = s.sendCustomerMail(ctx, workflows.CustomerMailLinkWorkflowID(link.ID),
		activities.CustomerMailInput{LinkID: link.ID, BaseURL: base})
	if err != nil {
		return customerLinkCreated{}, err
	}
	link, err = s.store.CustomerLinkByID(ctx, link.ID)
	return customerLinkCreated{Link: link}, err
}

// sendCustomerMail runs the worker's mail workflow and waits for it: the
// API holds no SMTP credentials. A mail that did not go is errMailFailed.
func (s *Server) sendCustomerMail(ctx context.Context, workflowID string, in activities.CustomerMailInput) error {
	wctx, cancel := context.WithTimeout(ctx, mailWait)
	defer cancel()
	run, err := s.temporal.ExecuteWorkflow(wctx, client.StartWorkflowOptions{ID: workflowID, TaskQueue: s.svc.TaskQueue(),
		WorkflowIDReusePolicy: service.StartOnce}, workflows.CustomerMailWorkflow, in)
	if err != nil {
		return err
	}
	err = run.Get(wctx, nil)
	var appErr *temporal.ApplicationError
	var timeout *temporal.TimeoutError
	if errors.As(err, &appErr) || errors.As(err, &timeout) || errors.Is(err, context.DeadlineExceeded) {
		s.log.WarnContext(ctx, "customer mail not sent", "workflow_id", workflowID, "error", err)
		return errMailFailed
	}
	return err
}

// publicURL is the address customers reach the app under: the configured
// one, else this request's.
func (s *Server) publicURL(c *gin.Context) string {
	if s.cfg.PublicURL != "" {
		return strings.TrimRight(s.cfg.PublicURL, "/")
	}
	scheme := "http"
	if c.Request.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + c.Request.Host
}

// listContractLinks and listProposalLinks answer the links sent so far,
// to whoever may see the contract or proposal.
func (s *Server) listContractLinks(c *gin.Context) {
	s.listCustomerLinks(c, func(ctx context.Context, u store.User, id string) error {
		_, err := s.svc.Contract(ctx, u, id)
		return err
	})
}

func (s *Server) listProposalLinks(c *gin.Context) {
	s.listCustomerLinks(c, func(ctx context.Context, u store.User, id string) error {
		_, err := s.visibleProposal(ctx, u, id)
		return err
	})
}

func (s *Server) listCustomerLinks(c *gin.Context, visible func(context.Context, store.User, string) error) {
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	if err := visible(ctx, u, c.Param("id")); err != nil {
		s.fail(c, err)
		return
	}
	links, err := s.store.CustomerLinksOf(ctx, c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, itemList[store.CustomerLink]{Items: links})
}
