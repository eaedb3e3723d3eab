package api

import (
	"context"
	"net/http"
	"salesflow/api/wire"

	"github.com/gin-gonic/gin"

	"salesflow/service"
	"salesflow/store"
)

// delegationRoutes: an approver away hands a role to someone for a while
// (R5.5; service.CreateDelegation).
func (s *Server) delegationRoutes(g *gin.RouterGroup) {
	g.POST("/delegations", jsonAction(s, http.StatusCreated,
		func(ctx context.Context, c *gin.Context, u store.User, in service.DelegationInput) (wire.Delegation, error) {
			return answered(wire.DelegationOf)(s.svc.CreateDelegation(ctx, u, clientKey(c), in))
		}))
	g.GET("/delegations", readAction(s, http.StatusOK,
		func(ctx context.Context, c *gin.Context, u store.User) (wire.ListPage[wire.Delegation], error) {
			list, err := s.svc.Delegations(ctx, u)
			return wire.PageOf(wire.Map(list, wire.DelegationOf), ""), err
		}))
	// A revoked delegation is 409; only its delegator or an admin may.
	g.POST("/delegations/:id/revoke", readAction(s, http.StatusOK,
		func(ctx context.Context, c *gin.Context, u store.User) (wire.Delegation, error) {
			return answered(wire.DelegationOf)(s.svc.RevokeDelegation(ctx, u, clientKey(c), c.Param("id")))
		}))
}
