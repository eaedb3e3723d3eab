package api

import (
	"net/http"
	"salesflow/api/wire"
	"salesflow/httpx"
	"salesflow/service"
	"salesflow/session"

	"github.com/gin-gonic/gin"
)

// listNotifications: the caller's notifications, newest first
// (?unread=true for unread only).
func (s *Server) listNotifications(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	list, next, err := s.store.NotificationsFor(ctx, u.ID, c.Query("unread") == "true", httpx.Page(c))
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
	n, err := s.store.MarkNotificationRead(ctx, c.Param("id"), u.ID)
	if err != nil {
		s.fail(c, service.NotFoundAs(err, "notification "+c.Param("id")))
		return
	}
	c.JSON(http.StatusOK, wire.NotificationOf(n))
}
