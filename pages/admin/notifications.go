package admin

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"salesflow/httpx"
	"salesflow/i18n"
	"salesflow/pages/site"
	"salesflow/session"
	"salesflow/store"
)

// The admins' delivery page (issue 9): the notifications that mail or the
// webhook refused for good or gave up on (dead letters), and those still
// waiting with their attempts and the last error; a retry button on each
// and one for every dead letter. The forms are the twins of POST
// /api/v1/notification-deliveries/{id}/retry and …/retry; the id comes as
// a form field, as ids are step keys and hold slashes.

func (p *Server) adminNotificationRoutes(admin *gin.RouterGroup) {
	admin.GET("/notifications", p.adminNotifications)
	admin.POST("/notifications/retry", p.retryNotificationForm)
	admin.POST("/notifications/retry-all", p.retryDeadLettersForm)
}

// adminNotificationsPage is one list (State failed or pending) with the
// counts of both and a fresh key per button.
type adminNotificationsPage struct {
	site.Base
	State    string
	Counts   store.DeliveryCounts
	Items    []deliveryRow
	Next     string
	RetryKey string // the retry-all button's
}

// deliveryRow is one notification with its retry button's key.
type deliveryRow struct {
	store.Delivery
	Key string
}

// Waiting is how many notifications wait on some channel (a row waiting
// on both counts once per channel).
func (pg adminNotificationsPage) Waiting() int {
	return pg.Counts.Email.Pending + pg.Counts.Webhook.Pending
}

// Dead is how many channels were dead-lettered.
func (pg adminNotificationsPage) Dead() int {
	return pg.Counts.Email.DeadLettered + pg.Counts.Webhook.DeadLettered
}

func (p *Server) adminNotifications(c *gin.Context) {
	state, err := httpx.DeliveryState(c)
	if err != nil {
		p.Fail(c, err)
		return
	}
	ctx, cancel := p.Ctx(c)
	defer cancel()
	list, next, err := p.Svc.Deliveries(ctx, state, store.Page{Limit: 50, Cursor: c.Query("cursor")})
	if err != nil {
		p.Fail(c, err)
		return
	}
	counts, err := p.Svc.DeliveryCounts(ctx)
	if err != nil {
		p.Fail(c, err)
		return
	}
	page := adminNotificationsPage{Base: p.Base(c, "admin_notifications"), State: state, Counts: counts,
		Next: next, RetryKey: site.NewFormKey()}
	for _, d := range list {
		page.Items = append(page.Items, deliveryRow{Delivery: d, Key: site.NewFormKey()})
	}
	p.Render(c, http.StatusOK, "admin_notifications", page)
}

// retryNotificationForm retries one; refused (settled, or being sent), it
// comes back with a flash.
func (p *Server) retryNotificationForm(c *gin.Context) {
	back := "/admin/notifications"
	if c.PostForm("state") == store.DeliveryPending {
		back += "?state=" + store.DeliveryPending
	}
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	if _, err := p.Svc.RetryDelivery(ctx, u, site.FormKey(c), c.PostForm("id")); err != nil {
		p.FlashProblem(c, p.ProblemFor(c, err))
		c.Redirect(http.StatusSeeOther, back)
		return
	}
	p.Done(c, "page.admin.delivery_retried", back)
}

func (p *Server) retryDeadLettersForm(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	n, err := p.Svc.RetryDeadLetters(ctx, u, site.FormKey(c))
	if err != nil {
		p.FlashProblem(c, p.ProblemFor(c, err))
		c.Redirect(http.StatusSeeOther, "/admin/notifications")
		return
	}
	p.SetFlash(c, site.Flash{Kind: "ok", Title: i18n.T(httpx.Lang(c), "page.admin.dead_letters_retried", n)})
	c.Redirect(http.StatusSeeOther, "/admin/notifications?state=pending")
}
