package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"salesflow/store"
)

// The notifications page: every task, reminder, escalation and digest the
// workflows wrote for the signed-in person, newest first, in their
// language; opening one marks it read and goes to what it is about.

func (p *pages) notificationPageRoutes(in *gin.RouterGroup) {
	in.GET("/notifications", p.notifications)
	in.POST("/notifications/read-all", p.readAllNotifications)
	in.POST("/notifications/open", p.openNotification)
}

// notificationsPage is the data of the notifications page.
type notificationsPage struct {
	pageBase
	Items []store.Notification
	Next  string
}

func (p *pages) notifications(c *gin.Context) {
	u, _ := currentUser(c)
	ctx, cancel := p.ctx(c)
	defer cancel()
	list, next, err := p.s.store.NotificationsFor(ctx, u.ID, c.Query("unread") == "true",
		store.Page{Limit: 50, Cursor: c.Query("cursor")})
	if err != nil {
		p.fail(c, err)
		return
	}
	p.render(c, http.StatusOK, "notifications", notificationsPage{pageBase: p.base(c, "notifications"), Items: list, Next: next})
}

// openNotification marks one of the user's notifications read and goes to
// its subject's page (another user's is not found). The id comes as a form
// field: ids are step keys and hold slashes.
func (p *pages) openNotification(c *gin.Context) {
	u, _ := currentUser(c)
	ctx, cancel := p.ctx(c)
	defer cancel()
	id := c.PostForm("id")
	n, err := p.s.store.MarkNotificationRead(ctx, id, u.ID)
	if err != nil {
		p.fail(c, notFoundAs(err, "notification "+id))
		return
	}
	c.Redirect(http.StatusSeeOther, localPath(n.Body, "/notifications"))
}

func (p *pages) readAllNotifications(c *gin.Context) {
	u, _ := currentUser(c)
	ctx, cancel := p.ctx(c)
	defer cancel()
	if err := p.s.store.MarkAllNotificationsRead(ctx, u.ID); err != nil {
		p.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/notifications")
}
