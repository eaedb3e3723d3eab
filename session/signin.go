package session

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/alexedwards/argon2id"
	"github.com/gin-gonic/gin"

	"salesflow/service"
	"salesflow/store"
)

// ErrBadCredentials refuses a sign-in: the same for an unknown username, a
// wrong password and an inactive user.
var ErrBadCredentials = service.NewError(service.KindUnauthenticated, "bad-credentials", "problem.bad_credentials", "detail.bad_credentials")

// dummyHash is compared against when a username is unknown, so a sign-in
// takes as long for a wrong username as for a wrong password.
var dummyHash, _ = argon2id.CreateHash("salesflow-timing-equaliser", argon2id.DefaultParams)

// Client is where a sign-in comes from, as its session records it.
type Client struct{ IP, UserAgent string }

// ClientOf is the request's client (its address as gin trusts it).
func ClientOf(c *gin.Context) Client {
	return Client{IP: c.ClientIP(), UserAgent: c.Request.UserAgent()}
}

// Open is a sign-in (JSON and page alike): held to the throttle, then the
// password, then a new session, whose token it returns.
func (m *Manager) Open(ctx context.Context, username, password string, from Client) (store.User, string, error) {
	var v service.Validation
	if !service.CheckPassword(&v, "password", password) || !service.AddTextProblem(&v, "username", username, false, 64) {
		return store.User{}, "", v.Err() // before argon2 and before PostgreSQL
	}
	keys := throttleKeys(username, from.IP)
	if err := m.countAttempt(ctx, keys); err != nil {
		return store.User{}, "", err
	}
	u, err := m.CheckPassword(ctx, username, password)
	if err != nil {
		return store.User{}, "", err
	}
	if err := m.forgiveAttempt(ctx, keys); err != nil {
		return store.User{}, "", err
	}
	token, err := m.create(ctx, u, from)
	return u, token, err
}

// CheckPassword returns the active user whose password this is. Every
// refusal is ErrBadCredentials and takes as long, whether the username
// exists, the password is wrong or the user is inactive.
func (m *Manager) CheckPassword(ctx context.Context, username, password string) (store.User, error) {
	u, err := m.store.UserByUsername(ctx, strings.TrimSpace(username))
	if errors.Is(err, store.ErrNotFound) {
		_, _ = argon2id.ComparePasswordAndHash(password, dummyHash)
		return store.User{}, ErrBadCredentials
	}
	if err != nil {
		return store.User{}, err
	}
	ok, err := argon2id.ComparePasswordAndHash(password, u.PasswordHash)
	if err != nil || !ok || !u.Active {
		return store.User{}, ErrBadCredentials
	}
	return u, nil
}

// create opens a session for u, whose password hash was just checked; if
// it changed meanwhile (a reset, a deactivation) there is none.
func (m *Manager) create(ctx context.Context, u store.User, from Client) (string, error) {
	token, err := NewToken()
	if err != nil {
		return "", err
	}
	err = m.store.CreateSession(ctx, store.NewSession{Token: token, UserID: u.ID, PasswordHash: u.PasswordHash,
		ClientIP: from.IP, UserAgent: from.UserAgent, Expires: time.Now().Add(m.cfg.TTL)})
	if errors.Is(err, store.ErrNotFound) {
		return "", ErrBadCredentials
	}
	return token, err
}

// SetCookie gives the browser the session's token: HttpOnly, so no script
// reads it; SameSite=Lax, so no cross-site post carries it.
func (m *Manager) SetCookie(c *gin.Context, token string) {
	http.SetCookie(c.Writer, &http.Cookie{Name: Cookie, Value: token, Path: "/",
		MaxAge: int(m.cfg.TTL.Seconds()), HttpOnly: true, Secure: m.cfg.CookieSecure,
		SameSite: http.SameSiteLaxMode})
}

// ClearCookie tells the browser to forget the session cookie.
func (m *Manager) ClearCookie(c *gin.Context) {
	http.SetCookie(c.Writer, &http.Cookie{Name: Cookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: m.cfg.CookieSecure, SameSite: http.SameSiteLaxMode})
}
