package api

import (
	"log/slog"
	"maps"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"salesflow/api/wire"
	"salesflow/httpx"
	"salesflow/i18n"
	"salesflow/service"
	"salesflow/session"
)

// apiError is a domain refusal (service.Error); the mapper below renders
// it as a problem. The API's own refusals (a body too large, a method the
// route lacks) are made with problemErr.
type apiError = service.Error

// problemErr is a refusal the API makes itself, named as HTTP names it:
// status picks the kind, typ (/problems/{code}) the code.
func problemErr(status int, typ, titleID, detailID string, args ...any) *apiError {
	return service.NewError(kindOf(status, typ), strings.TrimPrefix(typ, "/problems/"), titleID, detailID, args...)
}

// kindOf is httpx.StatusOf backwards, for problemErr.
func kindOf(status int, typ string) service.Kind {
	for k, s := range httpx.StatusOf {
		if s == status {
			return k
		}
	}
	panic("no kind of refusal answers " + http.StatusText(status) + " " + typ)
}

// Common problems.
var (
	errMalformed        = problemErr(http.StatusBadRequest, "/problems/malformed-request", "problem.malformed", "detail.malformed")
	errMethodNotAllowed = problemErr(http.StatusMethodNotAllowed, "/problems/method-not-allowed", "problem.method_not_allowed", "")
)

// respondError renders err as a problem. Errors that are not ours (store,
// Temporal, anything else) are mapped by kind; the text of an internal
// error is logged, never sent.
func respondError(c *gin.Context, log *slog.Logger, err error) {
	ae := service.Classify(err)
	status := httpx.StatusOf[ae.Kind]
	if status >= 500 {
		log.ErrorContext(c.Request.Context(), "request failed", "method", c.Request.Method,
			"path", c.FullPath(), "error", err)
	}
	lang := httpx.Lang(c)
	p := wire.Problem{Type: "/problems/" + ae.Code, Title: i18n.T(lang, ae.Title), Status: status}
	if ae.Detail != "" {
		p.Detail = service.Text(lang, ae.Detail, ae.Args)
	}
	p.Errors = httpx.FieldMessages(lang, ae.Fields)
	p.Extra = ae.Extra
	if u, ok := session.User(c); ok && len(ae.Private) > 0 && seesAllClaims(u) {
		p.Extra = maps.Clone(ae.Extra)
		maps.Copy(p.Extra, ae.Private)
	}
	writeProblem(c, p)
}

func writeProblem(c *gin.Context, p wire.Problem) {
	body := gin.H{"type": p.Type, "title": p.Title, "status": p.Status}
	if p.Detail != "" {
		body["detail"] = p.Detail
	}
	if len(p.Errors) > 0 {
		body["errors"] = p.Errors
	}
	for k, v := range p.Extra {
		body[k] = v
	}
	c.Header("Content-Type", "application/problem+json; charset=utf-8")
	if p.Status == http.StatusServiceUnavailable {
		c.Header("Retry-After", "5")
	}
	c.AbortWithStatusJSON(p.Status, body) // gin keeps a Content-Type already set
}
