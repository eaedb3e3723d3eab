package pages

import (
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"

	"salesflow/httpx"
	"salesflow/i18n"
	"salesflow/pages/site"
	"salesflow/session"
	"salesflow/store"
)

// canRenew mirrors the hold workflow's validator: only the owner asks,
// and only while a hold of the proposal is live and not yet its
// contract's (issue 13).
func canRenew(pr store.Proposal, u store.User, holds []store.ResourceClaim) bool {
	return pr.OwnerID == u.ID && slices.ContainsFunc(holds, func(c store.ResourceClaim) bool {
		return c.State == store.ClaimHeld && c.ContractID == ""
	})
}

// requestHoldRenewal is the form twin of POST
// /api/v1/proposals/{id}/holds/renewal (service.RequestHoldRenewal).
func (p *Server) requestHoldRenewal(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	// a proposal the user cannot see is the problem page, a refusal of
	// the renewal a message on the proposal's page
	pr, err := p.Svc.Proposal(ctx, u, c.Param("id"))
	if err != nil {
		p.Fail(c, err)
		return
	}
	if _, err := p.Svc.RequestHoldRenewal(ctx, u, site.FormKey(c), pr.ID); err != nil {
		p.FlashProblem(c, p.ProblemFor(c, err))
	} else {
		p.SetFlash(c, site.Flash{Kind: "ok", Title: i18n.T(httpx.Lang(c), "page.holds.renewal_requested")})
	}
	c.Redirect(http.StatusSeeOther, "/proposals/"+pr.ID)
}
