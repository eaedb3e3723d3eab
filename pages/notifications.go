package pages

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"salesflow/pages/site"
	"salesflow/session"
	"salesflow/store"
)

// The notifications page: every task, reminder, escalation and digest the
// workflows wrote for the signed-in person, newest first, in their
// language; opening one marks it read and goes to what it is about.

func (p *Server) notificationPageRoutes(in *gin.RouterGroup) {
	in.GET("/notifications", p.notifications)
	in.POST("/notifications/read-all", p.readAllNotifications)
	in.POST("/notifications/open", p.openNotification)
}

// notificationsPage is the data of the notifications page.
type notificationsPage struct {
	site.Base
	Items []notificationRow
	Next  string
}

// notificationRow is one notification; Text is its body when that is a
// message (the digest) rather than the path of its subject.
type notificationRow struct {
	store.Notification
	Text string
}

func (p *Server) notifications(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	list, next, err := p.Svc.Notifications(ctx, u, c.Query("unread") == "true",
		store.Page{Limit: 50, Cursor: c.Query("cursor")})
	if err != nil {
		p.Fail(c, err)
		return
	}
	page := notificationsPage{Base: p.Base(c, "notifications"), Next: next}
	for _, n := range list {
		row := notificationRow{Notification: n}
		if !strings.HasPrefix(n.Body, "/") {
			row.Text = n.Body
		}
		page.Items = append(page.Items, row)
	}
	p.Render(c, http.StatusOK, "notifications", page)
}

// openNotification marks one of the user's notifications read and goes to
// its subject's page (another user's is not found). The id comes as a form
// field: ids are step keys and hold slashes.
func (p *Server) openNotification(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	id := c.PostForm("id")
	n, err := p.Svc.ReadNotification(ctx, u, id)
	if err != nil {
		p.Fail(c, err)
		return
	}
	target := site.LocalPath(n.Body, "/notifications")
	if n.Kind == "daily_digest" {
		target = "/digest" // its body is the digest's text, for the email
	}
	c.Redirect(http.StatusSeeOther, target)
}

func (p *Server) readAllNotifications(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	if err := p.Svc.ReadAllNotifications(ctx, u); err != nil {
		p.Fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/notifications")
}
