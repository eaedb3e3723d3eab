package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"salesflow/service"
	"salesflow/session"
)

// createCustomer records a customer; the collector owns it (R2.1) except
// marketing-event leads, which wait in the pool for the manager (R2.4). The
// same customer recorded before is a 409 naming only the first record and
// its owner (R2.2); similar names come back as warnings.
func (s *Server) createCustomer(c *gin.Context) {
	var req service.CustomerInput
	if err := bindJSON(c, &req); err != nil {
		s.fail(c, err)
		return
	}
	u, _ := session.User(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	cust, warnings, err := s.svc.RecordCustomer(ctx, u, clientKey(c), req)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.respondCustomer(c, ctx, cust, http.StatusCreated, warnings)
}
