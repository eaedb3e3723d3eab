package api

import (
	"time"

	"context"
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"salesflow/service"
	"salesflow/store"
)

// A person's own sessions and password (issue 11, point 10), and the
// admin's view of sign-in locks (point 8).

func (s *Server) sessionRoutes(authed *gin.RouterGroup) {
	authed.GET("/me/sessions", s.mySessions)
	authed.DELETE("/me/sessions/:id", s.endMySession)
	authed.PUT("/me/password", s.changeMyPassword)
	authed.GET("/login-throttles", s.requireRole(roleAdmin), s.listLoginThrottles)
	authed.DELETE("/login-throttles/:scope/:key", s.requireRole(roleAdmin), s.clearLoginThrottle)
}

// sessionJSON is a session as its owner sees it; current marks the one
// the request came by.
func sessionJSON(sess store.Session, current string) sessionView {
	return sessionView{ID: sess.ID, CreatedAt: sess.CreatedAt, LastUsedAt: sess.LastUsedAt,
		ExpiresAt: sess.ExpiresAt, ClientIP: sess.ClientIP, UserAgent: sess.UserAgent,
		Current: sess.ID == current}
}

func (s *Server) mySessions(c *gin.Context) {
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	sessions, err := s.store.SessionsOf(ctx, u.ID)
	if err != nil {
		s.fail(c, err)
		return
	}
	items := make([]sessionView, len(sessions))
	for i, sess := range sessions {
		items[i] = sessionJSON(sess, currentSession(c))
	}
	c.JSON(http.StatusOK, itemList[sessionView]{Items: items})
}

// endMySession ends one of the user's own sessions (a lost phone); another
// user's session id is not found, as if it did not exist.
func (s *Server) endMySession(c *gin.Context) {
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	if err := s.store.RevokeUserSession(ctx, u.ID, c.Param("id")); err != nil {
		s.fail(c, service.NotFoundAs(err, "session "+c.Param("id")))
		return
	}
	c.Status(http.StatusNoContent)
}

type changePasswordRequest struct {
	CurrentPassword string `json:"current_password"`
	NewPassword     string `json:"new_password"`
}

// changeMyPassword sets the user's own password, ends every session they
// had (this one too) and answers a fresh session for this client.
func (s *Server) changeMyPassword(c *gin.Context) {
	var req changePasswordRequest
	if err := bindJSON(c, &req); err != nil {
		s.fail(c, err)
		return
	}
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	token, err := s.changePassword(ctx, u, req, clientOf(c))
	s.answerSession(c, u, token, err)
}

// changePassword is a person changing their own password (API and page).
// The current password is checked as a sign-in is, held to the same
// throttle, so a borrowed session cannot be used to guess it. The new one
// ends every session the user had (store.UpdateUser), and a new session
// is opened for this client.
func (s *Server) changePassword(ctx context.Context, u store.User, req changePasswordRequest, from clientInfo) (string, error) {
	if err := renameField(service.UserPatch{Password: &req.NewPassword}.Check(), "password", "new_password"); err != nil {
		return "", err
	}
	keys := throttleKeys(u.Username, from.IP)
	if err := s.countAttempt(ctx, keys); err != nil {
		return "", err
	}
	if _, err := s.checkPassword(ctx, u.Username, req.CurrentPassword); err != nil {
		if errors.Is(err, errBadCredentials) {
			var v validation
			v.Add("current_password", "field.current_password")
			return "", v.Err()
		}
		return "", err
	}
	if err := s.forgiveAttempt(ctx, keys); err != nil {
		return "", err
	}
	hash, err := service.HashPassword(req.NewPassword)
	if err != nil {
		return "", err
	}
	changed, err := s.store.UpdateUser(ctx, u.ID, store.UserPatch{PasswordHash: &hash})
	if err != nil {
		return "", err
	}
	return s.newSession(ctx, changed, from)
}

// renameField gives a validation problem's field the name this request
// uses, where the rule is shared with a request that names it otherwise.
func renameField(err error, from, to string) error {
	var ae *apiError
	if !errors.As(err, &ae) {
		return err
	}
	renamed := *ae
	renamed.Fields = nil
	for _, f := range ae.Fields {
		if f.Field == from {
			f.Field = to
		}
		renamed.Fields = append(renamed.Fields, f)
	}
	return &renamed
}

// loginThrottleJSON is one count as the admin sees it: blocked_until is
// null when the next attempt may come at once.
func (s *Server) loginThrottleJSON(t store.LoginThrottle, blocked bool) loginThrottleView {
	var until *time.Time
	if blocked {
		until = &t.BlockedUntil
	}
	return loginThrottleView{Scope: t.Scope, Key: t.Key, Failures: t.Failures, LastAttemptAt: t.LastAttemptAt,
		BlockedUntil: until, Locked: blocked && s.cfg.LoginThrottle.rule(t.Scope).Locked(t.Failures)}
}

func (s *Server) listLoginThrottles(c *gin.Context) {
	ctx, cancel := s.ctx(c)
	defer cancel()
	counts, now, err := s.store.LoginThrottles(ctx)
	if err != nil {
		s.fail(c, err)
		return
	}
	items := []loginThrottleView{}
	for _, t := range counts {
		items = append(items, s.loginThrottleJSON(t, t.BlockedUntil.After(now)))
	}
	c.JSON(http.StatusOK, itemList[loginThrottleView]{Items: items})
}

// clearLoginThrottle lifts a lock: the count starts again from nothing.
func (s *Server) clearLoginThrottle(c *gin.Context) {
	ctx, cancel := s.ctx(c)
	defer cancel()
	k := store.ThrottleKey{Scope: c.Param("scope"), Key: c.Param("key")}
	if err := s.store.ClearLoginThrottle(ctx, k); err != nil {
		s.fail(c, service.NotFoundAs(err, "login throttle "+k.Scope+"/"+k.Key))
		return
	}
	c.Status(http.StatusNoContent)
}
