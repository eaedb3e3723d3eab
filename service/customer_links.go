package service

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/google/uuid"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"

	"salesflow/activities"
	"salesflow/policy"
	"salesflow/store"
	"salesflow/workflows"
)

// The owner's side of customer links (R5.5, F1; issue 11): the owner
// sends a contact of the customer a link to the customer's own page, by
// email or as a link to paste into WeChat, so the customer signs the
// contract or answers the proposal themselves (customer_answers.go).

// LinkLifetime is how long a customer link can be used.
const LinkLifetime = 7 * 24 * time.Hour

// mailWait bounds how long a request waits for a customer mail to go.
const mailWait = 20 * time.Second

// CustomerLinkInput asks for a link to the contact with this address.
type CustomerLinkInput struct {
	Email   string `json:"email"`
	Channel string `json:"channel"`
}

// CustomerLinkCreated is the link made, and its address when the owner is
// to hand it over (channel copy) — shown this once, never stored.
type CustomerLinkCreated struct {
	Link store.CustomerLink `json:"link"`
	URL  string             `json:"url,omitempty"`
}

// Refusals of customer links.
var (
	ErrLinkOwnerOnly = NewError(KindForbidden, "forbidden", "problem.forbidden", "detail.customer_link_owner")
	// ErrLinkNotNow: the customer's signature (a link, a scan) is not
	// wanted now: the contract is not approved or the customer signed.
	ErrLinkNotNow = NewError(KindConflict, "conflict", "problem.conflict", "detail.customer_link_not_now")
	// ErrMailFailed: the mail to the customer did not go.
	ErrMailFailed = NewError(KindUpstream, "mail-failed", "problem.mail_failed", "detail.mail_failed")
)

// linkSubject is what a link is for, as the owner may send it now.
type linkSubject struct {
	purpose, contractID, proposalID string
	version                         int
	customerID, sha                 string
}

// ContractLinkOpen reports whether actor may send a link for the
// customer's signature of k now: the owner, once the contract is approved
// and until the customer signs (the page's offer; SendContractLink checks
// the same and that the signing document is issued).
func ContractLinkOpen(actor store.User, k store.Contract) bool {
	return k.OwnerID == actor.ID && k.Status == string(policy.ContractApproved) &&
		!ContractSteps(k).SignedBy(policy.SignerCustomer)
}

// SendContractLink makes a link for the customer's signature of contract
// id and hands it over; base is the address customers reach the app under.
func (s *Service) SendContractLink(ctx context.Context, actor store.User, id, base string, in CustomerLinkInput) (CustomerLinkCreated, error) {
	sub, err := s.contractLinkSubject(ctx, actor, id)
	if err != nil {
		return CustomerLinkCreated{}, err
	}
	return s.newCustomerLink(ctx, actor, sub, in, base)
}

// SendProposalLink makes a link for the customer's answer to proposal id
// (F1) and hands it over, as SendContractLink.
func (s *Service) SendProposalLink(ctx context.Context, actor store.User, id, base string, in CustomerLinkInput) (CustomerLinkCreated, error) {
	sub, err := s.proposalLinkSubject(ctx, actor, id)
	if err != nil {
		return CustomerLinkCreated{}, err
	}
	return s.newCustomerLink(ctx, actor, sub, in, base)
}

// ContractLinks are the links sent for contract id, to whoever may see it.
func (s *Service) ContractLinks(ctx context.Context, actor store.User, id string) ([]store.CustomerLink, error) {
	if _, err := s.Contract(ctx, actor, id); err != nil {
		return nil, err
	}
	return s.store.CustomerLinksOf(ctx, id)
}

// ProposalLinks are the links sent for proposal id, to whoever may see it.
func (s *Service) ProposalLinks(ctx context.Context, actor store.User, id string) ([]store.CustomerLink, error) {
	if _, err := s.Proposal(ctx, actor, id); err != nil {
		return nil, err
	}
	return s.store.CustomerLinksOf(ctx, id)
}

// contractLinkSubject: a link for the customer's signature is sent by the
// owner, once the signing document is issued and until the customer signs.
func (s *Service) contractLinkSubject(ctx context.Context, actor store.User, id string) (linkSubject, error) {
	k, err := s.Contract(ctx, actor, id)
	if err != nil {
		return linkSubject{}, err
	}
	if k.OwnerID != actor.ID {
		return linkSubject{}, ErrLinkOwnerOnly
	}
	if !ContractLinkOpen(actor, k) {
		return linkSubject{}, ErrLinkNotNow
	}
	doc, err := s.store.SigningDocumentOf(ctx, k.ID)
	if errors.Is(err, store.ErrNotFound) {
		return linkSubject{}, ErrLinkNotNow
	}
	return linkSubject{purpose: store.LinkContractSign, contractID: k.ID, customerID: k.CustomerID, sha: doc.SHA256}, err
}

