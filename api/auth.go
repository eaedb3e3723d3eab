package api

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/alexedwards/argon2id"
	"github.com/gin-gonic/gin"

	"salesflow/policy"
	"salesflow/service"
	"salesflow/store"
)

// Role names as handlers use them.
const (
	roleSalesperson  = string(policy.RoleSalesperson)
	roleSalesManager = string(policy.RoleSalesManager)
	roleReviewer     = string(policy.RoleReviewer)
	roleAdmin        = string(policy.RoleAdmin)
)

// sessionCookie carries the same opaque token as the bearer header, for the
// web pages. SameSite=Lax keeps cross-site form posts from riding on it.
const sessionCookie = "salesflow_session"

const userKey = "salesflow.user"

// dummyHash is compared against when a username is unknown, so a login
// takes as long for a wrong username as for a wrong password.
var dummyHash, _ = argon2id.CreateHash("salesflow-timing-equaliser", argon2id.DefaultParams)

// HashPassword returns the argon2id hash stored for a password.
func HashPassword(password string) (string, error) {
	return argon2id.CreateHash(password, argon2id.DefaultParams)
}

// sessionToken reads the bearer token, else the session cookie. The
// scheme is case-insensitive (RFC 9110 §11.1: "bearer" is "Bearer"). A
// token is what newToken makes, base64url; anything else is no token,
// never a string handed to PostgreSQL.
func sessionToken(c *gin.Context) string {
	token := ""
	if scheme, rest, ok := strings.Cut(c.GetHeader("Authorization"), " "); ok && strings.EqualFold(scheme, "Bearer") {
		token = strings.TrimSpace(rest)
	} else if v, err := c.Cookie(sessionCookie); err == nil {
		token = v
	}
	if len(token) > 100 || strings.TrimLeft(token, base64URLAlphabet) != "" {
		return ""
	}
	return token
}

const base64URLAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

// sessionKey holds the id of the session a request is signed in by.
const sessionKey = "salesflow.session"

// authenticate attaches the signed-in user, if any, to the request, and
// notes (at most once a minute) that the session was used.
func (s *Server) authenticate(c *gin.Context) {
	token := sessionToken(c)
	if token == "" {
		c.Next()
		return
	}
	u, sess, err := s.store.UserBySession(c.Request.Context(), token)
	if err == nil {
		c.Set(userKey, u)
		c.Set(sessionKey, sess.ID)
		if time.Since(sess.LastUsedAt) > time.Minute {
			if err := s.store.TouchSession(c.Request.Context(), sess.ID); err != nil {
				s.log.WarnContext(c.Request.Context(), "session last use not recorded", "error", err)
			}
		}
	} else if !errors.Is(err, store.ErrNotFound) {
		s.fail(c, err)
		return
	}
	c.Next()
}

// currentSession is the id of the session the request is signed in by.
func currentSession(c *gin.Context) string { return c.GetString(sessionKey) }

// currentUser returns the signed-in user; ok is false when anonymous.
func currentUser(c *gin.Context) (store.User, bool) {
	v, ok := c.Get(userKey)
	if !ok {
		return store.User{}, false
	}
	u, ok := v.(store.User)
	return u, ok
}

// actor is the signed-in user as workflows see them.
func actor(u store.User) policy.Actor { return service.Actor(u) }

func (s *Server) requireUser(c *gin.Context) {
	if _, ok := currentUser(c); !ok {
		s.fail(c, errUnauthenticated)
		return
	}
	c.Next()
}

// requireRole lets the request through when the user holds any of roles.
func (s *Server) requireRole(roles ...string) gin.HandlerFunc {
	return func(c *gin.Context) {
		u, _ := currentUser(c)
		for _, r := range roles {
			if policy.HasRole(u.Roles, policy.Role(r)) {
				c.Next()
				return
			}
		}
		s.fail(c, errForbiddenRole(roles...))
	}
}

type loginRequest struct {
	Username string `json:"username" text:"max=64"`
	Password string `json:"password" text:"secret"`
}

// login checks the password and opens a session: a token in the body for
// API clients and the same token in an HttpOnly cookie for the pages. A
// body not declared JSON is refused before anything else (guardWrites),
// so a cross-site form cannot sign a browser in (login CSRF).
func (s *Server) login(c *gin.Context) {
	var req loginRequest
	if err := bindJSON(c, &req); err != nil {
		s.fail(c, err)
		return
	}
	ctx, cancel := s.ctx(c)
	defer cancel()
	u, token, err := s.openSession(ctx, req.Username, req.Password, clientOf(c))
	s.answerSession(c, u, token, err)
}

