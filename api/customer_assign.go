package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"salesflow/service"
	"salesflow/session"
)

// assignCustomer gives a customer to one of the manager's salespeople
// (service.AssignCustomer, R2.3).
func (s *Server) assignCustomer(c *gin.Context) {
	var req service.AssignmentInput
	if err := bindJSON(c, &req); err != nil {
		s.fail(c, err)
		return
	}
	u, _ := session.User(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	updated, err := s.svc.AssignCustomer(ctx, u, clientKey(c), c.Param("id"), req)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.respondCustomer(c, ctx, updated, http.StatusOK, nil)
}
