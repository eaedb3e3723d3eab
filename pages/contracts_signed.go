package pages

import (
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"salesflow/pages/site"
	"salesflow/policy"
	"salesflow/session"
	"salesflow/store"
)

// signedContractsPage is the list of signed contracts, newest first.
type signedContractsPage struct {
	site.Base
	Contracts []store.Contract
	Next      string // the next page's URL, "" on the last
}

// signedContracts lists the contracts both parties signed (R5.5), the
// most recently signed first, a page at a time: GET /api/v1/contracts
// ?status=signed as a page.
func (p *Server) signedContracts(c *gin.Context) {
	ctx, cancel := p.Ctx(c)
	defer cancel()
	u, _ := session.User(c)
	list, next, err := p.Svc.Contracts(ctx, u, string(policy.ContractSigned), store.Page{Limit: 50, Cursor: c.Query("cursor")})
	if err != nil {
		p.Fail(c, err)
		return
	}
	page := signedContractsPage{Base: p.Base(c, "signed_contracts"), Contracts: list}
	if next != "" {
		page.Next = "/contracts-signed?cursor=" + url.QueryEscape(next)
	}
	p.Render(c, http.StatusOK, "contracts_signed", page)
}
