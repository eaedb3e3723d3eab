// Package api is Salesflow's HTTP surface: the JSON API of ../shared/API.md
// under /api/v1, the OpenAPI document, health checks and the server-rendered
// web pages. Handlers bind, call the use cases of package service (reads
// and decisions alike) and map errors to RFC 9457 problems.
package api

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/gin-gonic/gin"
	"go.temporal.io/sdk/client"

	"salesflow/api/openapi"
	"salesflow/api/wire"
	"salesflow/httpx"
	"salesflow/observability"
	"salesflow/service"
	"salesflow/session"
)

// Config is what the JSON API needs to know.
type Config struct {
	RequestTimeout time.Duration
	// PDFFont is the TTF contract documents are set in.
	PDFFont []byte
	// PublicURL is the address customers reach the app under, for the
	// customer links (https://sales.example.com); empty means the
	// address of the owner's request that makes the link.
	PublicURL string
	// Metrics counts and times requests by route; nil means none (tests).
	Metrics *observability.HTTPMetrics
	// TrustedProxies are the addresses (or CIDRs) whose X-Forwarded-For
	// is believed as the client's address; none means the peer's own
	// address, so a client cannot pick its own throttle key.
	TrustedProxies []string
}

// Server holds the dependencies of every handler: the use cases (svc),
// the sessions and, for the readiness check, the Temporal client.
type Server struct {
	svc      *service.Service
	temporal client.Client
	log      *slog.Logger
	cfg      Config
	sessions *session.Manager
}

// Mounter adds another server's routes (the web pages, package pages) to
// the engine, behind the same request ID, metrics, recovery, access log
// and session.
type Mounter interface{ Mount(r *gin.Engine) }

// New returns the HTTP handler of the JSON API and of what also mounts
// beside it.
func New(svc *service.Service, tc client.Client, sessions *session.Manager, log *slog.Logger,
	cfg Config, also ...Mounter) http.Handler {
	if cfg.RequestTimeout == 0 {
		cfg.RequestTimeout = 30 * time.Second
	}
	s := &Server{svc: svc, temporal: tc, log: observability.ContextLogger(log), cfg: cfg, sessions: sessions}
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	// The request ID comes first so every later line carries it; metrics
	// wrap the recovery so a panic counts as its 500.
	r.Use(observability.AssignRequestID())
	if cfg.Metrics != nil {
		r.Use(cfg.Metrics.Middleware())
	}
	r.Use(gin.CustomRecoveryWithWriter(io.Discard, s.recovered), s.requestLog, responseHeaders, s.authenticate)
	// Without proxies named, ClientIP is the peer's address: gin would
	// otherwise believe any X-Forwarded-For, and a guesser could pick a
	// fresh throttle count per request.
	if err := r.SetTrustedProxies(cfg.TrustedProxies); err != nil {
		s.log.Error("trusted proxies ignored", "error", err)
		_ = r.SetTrustedProxies(nil)
	}
	r.HandleMethodNotAllowed = true
	// Route on the escaped path so an id holding a slash (notification ids
	// are workflow step keys) can be sent as %2F and arrive as one value.
	r.UseRawPath, r.UnescapePathValues = true, true
	r.NoRoute(func(c *gin.Context) { respondError(c, s.log, service.NotFound(c.Request.URL.Path)) })
	r.NoMethod(func(c *gin.Context) { respondError(c, s.log, errMethodNotAllowed) })
	s.routes(r)
	for _, m := range also {
		m.Mount(r)
	}
	return r
}

// routes lists every route; the OpenAPI test walks the same engine.
func (s *Server) routes(r *gin.Engine) {
	r.GET("/livez", s.livez)
	r.GET("/readyz", s.readyz)
	r.GET("/api/openapi.json", s.openAPI)

	v1 := r.Group("/api/v1", s.guardWrites, s.checkParams)
	v1.POST("/session", s.login)
	v1.DELETE("/session", s.logout)

	authed := v1.Group("", s.requireUser, s.idempotentRequest)
	authed.GET("/me", s.me)
	s.sessionRoutes(authed)
	s.userRoutes(authed)
	s.productRoutes(authed)
	s.resourceRoutes(authed)
	s.customerRoutes(authed)
	s.customerImportJobRoutes(authed)
	s.proposalRoutes(authed)
	authed.GET("/tasks", s.listTasks)
	authed.POST("/tasks/:id/decision", s.decideTask)
	authed.GET("/audit", s.listAudit)
	authed.GET("/audit/verification", s.requireRole(session.RoleAdmin), s.verifyAudit)
	s.contractRoutes(authed)
	s.holdRoutes(authed)
	s.customerLinkRoutes(authed)
	s.visitRoutes(authed)
	s.deliveryRoutes(authed)
}

// openAPI serves the OpenAPI document (package api/openapi).
func (s *Server) openAPI(c *gin.Context) {
	doc, err := openapi.Document()
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Data(http.StatusOK, "application/json; charset=utf-8", doc)
}

// ctx gives a handler the request's context with the server's timeout, so
// a client that goes away cancels the work.
func (s *Server) ctx(c *gin.Context) (context.Context, context.CancelFunc) {
	return httpx.Timeout(c, s.cfg.RequestTimeout)
}

// requestLog writes the access log: one line per request, with its
// request_id and, when it started or updated one, its workflow_id.
func (s *Server) requestLog(c *gin.Context) {
	start := time.Now()
	c.Next()
	s.log.InfoContext(c.Request.Context(), "http", "method", c.Request.Method, "route", c.FullPath(),
		"path", c.Request.URL.Path, "status", c.Writer.Status(), "duration_ms", time.Since(start).Milliseconds())
}

// recovered logs a handler's panic as one structured line (Gin's own
// recovery prints a plain-text dump) and answers a 500 problem.
func (s *Server) recovered(c *gin.Context, err any) {
	s.log.ErrorContext(c.Request.Context(), "panic", "error", fmt.Sprint(err), "stack", string(debug.Stack()))
	respondError(c, s.log, fmt.Errorf("panic: %v", err))
}

// fail renders err as a problem and stops the chain.
func (s *Server) fail(c *gin.Context, err error) { respondError(c, s.log, err) }

func (s *Server) livez(c *gin.Context) { c.JSON(http.StatusOK, wire.Liveness{Status: "ok"}) }

// readyz answers 200 only when PostgreSQL and Temporal both answer.
func (s *Server) readyz(c *gin.Context) {
	ctx, cancel := context.WithTimeout(c.Request.Context(), 3*time.Second)
	defer cancel()
	checks := wire.Readiness{Postgres: "ok", Temporal: "ok"}
	status := http.StatusOK
	if err := s.svc.Ping(ctx); err != nil {
		checks.Postgres, status = "unavailable", http.StatusServiceUnavailable
	}
	if _, err := s.temporal.CheckHealth(ctx, &client.CheckHealthRequest{}); err != nil {
		checks.Temporal, status = "unavailable", http.StatusServiceUnavailable
	}
	c.JSON(status, checks)
}
