package api

import (
	"log/slog"
	"maps"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"salesflow/service"
	"salesflow/session"
)

// Problem is an RFC 9457 problem detail, the body of every error answer.
type Problem struct {
	Type   string       `json:"type"`
	Title  string       `json:"title"`
	Status int          `json:"status"`
	Detail string       `json:"detail,omitempty"`
	Errors []FieldError `json:"errors,omitempty"`
	// Extra members some problems carry (e.g. existing_customer_id).
	Extra map[string]any `json:"-"`
}

// FieldError names one invalid input field, in the reader's language.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// apiError is a domain refusal (service.Error); the mapper below renders
// it as a problem. The API's own refusals (a body too large, a method the
// route lacks) are made with problemErr.
type apiError = service.Error

type fieldErr = service.FieldError

// validation collects field errors (service.Validation).
type validation = service.Validation

// problemErr is a refusal the API makes itself, named as HTTP names it:
// status picks the kind, typ (/problems/{code}) the code.
func problemErr(status int, typ, titleID, detailID string, args ...any) *apiError {
	return service.NewError(kindOf(status, typ), strings.TrimPrefix(typ, "/problems/"), titleID, detailID, args...)
}

// statusOf is the HTTP status of each kind of refusal.
var statusOf = map[service.Kind]int{
	service.KindInternal:        http.StatusInternalServerError,
	service.KindMalformed:       http.StatusBadRequest,
	service.KindUnauthenticated: http.StatusUnauthorized,
	service.KindForbidden:       http.StatusForbidden,
	service.KindNotFound:        http.StatusNotFound,
	service.KindNotAllowed:      http.StatusMethodNotAllowed,
	service.KindConflict:        http.StatusConflict,
	service.KindTooLarge:        http.StatusRequestEntityTooLarge,
	service.KindUnsupported:     http.StatusUnsupportedMediaType,
	service.KindInvalid:         http.StatusUnprocessableEntity,
	service.KindTooMany:         http.StatusTooManyRequests,
	service.KindUpstream:        http.StatusBadGateway,
	service.KindUnavailable:     http.StatusServiceUnavailable,
}

// kindOf is statusOf backwards, for problemErr.
func kindOf(status int, typ string) service.Kind {
	for k, s := range statusOf {
		if s == status {
			return k
		}
	}
	panic("no kind of refusal answers " + http.StatusText(status) + " " + typ)
}

// problemStatus is the HTTP status an error is answered with.
func problemStatus(err error) int { return statusOf[classify(err).Kind] }

// Common problems.
var (
	errForbidden        = service.ErrForbidden
	errMalformed        = problemErr(http.StatusBadRequest, "/problems/malformed-request", "problem.malformed", "detail.malformed")
	errMethodNotAllowed = problemErr(http.StatusMethodNotAllowed, "/problems/method-not-allowed", "problem.method_not_allowed", "")
)

func errNotFound(what string) *apiError { return service.NotFound(what) }

// errForbiddenRole refuses a user who holds none of roles.
var errForbiddenRole = session.ErrRole

func errConflict(reason string) *apiError { return service.Conflict(reason) }

// respondError renders err as a problem. Errors that are not ours (store,
// Temporal, anything else) are mapped by kind; the text of an internal
// error is logged, never sent.
func respondError(c *gin.Context, log *slog.Logger, err error) {
	ae := classify(err)
	status := statusOf[ae.Kind]
	if status >= 500 {
		log.ErrorContext(c.Request.Context(), "request failed", "method", c.Request.Method,
			"path", c.FullPath(), "error", err)
	}
	lang := requestLang(c)
	p := Problem{Type: "/problems/" + ae.Code, Title: T(lang, ae.Title), Status: status}
	if ae.Detail != "" {
		p.Detail = service.Text(lang, ae.Detail, ae.Args)
	}
	for _, f := range ae.Fields {
		p.Errors = append(p.Errors, FieldError{Field: f.Field, Message: service.Text(lang, f.Key, f.Args)})
	}
	p.Extra = ae.Extra
	if u, ok := currentUser(c); ok && len(ae.Private) > 0 && seesAllClaims(u) {
		p.Extra = maps.Clone(ae.Extra)
		maps.Copy(p.Extra, ae.Private)
	}
	writeProblem(c, p)
}

func writeProblem(c *gin.Context, p Problem) {
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

// classify maps any error to a problem (service.Classify: one mapping of
// every layer's errors, for the API, the pages and the use cases).
func classify(err error) *apiError { return service.Classify(err) }