// answerSession ends a sign-in or a password change: the refusal (with
// Retry-After when throttled), or the new token in the body and cookie.
func (s *Server) answerSession(c *gin.Context, u store.User, token string, err error) {
	if err != nil {
		setRetryAfter(c, err)
		s.fail(c, err)
		return
	}
	s.setSessionCookie(c, token)
	c.JSON(http.StatusOK, gin.H{"token": token, "user": userJSON(u)})
}

var errBadCredentials = problemErr(http.StatusUnauthorized, "/problems/bad-credentials", "problem.bad_credentials", "detail.bad_credentials")

// clientInfo is where a sign-in comes from, as its session records it.
type clientInfo struct{ IP, UserAgent string }

func clientOf(c *gin.Context) clientInfo {
	return clientInfo{IP: c.ClientIP(), UserAgent: c.Request.UserAgent()}
}

// openSession is a sign-in (JSON and page alike): held to the throttle,
// then the password, then a new session.
func (s *Server) openSession(ctx context.Context, username, password string, from clientInfo) (store.User, string, error) {
	var v validation
	if !service.CheckPassword(&v, "password", password) || !service.AddTextProblem(&v, "username", username, false, 64) {
		return store.User{}, "", v.Err() // before argon2 and before PostgreSQL
	}
	keys := throttleKeys(username, from.IP)
	if err := s.countAttempt(ctx, keys); err != nil {
		return store.User{}, "", err
	}
	u, err := s.checkPassword(ctx, username, password)
	if err != nil {
		return store.User{}, "", err
	}
	if err := s.forgiveAttempt(ctx, keys); err != nil {
		return store.User{}, "", err
	}
	token, err := s.newSession(ctx, u, from)
	return u, token, err
}

// checkPassword returns the active user whose password this is. Every
// refusal is the same 401 and takes as long, whether the username exists,
// the password is wrong or the user is inactive.
func (s *Server) checkPassword(ctx context.Context, username, password string) (store.User, error) {
	u, err := s.store.UserByUsername(ctx, strings.TrimSpace(username))
	if errors.Is(err, store.ErrNotFound) {
		_, _ = argon2id.ComparePasswordAndHash(password, dummyHash)
		return store.User{}, errBadCredentials
	}
	if err != nil {
		return store.User{}, err
	}
	ok, err := argon2id.ComparePasswordAndHash(password, u.PasswordHash)
	if err != nil || !ok || !u.Active {
		return store.User{}, errBadCredentials
	}
	return u, nil
}

// newSession opens a session for u, whose password hash was just checked;
// if it changed meanwhile (a reset, a deactivation) there is none.
func (s *Server) newSession(ctx context.Context, u store.User, from clientInfo) (string, error) {
	token, err := newToken()
	if err != nil {
		return "", err
	}
	err = s.store.CreateSession(ctx, store.NewSession{Token: token, UserID: u.ID, PasswordHash: u.PasswordHash,
		ClientIP: from.IP, UserAgent: from.UserAgent, Expires: time.Now().Add(s.cfg.SessionTTL)})
	if errors.Is(err, store.ErrNotFound) {
		return "", errBadCredentials
	}
	return token, err
}

func (s *Server) setSessionCookie(c *gin.Context, token string) {
	http.SetCookie(c.Writer, &http.Cookie{Name: sessionCookie, Value: token, Path: "/",
		MaxAge: int(s.cfg.SessionTTL.Seconds()), HttpOnly: true, Secure: s.cfg.CookieSecure,
		SameSite: http.SameSiteLaxMode})
}

// logout revokes the session token so neither the cookie nor the bearer
// token works again.
func (s *Server) logout(c *gin.Context) {
	if token := sessionToken(c); token != "" {
		ctx, cancel := s.ctx(c)
		defer cancel()
		if err := s.store.RevokeSession(ctx, token); err != nil {
			s.fail(c, err)
			return
		}
	}
	s.clearSessionCookie(c)
	c.Status(http.StatusNoContent)
}

// clearSessionCookie tells the browser to forget the session cookie.
func (s *Server) clearSessionCookie(c *gin.Context) {
	http.SetCookie(c.Writer, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.cfg.CookieSecure, SameSite: http.SameSiteLaxMode})
}

func (s *Server) me(c *gin.Context) {
	u, _ := currentUser(c)
	c.JSON(http.StatusOK, userJSON(u))
}

// userJSON is the public view of a user.
func userJSON(u store.User) gin.H {
	return gin.H{"id": u.ID, "username": u.Username, "name": u.Name, "roles": u.Roles,
		"manager_id": nilIfEmpty(u.ManagerID), "discount_authority_pct": u.DiscountAuthorityPct,
		"active": u.Active, "created_at": u.CreatedAt}
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func newToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}
