package pages

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"salesflow/httpx"
	"salesflow/i18n"
	"salesflow/pages/site"
	"salesflow/service"
	"salesflow/session"
	"salesflow/store"
)

// The owner's part of a contract's or proposal's page that sends the
// customer a link (customer_sign.go): the customer's contacts with an
// address to pick from, email or copy, and the links sent so far.

// customerLinksView is that part of the page.
type customerLinksView struct {
	Action   string // the form's target
	Key      string
	Contacts []store.Contact // those with an address
	Links    []store.CustomerLink
	// Open: a link may be sent now (offered to the owner only).
	Open bool
}

// customerLinksFor builds the part for the subject from the links sent for
// it (service.ProposalLinks, ContractLinks); open says whether the owner
// may send a link now.
func (p *Server) customerLinksFor(ctx context.Context, customerID, action string, open bool, links []store.CustomerLink) (*customerLinksView, error) {
	v := &customerLinksView{Action: action, Key: site.NewFormKey(), Open: open, Links: links}
	if !open {
		return v, nil
	}
	contacts, err := p.Svc.Contacts(ctx, customerID)
	for _, ct := range contacts {
		if ct.Email != "" {
			v.Contacts = append(v.Contacts, ct)
		}
	}
	return v, err
}

// contractCustomerSide is the contract page's customer part: the links
// and, for the owner, the form; and the scans of paper signatures.
func (p *Server) contractCustomerSide(ctx context.Context, u store.User, k store.Contract) (*customerLinksView, []store.PaperScan, error) {
	sent, err := p.Svc.ContractLinks(ctx, u, k.ID)
	if err != nil {
		return nil, nil, err
	}
	links, err := p.customerLinksFor(ctx, k.CustomerID, "/contracts/"+k.ID+"/customer-links", service.ContractLinkOpen(u, k), sent)
	if err != nil {
		return nil, nil, err
	}
	scans, err := p.Svc.PaperScans(ctx, k.ID)
	return links, scans, err
}

// contractLinkForm is the form twin of POST .../contracts/{id}/customer-links.
func (p *Server) contractLinkForm(c *gin.Context) {
	p.linkForm(c, "/contracts/", p.Svc.SendContractLink)
}

// proposalLinkForm is the form twin of POST .../proposals/{id}/customer-links.
func (p *Server) proposalLinkForm(c *gin.Context) {
	p.linkForm(c, "/proposals/", p.Svc.SendProposalLink)
}

// linkForm sends the link and goes back to the page, with the link's
// address to copy (shown this once, in the flash) or where it was mailed.
func (p *Server) linkForm(c *gin.Context, back string,
	send func(context.Context, store.User, string, string, service.CustomerLinkInput) (service.CustomerLinkCreated, error)) {
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	in := service.CustomerLinkInput{Email: c.PostForm("email"), Channel: c.PostForm("channel")}
	out, err := send(ctx, u, c.Param("id"), httpx.PublicURL(c, p.Cfg.PublicURL), in)
	switch {
	case err != nil:
		p.FlashProblem(c, p.ProblemFor(c, err))
	case out.URL != "":
		p.SetFlash(c, site.Flash{Kind: "ok", Title: i18n.T(httpx.Lang(c), "page.customer_link.copy_this"), Detail: out.URL})
	default:
		p.SetFlash(c, site.Flash{Kind: "ok", Title: i18n.T(httpx.Lang(c), "page.customer_link.mailed", out.Link.ContactEmail)})
	}
	c.Redirect(http.StatusSeeOther, back+c.Param("id"))
}
