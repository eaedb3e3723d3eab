package api

import (
	"context"

	"github.com/gin-gonic/gin"

	"salesflow/api/wire"
	"salesflow/service"
	"salesflow/store"
)

// planAssignment balances customers over the manager's salespeople and,
// with apply, assigns them (service.PlanAssignment, R2.4).
func (s *Server) planAssignment(ctx context.Context, c *gin.Context, u store.User, req service.PlanInput) (wire.AssignmentPlan, error) {
	res, err := s.svc.PlanAssignment(ctx, u, clientKey(c), req)
	return wire.AssignmentPlan{Items: res.Items, Candidates: res.Candidates, Applied: req.Apply}, err
}
