package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"salesflow/api/wire"
	"salesflow/session"
	"salesflow/store"
)

// Who a request comes from is package session's; what follows is the
// API's middleware over it and the JSON routes of signing in and out.

// sessionCookie is the session's cookie, for the guard that holds
// cookie-signed writes to the same origin.
const sessionCookie = session.Cookie

// authenticate attaches the signed-in user, if any, to the request.
func (s *Server) authenticate(c *gin.Context) {
	if err := s.sessions.Load(c); err != nil {
		s.fail(c, err)
		return
	}
	c.Next()
}

func (s *Server) requireUser(c *gin.Context) { session.RequireUser(s.fail)(c) }

// requireRole lets the request through when the user holds any of roles.
func (s *Server) requireRole(roles ...string) gin.HandlerFunc {
	return session.RequireRole(s.fail, roles...)
}

// login checks the password and opens a session: a token in the body for
// API clients and the same token in an HttpOnly cookie for the pages. A
// body not declared JSON is refused before anything else (guardWrites),
// so a cross-site form cannot sign a browser in (login CSRF).
func (s *Server) login(c *gin.Context) {
	var req wire.LoginRequest
	if err := bindJSON(c, &req); err != nil {
		s.fail(c, err)
		return
	}
	ctx, cancel := s.ctx(c)
	defer cancel()
	u, token, err := s.sessions.Open(ctx, req.Username, req.Password, session.ClientOf(c))
	s.answerSession(c, u, token, err)
}

// answerSession ends a sign-in or a password change: the refusal (with
// Retry-After when throttled), or the new token in the body and cookie.
func (s *Server) answerSession(c *gin.Context, u store.User, token string, err error) {
	if err != nil {
		session.SetRetryAfter(c, err)
		s.fail(c, err)
		return
	}
	s.sessions.SetCookie(c, token)
	c.JSON(http.StatusOK, wire.SessionAnswer{Token: token, User: userJSON(u)})
}

// logout revokes the session token so neither the cookie nor the bearer
// token works again.
func (s *Server) logout(c *gin.Context) {
	ctx, cancel := s.ctx(c)
	defer cancel()
	if err := s.sessions.SignOut(ctx, c); err != nil {
		s.fail(c, err)
		return
	}
	s.sessions.ClearCookie(c)
	c.Status(http.StatusNoContent)
}

func (s *Server) me(c *gin.Context) {
	u, _ := session.User(c)
	c.JSON(http.StatusOK, userJSON(u))
}

// userJSON is the public view of a user.
func userJSON(u store.User) wire.UserView {
	return wire.UserView{ID: u.ID, Username: u.Username, Name: u.Name, Roles: u.Roles,
		ManagerID: wire.Nullable(u.ManagerID), DiscountAuthorityPct: u.DiscountAuthorityPct,
		Active: u.Active, CreatedAt: u.CreatedAt}
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}
