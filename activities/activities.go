// Package activities holds the Temporal activities: the only place where a
// workflow's decisions touch PostgreSQL (and, later, mail and PDFs). Every
// method is idempotent — each write is keyed by the workflow ID and the step
// (an Update ID or a fixed step name), so a retry after a crash writes
// nothing twice.
package activities

import (
	"crypto/ed25519"
	"errors"
	"time"

	"go.temporal.io/sdk/temporal"

	"salesflow/policy"
	"salesflow/signing"
	"salesflow/store"
)

// Activities holds what the activities need; the worker registers one value.
type Activities struct {
	Store *store.Store
	// SigningKey seals signature records (R5.5) and audit checkpoints;
	// only the worker holds it.
	SigningKey ed25519.PrivateKey
	// TrustedKeys are earlier public keys whose audit checkpoints the
	// worker still verifies before sealing the next (its own is trusted).
	TrustedKeys signing.Keyring
	// Font is the TTF the contract PDF is set in.
	Font []byte
	// Calendar counts working days (R3.8, R5.2); nil means the company
	// calendar from the database (statutory days with the admins' overrides).
	Calendar policy.Calendar
	// Mailer sends notification emails; nil means in-app only.
	Mailer Mailer
	// Webhook receives every notification, signed; nil means none.
	Webhook Webhook
	// Delivery tunes how notifications are sent (batch, lease, backoff).
	Delivery DeliveryOptions
	// ImportJobRetention is how long a finished customer import job and
	// its rows' results are kept (SALESFLOW_IMPORT_JOB_RETENTION); zero
	// keeps them for ever.
	ImportJobRetention time.Duration
	// IdempotencyKeyRetention is how long an Idempotency-Key stays bound
	// to its request (SALESFLOW_IDEMPOTENCY_KEY_RETENTION); zero keeps
	// them for ever.
	IdempotencyKeyRetention time.Duration
}

// New returns the activities over st.
func New(st *store.Store) *Activities { return &Activities{Store: st} }

// Application error types of permanent activity failures. ErrTypeInvalid
// and ErrTypeConflict are the same strings as workflows.ErrTypeInvalid and
// workflows.ErrTypeConflict, so an Update that fails on one answers the API
// with 422 or 409 like a validator's refusal.
const (
	// ErrTypeMissing is a row the activity needs that does not exist.
	ErrTypeMissing = "Missing"
	// ErrTypeInvalid is a value PostgreSQL refuses (SQLSTATE classes 22
	// and 23 other than a unique key).
	ErrTypeInvalid = "Invalid"
	// ErrTypeResourceTaken is a resource line whose slot someone else
	// holds or booked for overlapping dates (issue 13, 409); its details
	// are a payload.ClaimTaken.
	ErrTypeResourceTaken = "ResourceTaken"
)

// classify turns permanent store errors into non-retryable activity errors
// and leaves the rest (connection loss, timeouts, deadlocks) to Temporal's
// retries. Retrying a permanent error would hold the workflow's step lock
// for ever and wedge every later Update of the workflow; failing it answers
// the person with what was wrong and frees the workflow. The messages are
// for people: the driver's text stays in the error's cause, for the logs.
func classify(err error) error {
	err = store.MapErr(err)
	var appErr *temporal.ApplicationError
	taken, isTaken := store.AsClaimTaken(err)
	switch {
	case err == nil:
		return nil
	case isTaken: // issue 13: a resource line's slot is taken; the API says until when
		return temporal.NewNonRetryableApplicationError(taken.Error(), ErrTypeResourceTaken, err, claimTaken(taken))
	case errors.As(err, &appErr):
		return err // classified already (conflictOr)
	case errors.Is(err, store.ErrNotFound):
		return temporal.NewNonRetryableApplicationError(err.Error(), ErrTypeMissing, err)
	case errors.Is(err, store.ErrInvalid), errors.Is(err, store.ErrConstraint):
		return temporal.NewNonRetryableApplicationError("the database refused a value of this step as invalid", ErrTypeInvalid, err)
	case errors.Is(err, store.ErrConflict), errors.Is(err, store.ErrDuplicate):
		return temporal.NewNonRetryableApplicationError("the step conflicts with what is stored", ErrTypeConflict, err)
	}
	return err
}
