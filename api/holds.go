package api

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"salesflow/api/wire"
	"salesflow/service"
	"salesflow/session"
	"salesflow/store"
	"salesflow/workflows"
)

// holdRoutes are issue 13's holds, waiting lists and the release of claims
// (service/holds.go).
func (s *Server) holdRoutes(g *gin.RouterGroup) {
	g.GET("/resources/:id/claims", readAction(s, http.StatusOK, s.listClaims))
	g.GET("/resources/:id/waitlist", readAction(s, http.StatusOK, s.listWaitlist))
	g.POST("/resources/:id/waitlist", s.requireRole(session.RoleSalesperson), jsonAction(s, http.StatusCreated, s.joinWaitlist))
	g.POST("/waitlist/:id/withdraw", readAction(s, http.StatusOK, s.withdrawWaitlist))
	g.POST("/claims/:id/release", jsonAction(s, http.StatusOK, s.releaseClaim))
	g.GET("/proposals/:id/holds", readAction(s, http.StatusOK, s.proposalHolds))
	g.POST("/proposals/:id/holds/renewal", readAction(s, http.StatusOK, s.requestHoldRenewal))
}

func (s *Server) listClaims(ctx context.Context, c *gin.Context, u store.User) (wire.ItemList[wire.ResourceClaim], error) {
	return answered(resourceClaims)(s.svc.ResourceClaims(ctx, u, c.Param("id"), c.Query("from"), c.Query("to")))
}

func (s *Server) proposalHolds(ctx context.Context, c *gin.Context, u store.User) (wire.ItemList[wire.ResourceClaim], error) {
	return answered(resourceClaims)(s.svc.ProposalHolds(ctx, u, c.Param("id")))
}

// resourceClaims answers a list of claims.
func resourceClaims(list []store.ResourceClaim) wire.ItemList[wire.ResourceClaim] {
	return wire.ItemList[wire.ResourceClaim]{Items: wire.Map(list, wire.ResourceClaimOf)}
}

// requestHoldRenewal is the owner asking their manager to renew the
// proposal's holds (service.RequestHoldRenewal). No request body.
func (s *Server) requestHoldRenewal(ctx context.Context, c *gin.Context, u store.User) (workflows.HoldState, error) {
	return s.svc.RequestHoldRenewal(ctx, u, clientKey(c), c.Param("id"))
}

// releaseClaim lets a claim go (service.ReleaseClaim).
func (s *Server) releaseClaim(ctx context.Context, c *gin.Context, u store.User, req service.ReleaseInput) (wire.ResourceClaim, error) {
	return answered(wire.ResourceClaimOf)(s.svc.ReleaseClaim(ctx, u, clientKey(c), c.Param("id"), req))
}

// joinWaitlist queues the salesperson for a resource's dates
// (service.JoinWaitlist).
func (s *Server) joinWaitlist(ctx context.Context, c *gin.Context, u store.User, req service.JoinWaitlistInput) (wire.WaitlistEntry, error) {
	return answered(wire.WaitlistEntryOf)(s.svc.JoinWaitlist(ctx, u, c.Param("id"), req))
}

// listWaitlist is a resource's queue (service.Waitlist).
func (s *Server) listWaitlist(ctx context.Context, c *gin.Context, u store.User) (wire.ItemList[wire.WaitlistEntry], error) {
	list, err := s.svc.Waitlist(ctx, u, c.Param("id"))
	return wire.ItemList[wire.WaitlistEntry]{Items: wire.Map(list, wire.WaitlistEntryOf)}, err
}

// withdrawWaitlist takes the caller's entry out of the queue
// (service.WithdrawWaitlist). No request body.
func (s *Server) withdrawWaitlist(ctx context.Context, c *gin.Context, u store.User) (wire.WaitlistEntry, error) {
	return answered(wire.WaitlistEntryOf)(s.svc.WithdrawWaitlist(ctx, u, clientKey(c), c.Param("id")))
}
