package api

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"unicode"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"

	"salesflow/activities"
	"salesflow/policy"
	"salesflow/service"
	"salesflow/store"
	"salesflow/workflows"
)

// The customer's own page (R5.5, F1; issue 11): /sign/{token}, reached
// from a customer link, with no account. It shows what is to be signed or
// answered — the contract with its signing document and SHA-256, or the
// proposal version — mails a one-time code to the contact the link was
// sent to, and with the signatory's name and that code records the
// customer's signature or answer through the workflow's own Update. It
// sits outside the signed-in pages but behind the same security headers
// and same-origin check.

// customerSignPage is the data of the customer's page.
type customerSignPage struct {
	pageBase
	Token    string
	Link     store.CustomerLink
	Contract *store.Contract
	Items    []contractItemView
	Proposal *store.Proposal
	PItems   []itemView
	// Gone is why the link can no longer be used (used, expired,
	// revoked, changed, closed); the page then says only that.
	Gone     string
	CodeSent bool
	Done     string // signed, accepted or declined: the answer just recorded
	Name     string
	Note     string
	// MaskedEmail is where the code goes, as the page may show it to
	// whoever holds the link: c***@example.com.
	MaskedEmail string
}

// Problems of the customer's page.
var (
	errLinkUnknown = problemErr(http.StatusNotFound, "/problems/not-found", "problem.link_unknown", "detail.link_unknown")
	errTooManyCode = problemErr(http.StatusTooManyRequests, "/problems/too-many-codes", "problem.too_many_codes", "detail.too_many_codes")
)

// linkGone is a link that cannot be used any more, and why.
type linkGone struct{ reason string }

func (g linkGone) Error() string { return "customer link " + g.reason }

func (p *pages) customerSignRoutes(g *gin.RouterGroup) {
	sign := g.Group("/sign/:token")
	sign.GET("", p.customerSign)
	sign.GET("/document", p.customerDocument)
	sign.POST("/code", p.customerCode)
	sign.POST("/sign", p.customerSignSubmit)
	sign.POST("/answer", p.customerAnswerSubmit)
}

// openLink finds the link of the request's token and what it is for,
// refusing one that cannot be used: unknown (404), or used, expired,
// revoked, bound to a document that changed, or whose subject has moved
// on (410).
func (p *pages) openLink(ctx context.Context, c *gin.Context) (customerSignPage, error) {
	page := customerSignPage{pageBase: pageBase{Lang: string(requestLang(c))}, Token: c.Param("token")}
	l, err := p.s.store.CustomerLinkByToken(ctx, page.Token)
	if errors.Is(err, store.ErrNotFound) {
		return page, errLinkUnknown
	}
	if err != nil {
		return page, err
	}
	page.Link, page.MaskedEmail = l, maskEmail(l.ContactEmail)
	if l.State != store.LinkOpen {
		return page, linkGone{l.State}
	}
	if l.Purpose == store.LinkContractSign {
		return page, p.openContractLink(ctx, &page)
	}
	pr, err := p.s.store.ProposalByID(ctx, l.ProposalID)
	if err != nil {
		return page, err
	}
	page.Proposal, page.PItems = &pr, itemViews(pr.Items)
	switch {
	case pr.Version != l.ProposalVersion || proposalHash(pr) != l.DocumentSHA256:
		return page, linkGone{"changed"}
	case pr.Status != string(policy.ProposalApproved):
		return page, linkGone{"closed"}
	}
	return page, nil
}

func (p *pages) openContractLink(ctx context.Context, page *customerSignPage) error {
	k, err := p.s.store.ContractByID(ctx, page.Link.ContractID)
	if err != nil {
		return err
	}
	page.Contract, page.Items = &k, contractItemViews(k.Items, 0)
	doc, err := p.s.store.SigningDocumentOf(ctx, k.ID)
	if err != nil {
		return err
	}
	switch {
	case doc.SHA256 != page.Link.DocumentSHA256:
		return linkGone{"changed"}
	case k.Status != string(policy.ContractApproved) || signedBy(k, policy.SignerCustomer):
		return linkGone{"closed"}
	}
	return nil
}

// customerSign shows the page.
func (p *pages) customerSign(c *gin.Context) {
	ctx, cancel := p.ctx(c)
	defer cancel()
	page, err := p.openLink(ctx, c)
	page.CodeSent = c.Query("code") == "sent"
	p.renderCustomer(c, http.StatusOK, page, err)
}

