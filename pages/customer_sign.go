package pages

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"salesflow/httpx"
	"salesflow/pages/site"
	"salesflow/service"
	"salesflow/store"
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
	site.Base
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

func (p *Server) customerSignRoutes(g *gin.RouterGroup) {
	sign := g.Group("/sign/:token")
	sign.GET("", p.customerSign)
	sign.GET("/document", p.customerDocument)
	sign.POST("/code", p.customerCode)
	sign.POST("/sign", p.customerSignSubmit)
	sign.POST("/answer", p.customerAnswerSubmit)
}

// openLink opens the request's token's link (service.OpenLink) and
// fills the page with what was read, also when it is refused.
func (p *Server) openLink(ctx context.Context, c *gin.Context) (customerSignPage, error) {
	o, err := p.Svc.OpenLink(ctx, c.Param("token"))
	return p.linkPage(c, o), err
}

// linkPage is the page of an opened link.
func (p *Server) linkPage(c *gin.Context, o service.OpenedLink) customerSignPage {
	page := customerSignPage{Base: site.Base{Lang: string(httpx.Lang(c))}, Token: c.Param("token"),
		Link: o.Link, Contract: o.Contract, Proposal: o.Proposal}
	if o.Link.ID != "" {
		page.MaskedEmail = maskEmail(o.Link.ContactEmail)
	}
	if o.Contract != nil {
		page.Items = contractItemViews(o.Contract.Items, 0)
	}
	if o.Proposal != nil {
		page.PItems = itemViews(o.Proposal.Items)
	}
	return page
}

// customerSign shows the page.
func (p *Server) customerSign(c *gin.Context) {
	ctx, cancel := p.Ctx(c)
	defer cancel()
	page, err := p.openLink(ctx, c)
	page.CodeSent = c.Query("code") == "sent"
	p.renderCustomer(c, http.StatusOK, page, err)
}

// renderCustomer renders the page, or what err says about the link.
func (p *Server) renderCustomer(c *gin.Context, status int, page customerSignPage, err error) {
	var gone service.LinkGone
	switch {
	case errors.As(err, &gone):
		page.Gone, status = gone.Reason, http.StatusGone
		page.Contract, page.Proposal = nil, nil
	case err != nil:
		page.Problem = p.ProblemFor(c, err)
		status = page.Problem.Status
		if status == http.StatusNotFound {
			page.Contract, page.Proposal = nil, nil
		}
	}
	p.Render(c, status, "customer_sign", page)
}

// customerDocument answers the signing document, while the link is open.
func (p *Server) customerDocument(c *gin.Context) {
	ctx, cancel := p.Ctx(c)
	defer cancel()
	page, err := p.openLink(ctx, c)
	if err == nil && page.Contract == nil {
		err = service.ErrLinkUnknown // a proposal's link has no document
	}
	if err != nil {
		p.renderCustomer(c, http.StatusOK, page, err)
		return
	}
	doc, err := p.Svc.SigningDocument(ctx, page.Contract.ID)
	if err != nil {
		p.renderCustomer(c, http.StatusOK, page, err)
		return
	}
	c.Header("X-Document-SHA256", doc.SHA256)
	c.Header("Content-Disposition", `inline; filename="contract-`+doc.ContractID+`.pdf"`)
	c.Data(http.StatusOK, "application/pdf", doc.PDF)
}

// customerCode mails a new one-time code to the link's contact
// (service.SendLinkCode) and comes back to the page.
func (p *Server) customerCode(c *gin.Context) {
	ctx, cancel := p.Ctx(c)
	defer cancel()
	o, err := p.Svc.SendLinkCode(ctx, c.Param("token"))
	if err != nil {
		p.renderCustomer(c, http.StatusOK, p.linkPage(c, o), err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/sign/"+c.Param("token")+"?code=sent")
}

// customerSignSubmit records the customer's signature of the contract.
func (p *Server) customerSignSubmit(c *gin.Context) {
	p.customerSubmit(c, "signed", p.Svc.SignByLink)
}

// customerAnswerSubmit records the customer's answer to the proposal.
func (p *Server) customerAnswerSubmit(c *gin.Context) {
	done := "declined"
	if c.PostForm("accepted") == "true" {
		done = "accepted"
	}
	p.customerSubmit(c, done, p.Svc.AnswerByLink)
}

// customerSubmit sends the form's answer through the link and shows the
// outcome: done (signed, accepted or declined), or the form again with
// what was refused.
func (p *Server) customerSubmit(c *gin.Context, done string, answer func(context.Context, string, service.LinkAnswerInput) (service.OpenedLink, error)) {
	ctx, cancel := p.Ctx(c)
	defer cancel()
	in := service.LinkAnswerInput{SignatoryName: strings.TrimSpace(c.PostForm("signatory_name")),
		Note: strings.TrimSpace(c.PostForm("note")), Code: c.PostForm("code"), Accepted: c.PostForm("accepted") == "true",
		ClientIP: clientAddr(c), ForwardedFor: c.GetHeader("X-Forwarded-For"), UserAgent: c.Request.UserAgent()}
	o, err := answer(ctx, c.Param("token"), in)
	page := p.linkPage(c, o)
	page.Name, page.Note = in.SignatoryName, in.Note
	if err != nil {
		p.renderCustomer(c, http.StatusOK, page, err)
		return
	}
	page.Done = done
	page.Contract, page.Proposal = nil, nil
	p.Render(c, http.StatusOK, "customer_sign", page)
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

// maskEmail keeps an address's first letter and its domain.
func maskEmail(addr string) string {
	at := strings.LastIndex(addr, "@")
	if at < 1 {
		return "***"
	}
	first := []rune(addr[:at])[0]
	return string(first) + "***" + addr[at:]
}
