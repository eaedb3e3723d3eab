package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"salesflow/api/wire"
	"salesflow/session"
	"salesflow/store"
)

// The JSON routes of a person's own sessions and password (issue 11,
// point 10) and of the admin's sign-in locks (point 8); what they do is
// package session's, which the pages call too.

func (s *Server) sessionRoutes(authed *gin.RouterGroup) {
	authed.GET("/me/sessions", s.mySessions)
	authed.DELETE("/me/sessions/:id", s.endMySession)
	authed.PUT("/me/password", s.changeMyPassword)
	authed.GET("/login-throttles", s.requireRole(session.RoleAdmin), s.listLoginThrottles)
	authed.DELETE("/login-throttles/:scope/:key", s.requireRole(session.RoleAdmin), s.clearLoginThrottle)
}

// sessionJSON is a session as its owner sees it; current marks the one
// the request came by.
func sessionJSON(sess session.Listed) wire.SessionView {
	return wire.SessionView{ID: sess.ID, CreatedAt: sess.CreatedAt, LastUsedAt: sess.LastUsedAt,
		ExpiresAt: sess.ExpiresAt, ClientIP: sess.ClientIP, UserAgent: sess.UserAgent,
		Current: sess.Current}
}

func (s *Server) mySessions(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	sessions, err := s.sessions.List(ctx, u, session.ID(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	items := make([]wire.SessionView, len(sessions))
	for i, sess := range sessions {
		items[i] = sessionJSON(sess)
	}
	c.JSON(http.StatusOK, wire.ItemList[wire.SessionView]{Items: items})
}

// endMySession ends one of the user's own sessions (a lost phone).
func (s *Server) endMySession(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	if err := s.sessions.Revoke(ctx, u, c.Param("id")); err != nil {
		s.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

// changeMyPassword sets the user's own password, ends every session they
// had (this one too) and answers a fresh session for this client.
func (s *Server) changeMyPassword(c *gin.Context) {
	var req wire.ChangePasswordRequest
	if err := bindJSON(c, &req); err != nil {
		s.fail(c, err)
		return
	}
	u, _ := session.User(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	token, err := s.sessions.ChangePassword(ctx, u, session.PasswordChange(req), session.ClientOf(c))
	s.answerSession(c, u, token, err)
}

// loginThrottleJSON is one count as the admin sees it: blocked_until is
// null when the next attempt may come at once.
func loginThrottleJSON(t session.Count) wire.LoginThrottleView {
	var until *time.Time
	if t.Blocked {
		until = &t.BlockedUntil
	}
	return wire.LoginThrottleView{Scope: t.Scope, Key: t.Key, Failures: t.Failures, LastAttemptAt: t.LastAttemptAt,
		BlockedUntil: until, Locked: t.Locked}
}

func (s *Server) listLoginThrottles(c *gin.Context) {
	ctx, cancel := s.ctx(c)
	defer cancel()
	counts, err := s.sessions.Counts(ctx)
	if err != nil {
		s.fail(c, err)
		return
	}
	items := make([]wire.LoginThrottleView, len(counts))
	for i, t := range counts {
		items[i] = loginThrottleJSON(t)
	}
	c.JSON(http.StatusOK, wire.ItemList[wire.LoginThrottleView]{Items: items})
}

// clearLoginThrottle lifts a lock: the count starts again from nothing.
func (s *Server) clearLoginThrottle(c *gin.Context) {
	ctx, cancel := s.ctx(c)
	defer cancel()
	k := store.ThrottleKey{Scope: c.Param("scope"), Key: c.Param("key")}
	if err := s.sessions.ClearCount(ctx, k); err != nil {
		s.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