// proposalLinkSubject: a link for the customer's answer is sent by the
// author for the approved version (F1).
func (s *Service) proposalLinkSubject(ctx context.Context, actor store.User, id string) (linkSubject, error) {
	p, err := s.Proposal(ctx, actor, id)
	if err != nil {
		return linkSubject{}, err
	}
	if p.OwnerID != actor.ID {
		return linkSubject{}, ErrLinkOwnerOnly
	}
	if p.Status != string(policy.ProposalApproved) {
		return linkSubject{}, ErrLinkNotNow
	}
	return linkSubject{purpose: store.LinkProposalResponse, proposalID: p.ID, version: p.Version,
		customerID: p.CustomerID, sha: ProposalHash(p)}, nil
}

// ProposalHash is the SHA-256 a proposal link is bound to: the version's
// content as the customer reads it. Versions are never rewritten, so it
// changes only with a new version.
func ProposalHash(p store.Proposal) string {
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
func (s *Service) newCustomerLink(ctx context.Context, actor store.User, sub linkSubject, in CustomerLinkInput, base string) (CustomerLinkCreated, error) {
	var v Validation
	email := strings.TrimSpace(in.Email)
	contact, err := s.store.ContactByEmail(ctx, sub.customerID, email)
	if errors.Is(err, store.ErrNotFound) || email == "" {
		v.Add("email", "field.contact_email")
	} else if err != nil {
		return CustomerLinkCreated{}, err
	}
	if in.Channel != store.LinkByEmail && in.Channel != store.LinkByCopy {
		v.Add("channel", "field.link_channel")
	}
	if err := v.Err(); err != nil {
		return CustomerLinkCreated{}, err
	}
	n := store.NewCustomerLink{ID: uuid.NewString(), Purpose: sub.purpose, ContractID: sub.contractID,
		ProposalID: sub.proposalID, ProposalVersion: sub.version, DocumentSHA256: sub.sha, CustomerID: sub.customerID,
		ContactName: contact.Name, ContactEmail: contact.Email, Channel: in.Channel, CreatedBy: actor.ID, Lifetime: LinkLifetime}
	var token string
	if in.Channel == store.LinkByCopy {
		if token, err = store.NewLinkToken(); err != nil {
			return CustomerLinkCreated{}, err
		}
		n.TokenHash = store.TokenHash(token)
	}
	link, err := s.store.CreateCustomerLink(ctx, n)
	if err != nil {
		return CustomerLinkCreated{}, err
	}
	if token != "" {
		return CustomerLinkCreated{Link: link, URL: base + "/sign/" + token}, nil
	}
	err = s.sendCustomerMail(ctx, workflows.CustomerMailLinkWorkflowID(link.ID),
		activities.CustomerMailInput{LinkID: link.ID, BaseURL: base})
	if err != nil {
		return CustomerLinkCreated{}, err
	}
	link, err = s.store.CustomerLinkByID(ctx, link.ID)
	return CustomerLinkCreated{Link: link}, err
}

// sendCustomerMail runs the worker's mail workflow and waits for it: the
// API holds no SMTP credentials. A mail that did not go is ErrMailFailed.
func (s *Service) sendCustomerMail(ctx context.Context, workflowID string, in activities.CustomerMailInput) error {
	wctx, cancel := context.WithTimeout(ctx, mailWait)
	defer cancel()
	run, err := s.temporal.ExecuteWorkflow(wctx, client.StartWorkflowOptions{ID: workflowID, TaskQueue: s.cfg.TaskQueue,
		WorkflowIDReusePolicy: StartOnce}, workflows.CustomerMailWorkflow, in)
	if err != nil {
		return err
	}
	err = run.Get(wctx, nil)
	var appErr *temporal.ApplicationError
	var timeout *temporal.TimeoutError
	if errors.As(err, &appErr) || errors.As(err, &timeout) || errors.Is(err, context.DeadlineExceeded) {
		s.log.WarnContext(ctx, "customer mail not sent", "workflow_id", workflowID, "error", err)
		return ErrMailFailed
	}
	return err
}

// Contacts are customer customerID's contacts, for the owner's form that
// sends a link (the page has already shown its subject to the actor).
func (s *Service) Contacts(ctx context.Context, customerID string) ([]store.Contact, error) {
	return s.store.ContactsOf(ctx, customerID)
}