// renderCustomer renders the page, or what err says about the link.
func (p *pages) renderCustomer(c *gin.Context, status int, page customerSignPage, err error) {
	var gone linkGone
	switch {
	case errors.As(err, &gone):
		page.Gone, status = gone.reason, http.StatusGone
		page.Contract, page.Proposal = nil, nil
	case err != nil:
		page.Problem = p.problemFor(c, err)
		status = page.Problem.Status
		if status == http.StatusNotFound {
			page.Contract, page.Proposal = nil, nil
		}
	}
	p.render(c, status, "customer_sign", page)
}

// customerDocument answers the signing document, while the link is open.
func (p *pages) customerDocument(c *gin.Context) {
	ctx, cancel := p.ctx(c)
	defer cancel()
	page, err := p.openLink(ctx, c)
	if err == nil && page.Contract == nil {
		err = errLinkUnknown // a proposal's link has no document
	}
	if err != nil {
		p.renderCustomer(c, http.StatusOK, page, err)
		return
	}
	doc, err := p.s.store.SigningDocumentOf(ctx, page.Contract.ID)
	if err != nil {
		p.renderCustomer(c, http.StatusOK, page, err)
		return
	}
	c.Header("X-Document-SHA256", doc.SHA256)
	c.Header("Content-Disposition", `inline; filename="contract-`+doc.ContractID+`.pdf"`)
	c.Data(http.StatusOK, "application/pdf", doc.PDF)
}

