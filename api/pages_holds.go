package api

import (
	"errors"
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"

	"salesflow/store"
	"salesflow/workflows"
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
// /api/v1/proposals/{id}/holds/renewal.
func (p *pages) requestHoldRenewal(c *gin.Context) {
	u, _ := currentUser(c)
	ctx, cancel := p.ctx(c)
	defer cancel()
	pr, err := p.s.svc.Proposal(ctx, u, c.Param("id"))
	if err != nil {
		p.fail(c, err)
		return
	}
	wf, err := p.s.store.HoldWorkflowOf(ctx, pr.ID)
	if errors.Is(err, store.ErrNotFound) {
		err = problemErr(http.StatusConflict, "/problems/nothing-held", "problem.nothing_held", "detail.nothing_held", pr.ID)
	}
	if err == nil {
		err = p.s.svc.Update(ctx, formKey(c), wf, workflows.UpdateHoldRenewal, u, workflows.RenewalRequest{Actor: actor(u)}, nil)
	}
	if err != nil {
		p.flashProblem(c, p.problemFor(c, err))
	} else {
		p.setFlash(c, flash{Kind: "ok", Title: T(requestLang(c), "page.holds.renewal_requested")})
	}
	c.Redirect(http.StatusSeeOther, "/proposals/"+pr.ID)
}
