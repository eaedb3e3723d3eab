package api

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"salesflow/service"
	"salesflow/store"
)

// The pages of a person's own sessions and password (issue 11, point 10)
// and the admin's sign-in locks (point 8). Each form calls what the JSON
// route calls: RevokeUserSession, changePassword, ClearLoginThrottle.

func (p *pages) sessionPageRoutes(in, admin *gin.RouterGroup) {
	in.GET("/account/sessions", p.accountSessions)
	in.POST("/account/sessions/:id/end", p.endSessionForm)
	in.POST("/account/password", p.changePasswordForm)
	admin.GET("/login-throttles", p.adminLoginThrottles)
	admin.POST("/login-throttles/clear", p.clearLoginThrottleForm)
}

// accountSessionsPage is the data of the user's sessions page.
type accountSessionsPage struct {
	pageBase
	Sessions []accountSessionRow
}

// accountSessionRow is one session; Current is the one the page came by.
type accountSessionRow struct {
	store.Session
	Current bool
}

func (p *pages) accountSessions(c *gin.Context) {
	p.showSessions(c, http.StatusOK, p.base(c, "account_sessions"))
}

func (p *pages) showSessions(c *gin.Context, status int, b pageBase) {
	ctx, cancel := p.ctx(c)
	defer cancel()
	sessions, err := p.s.store.SessionsOf(ctx, b.User.ID)
	if err != nil {
		p.fail(c, err)
		return
	}
	page := accountSessionsPage{pageBase: b}
	for _, sess := range sessions {
		page.Sessions = append(page.Sessions, accountSessionRow{Session: sess, Current: sess.ID == currentSession(c)})
	}
	p.render(c, status, "account_sessions", page)
}

// endSessionForm ends one of the user's sessions; ending the one in use
// is signing out.
func (p *pages) endSessionForm(c *gin.Context) {
	u, _ := currentUser(c)
	ctx, cancel := p.ctx(c)
	defer cancel()
	if err := p.s.store.RevokeUserSession(ctx, u.ID, c.Param("id")); err != nil {
		p.fail(c, service.NotFoundAs(err, "session "+c.Param("id")))
		return
	}
	if c.Param("id") == currentSession(c) {
		p.s.clearSessionCookie(c)
		c.Redirect(http.StatusSeeOther, "/login")
		return
	}
	p.done(c, "page.sessions.ended", "/account/sessions")
}

// changePasswordForm is the form twin of PUT /api/v1/me/password: every
// session ends and this browser gets a new one.
func (p *pages) changePasswordForm(c *gin.Context) {
	u, _ := currentUser(c)
	ctx, cancel := p.ctx(c)
	defer cancel()
	req := changePasswordRequest{CurrentPassword: c.PostForm("current_password"), NewPassword: c.PostForm("new_password")}
	token, err := p.s.changePassword(ctx, u, req, clientOf(c))
	if err != nil {
		setRetryAfter(c, err)
		b := p.base(c, "account_sessions")
		b.Problem = p.problemFor(c, err)
		p.showSessions(c, b.Problem.Status, b)
		return
	}
	p.s.setSessionCookie(c, token)
	p.done(c, "page.sessions.password_changed", "/account/sessions")
}

// adminThrottlesPage is the data of the admin's sign-in locks page.
type adminThrottlesPage struct {
	pageBase
	Throttles []adminThrottleRow
}

// adminThrottleRow is one count; Blocked while it makes attempts wait.
type adminThrottleRow struct {
	store.LoginThrottle
	Blocked, Locked bool
}

func (p *pages) adminLoginThrottles(c *gin.Context) {
	ctx, cancel := p.ctx(c)
	defer cancel()
	counts, now, err := p.s.store.LoginThrottles(ctx)
	if err != nil {
		p.fail(c, err)
		return
	}
	page := adminThrottlesPage{pageBase: p.base(c, "admin_users")}
	for _, t := range counts {
		row := adminThrottleRow{LoginThrottle: t}
		if row.Blocked = t.BlockedUntil.After(now); row.Blocked {
			row.Locked = p.s.cfg.LoginThrottle.rule(t.Scope).Locked(t.Failures)
		}
		page.Throttles = append(page.Throttles, row)
	}
	p.render(c, http.StatusOK, "admin_login_throttles", page)
}

// clearLoginThrottleForm is the form twin of DELETE
// /api/v1/login-throttles/{scope}/{key}; clearing one already gone is done.
func (p *pages) clearLoginThrottleForm(c *gin.Context) {
	ctx, cancel := p.ctx(c)
	defer cancel()
	k := store.ThrottleKey{Scope: c.PostForm("scope"), Key: c.PostForm("key")}
	if err := p.s.store.ClearLoginThrottle(ctx, k); err != nil && !errors.Is(err, store.ErrNotFound) {
		p.fail(c, err)
		return
	}
	p.done(c, "page.throttles.cleared", "/admin/login-throttles")
}
