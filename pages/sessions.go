package pages

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"salesflow/pages/site"
	"salesflow/service"
	"salesflow/session"
	"salesflow/store"
)

// The pages of a person's own sessions and password (issue 11, point 10)
// and the admin's sign-in locks (point 8). Each form calls what the JSON
// route calls, in package session: Revoke, ChangePassword, ClearCount.

func (p *Server) sessionPageRoutes(in, admin *gin.RouterGroup) {
	in.GET("/account/sessions", p.accountSessions)
	in.POST("/account/sessions/:id/end", p.endSessionForm)
	in.POST("/account/password", p.changePasswordForm)
	admin.GET("/login-throttles", p.adminLoginThrottles)
	admin.POST("/login-throttles/clear", p.clearLoginThrottleForm)
}

// accountSessionsPage is the data of the user's sessions page.
type accountSessionsPage struct {
	site.Base
	Sessions []accountSessionRow
}

// accountSessionRow is one session; Current is the one the page came by.
type accountSessionRow = session.Listed

func (p *Server) accountSessions(c *gin.Context) {
	p.showSessions(c, http.StatusOK, p.Base(c, "account_sessions"))
}

func (p *Server) showSessions(c *gin.Context, status int, b site.Base) {
	ctx, cancel := p.Ctx(c)
	defer cancel()
	sessions, err := p.Sessions.List(ctx, *b.User, session.ID(c))
	if err != nil {
		p.Fail(c, err)
		return
	}
	p.Render(c, status, "account_sessions", accountSessionsPage{Base: b, Sessions: sessions})
}

// endSessionForm ends one of the user's sessions; ending the one in use
// is signing out.
func (p *Server) endSessionForm(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	if err := p.Sessions.Revoke(ctx, u, c.Param("id")); err != nil {
		p.Fail(c, err)
		return
	}
	if c.Param("id") == session.ID(c) {
		p.Sessions.ClearCookie(c)
		c.Redirect(http.StatusSeeOther, "/login")
		return
	}
	p.Done(c, "page.sessions.ended", "/account/sessions")
}

// changePasswordForm is the form twin of PUT /api/v1/me/password: every
// session ends and this browser gets a new one.
func (p *Server) changePasswordForm(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	in := session.PasswordChange{CurrentPassword: c.PostForm("current_password"), NewPassword: c.PostForm("new_password")}
	token, err := p.Sessions.ChangePassword(ctx, u, in, session.ClientOf(c))
	if err != nil {
		session.SetRetryAfter(c, err)
		b := p.Base(c, "account_sessions")
		b.Problem = p.ProblemFor(c, err)
		p.showSessions(c, b.Problem.Status, b)
		return
	}
	p.Sessions.SetCookie(c, token)
	p.Done(c, "page.sessions.password_changed", "/account/sessions")
}

// adminThrottlesPage is the data of the admin's sign-in locks page.
type adminThrottlesPage struct {
	site.Base
	Throttles []adminThrottleRow
}

// adminThrottleRow is one count; Blocked while it makes attempts wait.
type adminThrottleRow = session.Count

func (p *Server) adminLoginThrottles(c *gin.Context) {
	ctx, cancel := p.Ctx(c)
	defer cancel()
	counts, err := p.Sessions.Counts(ctx)
	if err != nil {
		p.Fail(c, err)
		return
	}
	p.Render(c, http.StatusOK, "admin_login_throttles", adminThrottlesPage{Base: p.Base(c, "admin_users"), Throttles: counts})
}

// clearLoginThrottleForm is the form twin of DELETE
// /api/v1/login-throttles/{scope}/{key}; clearing one already gone is done.
func (p *Server) clearLoginThrottleForm(c *gin.Context) {
	ctx, cancel := p.Ctx(c)
	defer cancel()
	k := store.ThrottleKey{Scope: c.PostForm("scope"), Key: c.PostForm("key")}
	var se *service.Error
	if err := p.Sessions.ClearCount(ctx, k); err != nil && !(errors.As(err, &se) && se.Kind == service.KindNotFound) {
		p.Fail(c, err)
		return
	}
	p.Done(c, "page.throttles.cleared", "/admin/login-throttles")
}
