package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// listNotifications shows the caller their own notifications, newest first
// (the R2.5 reminder before a contact deadline).
func (s *Server) listNotifications(c *gin.Context) {
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	list, err := s.store.NotificationsFor(ctx, u.ID, pageParams(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": list})
}
