package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"salesflow/api/wire"
	"salesflow/service"
	"salesflow/session"
)

// patchCustomer edits a customer the caller may see
// (service.UpdateCustomer).
func (s *Server) patchCustomer(c *gin.Context) {
	var req service.CustomerPatch
	if err := bindJSON(c, &req); err != nil {
		s.fail(c, err)
		return
	}
	u, _ := session.User(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	updated, err := s.svc.UpdateCustomer(ctx, u, clientKey(c), c.Param("id"), req)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.respondCustomer(c, ctx, updated, http.StatusOK, nil)
}

// addInteraction logs a contact in the customer file
// (service.AddInteraction).
func (s *Server) addInteraction(c *gin.Context) {
	var req service.InteractionInput
	if err := bindJSON(c, &req); err != nil {
		s.fail(c, err)
		return
	}
	u, _ := session.User(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	logged, err := s.svc.AddInteraction(ctx, u, clientKey(c), c.Param("id"), req)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, wire.InteractionOf(logged))
}
