package pages

import (
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"salesflow/policy"
	"salesflow/session"
	"salesflow/store"
)

// signedContractRoles may list every signed contract: the roles that see
// any contract (service.Contract) and decide or sign them (R5.2, R5.3).
var signedContractRoles = []string{string(policy.RoleMarketingDirector), string(policy.RoleCompanyApprover), session.RoleAdmin}

// SignedContractsNav reports whether the navigation offers the signed
// contracts list.
func (b pageBase) SignedContractsNav() bool {
	return b.User != nil && session.HasAnyRole(*b.User, signedContractRoles...)
}

// signedContractsPage is the list of signed contracts, newest first.
type signedContractsPage struct {
	pageBase
	Contracts []store.Contract
	Next      string // the next page's URL, "" on the last
}

// signedContracts lists the contracts both parties signed (R5.5), the
// most recently signed first, a page at a time: GET /api/v1/contracts
// ?status=signed as a page.
func (p *Server) signedContracts(c *gin.Context) {
	ctx, cancel := p.ctx(c)
	defer cancel()
	u, _ := session.User(c)
	list, next, err := p.svc.Contracts(ctx, u, string(policy.ContractSigned), store.Page{Limit: 50, Cursor: c.Query("cursor")})
	if err != nil {
		p.fail(c, err)
		return
	}
	page := signedContractsPage{pageBase: p.base(c, "signed_contracts"), Contracts: list}
	if next != "" {
		page.Next = "/contracts-signed?cursor=" + url.QueryEscape(next)
	}
	p.render(c, http.StatusOK, "contracts_signed", page)
}
