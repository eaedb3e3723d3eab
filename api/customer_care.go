package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"salesflow/service"
	"salesflow/session"
)

// flagDifficult lets the owner flag their customer as large or difficult
// (service.FlagDifficult, R3.4).
func (s *Server) flagDifficult(c *gin.Context) {
	var req service.DifficultyInput
	if err := bindJSON(c, &req); err != nil {
		s.fail(c, err)
		return
	}
	u, _ := session.User(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	updated, err := s.svc.FlagDifficult(ctx, u, clientKey(c), c.Param("id"), req)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.respondCustomer(c, ctx, updated, http.StatusCreated, nil)
}
