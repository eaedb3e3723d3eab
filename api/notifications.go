package api

import (
	"net/http"
	"salesflow/api/wire"
	"salesflow/httpx"
	"salesflow/session"

	"github.com/gin-gonic/gin"
)

// listNotifications: the caller's notifications, newest first
// (?unread=true for unread only).
func (s *Server) listNotifications(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	list, next, err := s.svc.Notifications(ctx, u, c.Query("unread") == "true", httpx.Page(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, wire.PageOf(wire.Map(list, wire.NotificationOf), next))
}

// readNotification marks one of the caller's notifications read; another
// user's is not found.
func (s *Server) readNotification(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	n, err := s.svc.ReadNotification(ctx, u, c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, wire.NotificationOf(n))
}
