package api

import (
	"context"
	"errors"
	"log/slog"
	"maps"
	"net/http"

	"github.com/gin-gonic/gin"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/temporal"

	"salesflow/store"
	"salesflow/workflows"
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

// apiError is an error that already knows its problem; handlers return it
// and the mapper renders it.
type apiError struct {
	status     int
	typ        string
	titleID    string
	detailID   string
	detailArgs []any
	fields     []fieldErr
	// extra are members the problem carries for everyone; private, only
	// for those who see every salesperson's customers (seesAllClaims).
	extra, private map[string]any
}

type fieldErr struct {
	field, msgID string
	args         []any
}

// Error renders the problem in English, for logs and the command line.
func (e *apiError) Error() string {
	msg := T(LangEN, e.titleID)
	if e.detailID != "" {
		msg += ": " + T(LangEN, e.detailID, e.detailArgs...)
	}
	for _, f := range e.fields {
		msg += "; " + f.field + " " + T(LangEN, f.msgID, f.args...)
	}
	return msg
}

func problemErr(status int, typ, titleID, detailID string, args ...any) *apiError {
	return &apiError{status: status, typ: typ, titleID: titleID, detailID: detailID, detailArgs: args}
}

// Common problems.
var (
	errUnauthenticated  = problemErr(http.StatusUnauthorized, "/problems/unauthenticated", "problem.unauthenticated", "detail.unauthenticated")
	errForbidden        = problemErr(http.StatusForbidden, "/problems/forbidden", "problem.forbidden", "detail.forbidden")
	errMalformed        = problemErr(http.StatusBadRequest, "/problems/malformed-request", "problem.malformed", "detail.malformed")
	errSelfReview       = problemErr(http.StatusForbidden, "/problems/self-review", "problem.self_review", "detail.self_review")
	errWorkflowClosed   = problemErr(http.StatusConflict, "/problems/process-ended", "problem.workflow_closed", "detail.workflow_closed")
	errMethodNotAllowed = problemErr(http.StatusMethodNotAllowed, "/problems/method-not-allowed", "problem.method_not_allowed", "")
	errUnavailable      = problemErr(http.StatusServiceUnavailable, "/problems/unavailable", "problem.unavailable", "")
	// errStillRunning answers a step that did not finish within the
	// request's time (a worker restarting, say): it may still be recorded,
	// and the same request with the same Idempotency-Key returns its result.
	errStillRunning = problemErr(http.StatusServiceUnavailable, "/problems/still-running", "problem.still_running", "detail.still_running")
)

func errNotFound(what string) *apiError {
	return problemErr(http.StatusNotFound, "/problems/not-found", "problem.not_found", "detail.not_found", what)
}

func errForbiddenRole(roles ...string) *apiError {
	return problemErr(http.StatusForbidden, "/problems/forbidden", "problem.forbidden", "detail.forbidden_role", joinRoles(roles...))
}

func errConflict(reason string) *apiError {
	return problemErr(http.StatusConflict, "/problems/conflict", "problem.conflict", "detail.state_conflict", reason)
}

// validation collects field errors; it is an error only when non-empty.
type validation struct{ fields []fieldErr }

// add records a problem of field; a field already refused keeps its first
// problem (the text checks run before a validator's own and say more).
func (v *validation) add(field, msgID string, args ...any) {
	for _, f := range v.fields {
		if f.field == field {
			return
		}
	}
	v.fields = append(v.fields, fieldErr{field, msgID, args})
}

func (v *validation) err() error {
	if len(v.fields) == 0 {
		return nil
	}
	e := problemErr(http.StatusUnprocessableEntity, "/problems/validation", "problem.validation", "detail.validation")
	e.fields = v.fields
	return e
}

// respondError renders err as a problem. Errors that are not ours (store,
// Temporal, anything else) are mapped by kind; the text of an internal
// error is logged, never sent.
func respondError(c *gin.Context, log *slog.Logger, err error) {
	ae := classify(err)
	if ae.status >= 500 {
		log.ErrorContext(c.Request.Context(), "request failed", "method", c.Request.Method,
			"path", c.FullPath(), "error", err)
	}
	lang := requestLang(c)
	p := Problem{Type: ae.typ, Title: T(lang, ae.titleID), Status: ae.status}
	if ae.detailID != "" {
		p.Detail = T(lang, ae.detailID, ae.detailArgs...)
	}
	for _, f := range ae.fields {
		p.Errors = append(p.Errors, FieldError{Field: f.field, Message: T(lang, f.msgID, f.args...)})
	}
	p.Extra = ae.extra
	if u, ok := currentUser(c); ok && len(ae.private) > 0 && seesAllClaims(u) {
		p.Extra = maps.Clone(ae.extra)
		maps.Copy(p.Extra, ae.private)
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

// classify maps any error to a problem.
func classify(err error) *apiError {
	var ae *apiError
	if errors.As(err, &ae) {
		return ae
	}
	var appErr *temporal.ApplicationError
	if errors.As(err, &appErr) {
		switch appErr.Type() {
		case workflows.ErrTypeForbidden:
			return errForbidden
		case workflows.ErrTypeSelfReview:
			return errSelfReview
		case workflows.ErrTypeConflict:
			return errConflict(appErr.Message())
		case workflows.ErrTypeResourceTaken:
			return takenProblem(appErr)
		case workflows.ErrTypeInvalid:
			return problemErr(http.StatusUnprocessableEntity, "/problems/validation", "problem.validation", "detail.state_conflict", appErr.Message())
		case workflows.ErrTypeNotYet:
			return errStillRunning
		}
	}
	var notFound *serviceerror.NotFound
	if errors.As(err, &notFound) {
		return errWorkflowClosed
	}
	var unavailable *serviceerror.Unavailable
	var timeout *temporal.TimeoutError
	// A step that ran out of time (StepScheduleToClose) or a request that
	// did: nothing was decided, and trying again later may work.
	if errors.As(err, &unavailable) || errors.As(err, &timeout) || errors.Is(err, context.DeadlineExceeded) {
		return errUnavailable
	}
	var deadline *serviceerror.DeadlineExceeded
	if errors.As(err, &deadline) || errors.Is(err, context.DeadlineExceeded) {
		return errStillRunning
	}
	switch {
	case store.IsInvalidInput(err):
		return problemErr(http.StatusUnprocessableEntity, "/problems/validation", "problem.validation", "detail.invalid_input")
	case errors.Is(err, store.ErrNotFound):
		return errNotFound("")
	case errors.Is(err, store.ErrConflict):
		return errConflict("")
	}
	return problemErr(http.StatusInternalServerError, "/problems/internal", "problem.internal", "detail.internal")
}
