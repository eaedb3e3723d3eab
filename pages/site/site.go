// Package site is what every page of the web interface shares: the
// layout's data, rendering, the error page, the flash message, form keys
// and the middleware in front of the pages. The areas (package pages and
// its sub-packages admin, customers, visits) embed *Site and add their
// handlers; none of them reaches another area's handlers.
package site

import (
	"cmp"
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"salesflow/httpx"
	"salesflow/i18n"
	"salesflow/policy"
	"salesflow/service"
	"salesflow/session"
	"salesflow/web"
)

// Site holds what the pages' handlers work with: the use cases (reads
// and actions alike), the sessions and the deployment's Config.
type Site struct {
	Svc      *service.Service
	Sessions *session.Manager
	Log      *slog.Logger
	Cfg      Config
	view     *web.Renderer
}

// Config is what the pages need to know of the deployment.
type Config struct {
	// RequestTimeout bounds one page's work; zero: 30 seconds.
	RequestTimeout time.Duration
	// CookieSecure marks the language and flash cookies Secure (HTTPS).
	CookieSecure bool
	// TemporalUIURL and TemporalNamespace make the admins' links into the
	// Temporal Web UI ({ui}/namespaces/{ns}/workflows/{id}); empty means
	// the dev server's http://127.0.0.1:8233 and the namespace default.
	TemporalUIURL     string
	TemporalNamespace string
	// PublicURL is the address customers reach the app under, for the
	// customer links; empty means the address of the owner's request.
	PublicURL string
}

// New parses the templates in both languages.
func New(svc *service.Service, sessions *session.Manager, log *slog.Logger, cfg Config) (*Site, error) {
	view, err := web.New(web.Options{Location: policy.Shanghai})
	if err != nil {
		return nil, err
	}
	if cfg.RequestTimeout == 0 {
		cfg.RequestTimeout = 30 * time.Second
	}
	cfg.TemporalUIURL = strings.TrimRight(cmp.Or(cfg.TemporalUIURL, "http://127.0.0.1:8233"), "/")
	cfg.TemporalNamespace = cmp.Or(cfg.TemporalNamespace, "default")
	return &Site{Svc: svc, Sessions: sessions, Log: log, Cfg: cfg, view: view}, nil
}

// SecurityHeaders keeps the pages from being framed (a hidden approve
// button is still an approve button) and from loading anything foreign.
func (p *Site) SecurityHeaders(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; object-src 'none'; "+
		"base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Cache-Control", "no-store")
	c.Next()
}

// SameOrigin refuses a form post from another site. SameSite=Lax on the
// session cookie already keeps a cross-site POST from being signed in; this
// also stops one that forges the login form or rides a same-site sibling.
// Browsers send Origin on POST; Referer is the fallback; a request with
// neither (not a browser) passes, as it carries no ambient cookie risk.
func (p *Site) SameOrigin(c *gin.Context) {
	if c.Request.Method == http.MethodGet || c.Request.Method == http.MethodHead {
		c.Next()
		return
	}
	source := c.GetHeader("Origin")
	if source == "" {
		source = c.GetHeader("Referer")
	}
	if source != "" {
		if u, err := url.Parse(source); err != nil || u.Host != c.Request.Host {
			p.Fail(c, service.ErrForbidden)
			return
		}
	}
	c.Next()
}

// RequireUser sends anonymous visitors to the sign-in page, remembering
// where they were going when that is a page they asked for with GET.
func (p *Site) RequireUser(c *gin.Context) {
	if _, ok := session.User(c); ok {
		c.Next()
		return
	}
	p.ToLogin(c)
}

// ToLogin redirects to the sign-in page (for htmx, through HX-Redirect).
func (p *Site) ToLogin(c *gin.Context) {
	target := "/login"
	if c.Request.Method == http.MethodGet {
		target += "?next=" + url.QueryEscape(c.Request.URL.RequestURI())
	}
	if IsHTMX(c) {
		c.Header("HX-Redirect", target)
		c.AbortWithStatus(http.StatusUnauthorized)
		return
	}
	c.Redirect(http.StatusSeeOther, target)
	c.Abort()
}

// CheckParams refuses a path or query parameter that breaks the text rule
// (httpx.ParamsErr) with an error page.
func (p *Site) CheckParams(c *gin.Context) {
	if err := httpx.ParamsErr(c); err != nil {
		p.Fail(c, err)
		return
	}
	c.Next()
}

// RequireRole answers 403 with a page unless the user holds one of roles.
func (p *Site) RequireRole(roles ...string) gin.HandlerFunc {
	return session.RequireRole(p.Fail, roles...)
}

func IsHTMX(c *gin.Context) bool { return c.GetHeader("HX-Request") == "true" }

// Render writes a whole page with status.
func (p *Site) Render(c *gin.Context, status int, page string, data any) {
	p.write(c, status, func(lang string) error { return p.view.Page(c.Writer, lang, page, data) })
}

// Fragment writes one partial, for htmx to swap in.
func (p *Site) Fragment(c *gin.Context, status int, name string, data any) {
	p.write(c, status, func(lang string) error { return p.view.Fragment(c.Writer, lang, name, data) })
}

func (p *Site) write(c *gin.Context, status int, exec func(lang string) error) {
	c.Header("Content-Type", "text/html; charset=utf-8")
	c.Status(status) // sent with the first byte, so a failed render can still answer 500
	if err := exec(string(httpx.Lang(c))); err != nil {
		p.Log.ErrorContext(c.Request.Context(), "page render failed", "path", c.FullPath(), "error", err)
		c.Status(http.StatusInternalServerError)
		c.Writer.WriteString(i18n.T(httpx.Lang(c), "detail.internal"))
	}
	c.Abort()
}

// Fail answers err as a page (or, for htmx, as a problem fragment). Not
// being signed in sends the visitor to the sign-in page instead.
func (p *Site) Fail(c *gin.Context, err error) {
	pv := p.ProblemFor(c, err)
	if pv.Status == http.StatusUnauthorized {
		p.ToLogin(c)
		return
	}
	if IsHTMX(c) {
		p.Fragment(c, pv.Status, "problem", pv)
		return
	}
	b := p.Base(c, "")
	b.Problem = pv
	p.Render(c, pv.Status, "error", ErrorPage{b})
}

// Ctx is the request's context with the server's timeout.
func (p *Site) Ctx(c *gin.Context) (context.Context, context.CancelFunc) {
	return httpx.Timeout(c, p.Cfg.RequestTimeout)
}

// LocalPath returns target when it is a path on this site, else fallback:
// redirects never lead off-site.
func LocalPath(target, fallback string) string {
	if !strings.HasPrefix(target, "/") || strings.HasPrefix(target, "//") || strings.HasPrefix(target, "/\\") {
		return fallback
	}
	u, err := url.Parse(target)
	if err != nil || u.Scheme != "" || u.Host != "" {
		return fallback
	}
	return u.RequestURI()
}

// FormKey is the idempotency key a form carried, or a fresh one for a form
// about to be shown. The key rides into s.update as the Idempotency-Key
// header, so a double-clicked button is one Update, exactly as in the API.
func FormKey(c *gin.Context) string {
	if k := strings.TrimSpace(c.PostForm("idempotency_key")); k != "" && len(k) <= 100 {
		return k
	}
	return NewFormKey()
}

func NewFormKey() string {
	k, err := session.NewToken()
	if err != nil {
		return "" // no key: service.Update makes its own ID; only double-click safety is lost
	}
	return k
}
