package api

import (
	"context"
	"net/http"
	"salesflow/api/wire"

	"github.com/gin-gonic/gin"

	"salesflow/httpx"
	"salesflow/service"
	"salesflow/session"
	"salesflow/store"
)

// addGuidance records a manager's note for a salesperson of their team
// (service.AddGuidance, R4.3).
func (s *Server) addGuidance(ctx context.Context, c *gin.Context, u store.User, req service.GuidanceInput) (wire.GuidanceNote, error) {
	return answered(wire.GuidanceNoteOf)(s.svc.AddGuidance(ctx, u, clientKey(c), req))
}

// listGuidance answers GET /guidance?salesperson_id=: the notes the caller
// may read, newest first — a salesperson their own, a manager their team's,
// an admin everyone's. Someone else's salesperson is 404.
func (s *Server) listGuidance(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	list, next, err := s.svc.Guidance(ctx, u, c.Query("salesperson_id"), httpx.Page(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, wire.PageOf(wire.Map(list, wire.GuidanceNoteOf), next))
}