// customerCode mails a new one-time code to the link's contact, through
// the worker, and comes back to the page.
func (p *pages) customerCode(c *gin.Context) {
	ctx, cancel := p.ctx(c)
	defer cancel()
	page, err := p.openLink(ctx, c)
	if err == nil {
		codeID := uuid.NewString()
		if err = p.s.store.NewLinkCode(ctx, page.Link.ID, codeID); errors.Is(err, store.ErrTooManyCodes) {
			err = errTooManyCode
		} else if err == nil {
			err = p.s.sendCustomerMail(ctx, workflows.CustomerMailCodeWorkflowID(codeID),
				activities.CustomerMailInput{CodeID: codeID})
		}
	}
	if err != nil {
		p.renderCustomer(c, http.StatusOK, page, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/sign/"+page.Token+"?code=sent")
}

// customerSignSubmit records the customer's signature of the contract.
func (p *pages) customerSignSubmit(c *gin.Context) {
	p.customerSubmit(c, store.LinkContractSign, func(page customerSignPage, answer *workflows.CustomerAnswer) (string, any) {
		return workflows.UpdateContractSign, workflows.SignRequest{SignerRole: policy.SignerCustomer,
			SignatoryName: page.Name, Customer: answer}
	})
}

// customerAnswerSubmit records the customer's answer to the proposal.
func (p *pages) customerAnswerSubmit(c *gin.Context) {
	accepted := c.PostForm("accepted") == "true"
	p.customerSubmit(c, store.LinkProposalResponse, func(page customerSignPage, answer *workflows.CustomerAnswer) (string, any) {
		return workflows.UpdateProposalResponse, workflows.CustomerResponseRequest{Accepted: accepted,
			Note: page.Note, Customer: answer}
	})
}

// customerSubmit is the shape of both answers: open the link, check the
// name and the code (a wrong code counts a try), send the Update with the
// link's context, and show the outcome.
func (p *pages) customerSubmit(c *gin.Context, purpose string, build func(customerSignPage, *workflows.CustomerAnswer) (string, any)) {
	ctx, cancel := p.ctx(c)
	defer cancel()
	page, err := p.openLink(ctx, c)
	page.Name, page.Note = strings.TrimSpace(c.PostForm("signatory_name")), strings.TrimSpace(c.PostForm("note"))
	if err == nil && page.Link.Purpose != purpose {
		err = errLinkUnknown
	}
	var answer *workflows.CustomerAnswer
	if err == nil {
		answer, err = p.customerAnswer(ctx, c, page)
	}
	if err == nil {
		name, arg := build(page, answer)
		err = p.s.customerUpdate(ctx, page, name, arg)
	}
	if err != nil {
		p.renderCustomer(c, http.StatusOK, page, err)
		return
	}
	page.Done = "signed"
	if purpose == store.LinkProposalResponse {
		page.Done = "declined"
		if c.PostForm("accepted") == "true" {
			page.Done = "accepted"
		}
	}
	page.Contract, page.Proposal = nil, nil
	p.render(c, http.StatusOK, "customer_sign", page)
}

// customerAnswer checks the form and the code and gathers the link's
// context for the workflow and the audit.
func (p *pages) customerAnswer(ctx context.Context, c *gin.Context, page customerSignPage) (*workflows.CustomerAnswer, error) {
	var v validation
	checkSignatory(&v, "signatory_name", page.Name)
	service.CheckLen(&v, "note", page.Note, 2000)
	code := strings.TrimSpace(c.PostForm("code"))
	if len(code) != 6 || strings.Trim(code, "0123456789") != "" {
		v.Add("code", "field.code_format")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	check, left, err := p.s.store.CheckLinkCode(ctx, page.Link.ID, code)
	if err != nil {
		return nil, codeProblem(err, left)
	}
	l := page.Link
	subject := l.ContractID
	if l.Purpose == store.LinkProposalResponse {
		subject = l.ProposalID
	}
	return &workflows.CustomerAnswer{SubjectID: subject, ProposalVersion: l.ProposalVersion,
		CustomerEvidence: activities.CustomerEvidence{LinkID: l.ID, DocumentSHA256: l.DocumentSHA256,
			ContactName: l.ContactName, ContactEmail: l.ContactEmail, Code: check, ClientIP: clientAddr(c),
			ForwardedFor: c.GetHeader("X-Forwarded-For"), UserAgent: c.Request.UserAgent()}}, nil
}

// codeProblem maps a refused code to what the customer reads beside it.
func codeProblem(err error, left int) error {
	var v validation
	switch {
	case errors.Is(err, store.ErrCodeWrong):
		v.Add("code", "field.code_wrong", left)
	case errors.Is(err, store.ErrCodeLocked):
		e := problemErr(http.StatusTooManyRequests, "/problems/code-locked", "problem.code_locked", "detail.code_locked")
		e.Fields = []fieldErr{{Field: "code", Key: "field.code_locked"}}
		return e
	case errors.Is(err, store.ErrCodeExpired):
		v.Add("code", "field.code_expired")
	case errors.Is(err, store.ErrNoCode):
		v.Add("code", "field.code_none")
	default:
		return err
	}
	return v.Err()
}

// checkSignatory: the name the customer signs with, as a person writes
// it — no control or direction-changing characters.
func checkSignatory(v *validation, field, name string) {
	service.CheckName(v, field, name)
	for _, r := range name {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			v.Add(field, "field.signatory_printable")
			return
		}
	}
}

// clientAddr is the address the request came from, as this server saw
// it (a proxy's own forwarded-for header is recorded beside it).
func clientAddr(c *gin.Context) string {
	host, _, err := net.SplitHostPort(c.Request.RemoteAddr)
	if err != nil {
		return c.Request.RemoteAddr
	}
	return host
}

// customerUpdate sends the customer's answer. Its Update ID is the link's:
// a link answers once, so a repeated submit is the same decision.
// A refusal for the state (the other party or a paper answer came first,
// the link was spent by a racing request) says the link is closed.
func (s *Server) customerUpdate(ctx context.Context, page customerSignPage, name string, arg any) error {
	workflowID := ""
	if page.Contract != nil {
		workflowID = page.Contract.WorkflowID
	} else if page.Proposal != nil {
		workflowID = page.Proposal.WorkflowID
	}
	handle, err := s.temporal.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{WorkflowID: workflowID,
		UpdateID: name + ":link:" + page.Link.ID, UpdateName: name, Args: []any{arg},
		WaitForStage: client.WorkflowUpdateStageCompleted})
	if err == nil {
		err = handle.Get(ctx, nil)
	}
	var appErr *temporal.ApplicationError
	var notFound *serviceerror.NotFound
	if errors.As(err, &notFound) || errors.As(err, &appErr) && appErr.Type() == workflows.ErrTypeConflict {
		return linkGone{"closed"}
	}
	return err
}

// maskEmail keeps an address's first letter and its domain.
func maskEmail(addr string) string {
	at := strings.LastIndex(addr, "@")
	if at < 1 {
		return "***"
	}
	first := []rune(addr[:at])[0]
	return string(first) + "***" + addr[at:]
}
