package pages

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
	"salesflow/store"
	"salesflow/web"
)

// Server serves the server-rendered web pages (package web holds the
// templates). A handler reads the form into package service's input, calls
// the same use case the JSON API calls (package api), and renders a page,
// an htmx fragment or a redirect (post/redirect/get); a refusal is shown
// beside the fields it names.
type Server struct {
	svc      *service.Service
	store    *store.Store // the pages' reads that have no use case of their own yet
	sessions *session.Manager
	log      *slog.Logger
	cfg      Config
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

// New parses the templates in both languages and returns the pages.
func New(svc *service.Service, st *store.Store, sessions *session.Manager, log *slog.Logger, cfg Config) (*Server, error) {
	view, err := web.New(web.Options{Location: policy.Shanghai})
	if err != nil {
		return nil, err
	}
	if cfg.RequestTimeout == 0 {
		cfg.RequestTimeout = 30 * time.Second
	}
	cfg.TemporalUIURL = strings.TrimRight(cmp.Or(cfg.TemporalUIURL, "http://127.0.0.1:8233"), "/")
	cfg.TemporalNamespace = cmp.Or(cfg.TemporalNamespace, "default")
	return &Server{svc: svc, store: st, sessions: sessions, log: log, cfg: cfg, view: view}, nil
}

// Mount adds the pages and their static assets to r, beside the API.
func (p *Server) Mount(r *gin.Engine) {
	static := gin.WrapH(web.Static("/static/"))
	r.GET("/static/*file", static)
	r.HEAD("/static/*file", static)

	g := r.Group("", p.securityHeaders, p.sameOrigin, p.checkParams)
	g.GET("/", p.root)
	g.GET("/login", p.loginPage)
	g.POST("/login", p.loginSubmit)
	g.POST("/logout", p.logoutSubmit)
	g.GET("/lang/:lang", p.setLang)
	p.customerSignRoutes(g) // the customer's page: no account (R5.5)

	in := g.Group("", p.requireUser)
	in.GET("/inbox", p.inbox)
	in.POST("/tasks/:id/decision", p.decide)
	in.GET("/proposals", p.proposalList)
	in.GET("/proposals/new", p.requireRole(session.RoleSalesperson), p.newProposal)
	in.GET("/inventory", p.inventory)
	in.GET("/inventory/:id", p.inventoryDays)
	p.waitlistPageRoutes(in)
	in.GET("/proposals/line", p.lineRow)
	in.POST("/proposals", p.requireRole(session.RoleSalesperson), p.createProposal)
	in.GET("/proposals/:id", p.proposal)
	in.GET("/proposals/:id/edit", p.editProposal)
	in.POST("/proposals/:id/revise", p.reviseProposal)
	in.POST("/proposals/:id/submit", p.submitProposal)
	in.POST("/proposals/:id/customer-response", p.customerResponse)
	in.POST("/proposals/:id/holds/renewal", p.requestHoldRenewal)
	p.customerPageRoutes(in)
	p.notificationPageRoutes(in)
	in.GET("/contracts/:id", p.contract)
	in.GET("/contracts/:id/edit", p.editContract)
	in.POST("/contracts/:id/revise", p.reviseContractForm)
	in.POST("/contracts/:id/submit", p.submitContractForm)
	in.POST("/contracts/:id/recall", p.recallContractForm)
	in.POST("/contracts/:id/signatures", p.signContractForm)
	in.POST("/contracts/:id/customer-links", p.contractLinkForm)
	in.POST("/proposals/:id/customer-links", p.proposalLinkForm)
	in.GET("/delegations", p.delegations)
	in.POST("/delegations", p.createDelegationForm)
	in.POST("/delegations/:id/revoke", p.revokeDelegationForm)
	p.visitPageRoutes(in)
	p.customerToolPageRoutes(in)
	p.carePageRoutes(in)
	in.GET("/contracts-signed", p.requireRole(signedContractRoles...), p.signedContracts)

	admin := in.Group("/admin", p.requireRole(session.RoleAdmin))
	admin.GET("/users", p.adminUsers)
	admin.POST("/users", p.createUserForm)
	admin.GET("/users/:id", p.adminUser)
	admin.POST("/users/:id", p.updateUserForm)
	admin.GET("/products", p.adminProducts)
	admin.POST("/products", p.createProductForm)
	admin.GET("/products/:id", p.adminProduct)
	admin.POST("/products/:id", p.updateProductForm)
	p.adminPriceRoutes(admin)
	p.adminResourceRoutes(admin)
	admin.GET("/calendar", p.adminCalendar)
	admin.POST("/calendar", p.setCalendarForm)
	admin.POST("/calendar/:date/remove", p.removeCalendarForm)
	p.adminNotificationRoutes(admin)
	p.sessionPageRoutes(in, admin)
}

// securityHeaders keeps the pages from being framed (a hidden approve
// button is still an approve button) and from loading anything foreign.
func (p *Server) securityHeaders(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; object-src 'none'; "+
		"base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Cache-Control", "no-store")
	c.Next()
}

