package service

import (
	"context"
	"errors"
	"time"

	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/temporal"

	"salesflow/store"
	"salesflow/workflows"
	"salesflow/workflows/payload"
)

// The refusals of the layers below, as the use cases' callers hear them.
var (
	// ErrWorkflowClosed: the object's process has ended (or was removed
	// by retention), so no step of it can be taken any more.
	ErrWorkflowClosed = NewError(KindConflict, "process-ended", "problem.workflow_closed", "detail.workflow_closed")
	// ErrUnavailable: nothing was decided, and trying again later may work.
	ErrUnavailable = NewError(KindUnavailable, "unavailable", "problem.unavailable", "")
	errInternal    = NewError(KindInternal, "internal", "problem.internal", "detail.internal")
)

// Classify is err as a refusal, whatever layer it comes from: an *Error as
// it is; a workflow validator's refusal (workflows.ErrType…), Temporal's
// answers, the store's sentinel errors by what they mean; anything else is
// internal (its text is for the log, never for the reader). The API maps
// the result to problem+json, the pages show it, and the use cases that
// must tell a conflict from a fault ask it too — one mapping for all.
func Classify(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	var app *temporal.ApplicationError
	if errors.As(err, &app) {
		switch app.Type() {
		case workflows.ErrTypeForbidden:
			return ErrForbidden
		case workflows.ErrTypeSelfReview:
			return ErrSelfReview
		case workflows.ErrTypeConflict:
			return Conflict(app.Message())
		case workflows.ErrTypeResourceTaken:
			return resourceTaken(app)
		case workflows.ErrTypeInvalid:
			return NewError(KindInvalid, "validation", "problem.validation", "detail.state_conflict", app.Message())
		case workflows.ErrTypeNotYet:
			return ErrStillRunning
		}
	}
	var gone *serviceerror.NotFound
	if errors.As(err, &gone) {
		return ErrWorkflowClosed
	}
	var unavailable *serviceerror.Unavailable
	var timeout *temporal.TimeoutError
	// A step that ran out of time (StepScheduleToClose) or a request that
	// did: nothing was decided, and trying again later may work.
	if errors.As(err, &unavailable) || errors.As(err, &timeout) || errors.Is(err, context.DeadlineExceeded) {
		return ErrUnavailable
	}
	var deadline *serviceerror.DeadlineExceeded
	if errors.As(err, &deadline) {
		return ErrStillRunning
	}
	var dup *store.DuplicateCustomerError
	if errors.As(err, &dup) { // a change of name to a customer recorded first (R2.2)
		return DuplicateCustomer(dup)
	}
	switch {
	case store.IsInvalidInput(err):
		return NewError(KindInvalid, "validation", "problem.validation", "detail.invalid_input")
	case errors.Is(err, store.ErrNotFound):
		return NotFound("")
	case errors.Is(err, store.ErrConflict):
		return Conflict("")
	}
	return errInternal
}

// resourceTaken is the refusal of a resource line whose slot is taken,
// from the details the workflow's activity attached.
func resourceTaken(app *temporal.ApplicationError) *Error {
	var t payload.ClaimTaken
	if err := app.Details(&t); err != nil {
		return Conflict(app.Message())
	}
	return ClaimTaken(&t)
}

// ClaimTaken is the refusal of a resource line whose slot is taken: the
// line, the resource and dates, until when it is taken (absent for a
// booking) and where to join the waiting list; who holds it only for
// those who may see it (Private).
func ClaimTaken(t *payload.ClaimTaken) *Error {
	until := "—"
	if t.TakenUntil != nil {
		until = t.TakenUntil.UTC().Format(time.RFC3339)
	}
	e := NewError(KindConflict, "resource-taken", "problem.resource_taken", "detail.resource_taken",
		t.LineNo, t.ResourceID, t.StartsOn, t.EndsOn, until)
	e.Extra = map[string]any{"line": t.LineNo, "resource_id": t.ResourceID, "starts_on": t.StartsOn, "ends_on": t.EndsOn,
		"state": t.State, "waitlist": "/api/v1/resources/" + t.ResourceID + "/waitlist"}
	if t.TakenUntil != nil {
		e.Extra["taken_until"] = t.TakenUntil.UTC()
	}
	e.Private = map[string]any{"held_by": t.HolderName, "held_by_id": t.HolderID, "customer_name": t.CustomerName}
	return e
}
