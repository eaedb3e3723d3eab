// Package session is who a request comes from, for every HTTP surface:
// the session token (bearer header or cookie) and its user, the roles
// routes are held to, signing in (the password check and the throttle),
// and a person's own sessions and password.
//
// It sits at the repository's root, beside service, rather than under
// web/ (the embedded templates and assets): both the JSON API (api/) and
// the pages import it, and web/ is only what the pages render. Unlike
// service it knows HTTP — it reads cookies and headers off *gin.Context
// and sets the cookie — but its refusals are service.Error values, which
// the API maps to problem+json and the pages show as a message. It imports
// store, service and policy, never api.
package session

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"log/slog"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"salesflow/policy"
	"salesflow/store"
)

// Role names as routes hold requests to them.
const (
	RoleSalesperson  = string(policy.RoleSalesperson)
	RoleSalesManager = string(policy.RoleSalesManager)
	RoleReviewer     = string(policy.RoleReviewer)
	RoleAdmin        = string(policy.RoleAdmin)
)

// Cookie carries the same opaque token as the bearer header, for the web
// pages. SameSite=Lax keeps cross-site form posts from riding on it.
const Cookie = "salesflow_session"

// The request's keys for the signed-in user and their session's id.
const (
	userKey    = "salesflow.user"
	sessionKey = "salesflow.session"
)

// Config is how long a session lasts, how its cookie is sent and how
// sign-ins are throttled.
type Config struct {
	TTL          time.Duration
	CookieSecure bool
	Throttle     Throttle
}

// Manager opens, loads and ends sessions in the store.
type Manager struct {
	store *store.Store
	log   *slog.Logger
	cfg   Config
}

// New returns the sessions of st; cfg's zero fields take the defaults
// (12 hours, DefaultThrottle).
func New(st *store.Store, log *slog.Logger, cfg Config) *Manager {
	if cfg.TTL == 0 {
		cfg.TTL = 12 * time.Hour
	}
	if cfg.Throttle == (Throttle{}) {
		cfg.Throttle = DefaultThrottle()
	}
	return &Manager{store: st, log: log, cfg: cfg}
}

// Token reads the bearer token, else the session cookie. The scheme is
// case-insensitive (RFC 9110 §11.1: "bearer" is "Bearer"). A token is what
// NewToken makes, base64url; anything else is no token, never a string
// handed to PostgreSQL.
func Token(c *gin.Context) string {
	token := ""
	if scheme, rest, ok := strings.Cut(c.GetHeader("Authorization"), " "); ok && strings.EqualFold(scheme, "Bearer") {
		token = strings.TrimSpace(rest)
	} else if v, err := c.Cookie(Cookie); err == nil {
		token = v
	}
	if len(token) > 100 || strings.TrimLeft(token, base64URLAlphabet) != "" {
		return ""
	}
	return token
}

const base64URLAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

// NewToken is 256 random bits, base64url: a session token, a form key.
func NewToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// Load attaches the signed-in user, if any, to the request, and notes (at
// most once a minute) that the session was used. A token that is no
// session is anonymous; only the store failing is an error.
func (m *Manager) Load(c *gin.Context) error {
	token := Token(c)
	if token == "" {
		return nil
	}
	ctx := c.Request.Context()
	u, sess, err := m.store.UserBySession(ctx, token)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	c.Set(userKey, u)
	c.Set(sessionKey, sess.ID)
	if time.Since(sess.LastUsedAt) > time.Minute {
		if err := m.store.TouchSession(ctx, sess.ID); err != nil {
			m.log.WarnContext(ctx, "session last use not recorded", "error", err)
		}
	}
	return nil
}

// User returns the signed-in user; ok is false when anonymous.
func User(c *gin.Context) (store.User, bool) {
	v, ok := c.Get(userKey)
	if !ok {
		return store.User{}, false
	}
	u, ok := v.(store.User)
	return u, ok
}

// ID is the id of the session the request is signed in by ("" when none).
func ID(c *gin.Context) string { return c.GetString(sessionKey) }

// SignOut revokes the request's own token, so neither the cookie nor the
// bearer token works again; no token is nothing to end.
func (m *Manager) SignOut(ctx context.Context, c *gin.Context) error {
	if token := Token(c); token != "" {
		return m.store.RevokeSession(ctx, token)
	}
	return nil
}