// sameOrigin refuses a form post from another site. SameSite=Lax on the
// session cookie already keeps a cross-site POST from being signed in; this
// also stops one that forges the login form or rides a same-site sibling.
// Browsers send Origin on POST; Referer is the fallback; a request with
// neither (not a browser) passes, as it carries no ambient cookie risk.
func (p *Server) sameOrigin(c *gin.Context) {
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
			p.fail(c, service.ErrForbidden)
			return
		}
	}
	c.Next()
}

// requireUser sends anonymous visitors to the sign-in page, remembering
// where they were going when that is a page they asked for with GET.
func (p *Server) requireUser(c *gin.Context) {
	if _, ok := session.User(c); ok {
		c.Next()
		return
	}
	p.toLogin(c)
}

// toLogin redirects to the sign-in page (for htmx, through HX-Redirect).
func (p *Server) toLogin(c *gin.Context) {
	target := "/login"
	if c.Request.Method == http.MethodGet {
		target += "?next=" + url.QueryEscape(c.Request.URL.RequestURI())
	}
	if isHTMX(c) {
		c.Header("HX-Redirect", target)
		c.AbortWithStatus(http.StatusUnauthorized)
		return
	}
	c.Redirect(http.StatusSeeOther, target)
	c.Abort()
}

// checkParams refuses a path or query parameter that breaks the text rule
// (httpx.ParamsErr) with an error page.
func (p *Server) checkParams(c *gin.Context) {
	if err := httpx.ParamsErr(c); err != nil {
		p.fail(c, err)
		return
	}
	c.Next()
}

// requireRole answers 403 with a page unless the user holds one of roles.
func (p *Server) requireRole(roles ...string) gin.HandlerFunc {
	return session.RequireRole(p.fail, roles...)
}

func isHTMX(c *gin.Context) bool { return c.GetHeader("HX-Request") == "true" }

// render writes a whole page with status.
func (p *Server) render(c *gin.Context, status int, page string, data any) {
	p.write(c, status, func(lang string) error { return p.view.Page(c.Writer, lang, page, data) })
}

// fragment writes one partial, for htmx to swap in.
func (p *Server) fragment(c *gin.Context, status int, name string, data any) {
	p.write(c, status, func(lang string) error { return p.view.Fragment(c.Writer, lang, name, data) })
}

func (p *Server) write(c *gin.Context, status int, exec func(lang string) error) {
	c.Header("Content-Type", "text/html; charset=utf-8")
	c.Status(status) // sent with the first byte, so a failed render can still answer 500
	if err := exec(string(httpx.Lang(c))); err != nil {
		p.log.ErrorContext(c.Request.Context(), "page render failed", "path", c.FullPath(), "error", err)
		c.Status(http.StatusInternalServerError)
		c.Writer.WriteString(i18n.T(httpx.Lang(c), "detail.internal"))
	}
	c.Abort()
}

// fail answers err as a page (or, for htmx, as a problem fragment). Not
// being signed in sends the visitor to the sign-in page instead.
func (p *Server) fail(c *gin.Context, err error) {
	pv := p.problemFor(c, err)
	if pv.Status == http.StatusUnauthorized {
		p.toLogin(c)
		return
	}
	if isHTMX(c) {
		p.fragment(c, pv.Status, "problem", pv)
		return
	}
	b := p.base(c, "")
	b.Problem = pv
	p.render(c, pv.Status, "error", errorPage{b})
}

// ctx is the request's context with the server's timeout.
func (p *Server) ctx(c *gin.Context) (context.Context, context.CancelFunc) {
	return httpx.Timeout(c, p.cfg.RequestTimeout)
}

// localPath returns target when it is a path on this site, else fallback:
// redirects never lead off-site.
func localPath(target, fallback string) string {
	if !strings.HasPrefix(target, "/") || strings.HasPrefix(target, "//") || strings.HasPrefix(target, "/\\") {
		return fallback
	}
	u, err := url.Parse(target)
	if err != nil || u.Scheme != "" || u.Host != "" {
		return fallback
	}
	return u.RequestURI()
}

// formKey is the idempotency key a form carried, or a fresh one for a form
// about to be shown. The key rides into s.update as the Idempotency-Key
// header, so a double-clicked button is one Update, exactly as in the API.
func formKey(c *gin.Context) string {
	if k := strings.TrimSpace(c.PostForm("idempotency_key")); k != "" && len(k) <= 100 {
		return k
	}
	return newFormKey()
}

func newFormKey() string {
	k, err := session.NewToken()
	if err != nil {
		return "" // no key: service.Update makes its own ID; only double-click safety is lost
	}
	return k
}
