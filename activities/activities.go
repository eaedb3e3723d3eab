// Package activities holds the Temporal activities: the only place where a
// workflow's decisions touch PostgreSQL (and, later, mail and PDFs). Every
// method is idempotent — each write is keyed by the workflow ID and the step
// (an Update ID or a fixed step name), so a retry after a crash writes
// nothing twice.
package activities

import (
	"crypto/ed25519"
	"errors"

	"go.temporal.io/sdk/temporal"

	"salesflow/policy"
	"salesflow/store"
)

// Activities holds what the activities need; the worker registers one value.
type Activities struct {
	Store *store.Store
	// SigningKey seals signature records (R5.5); only the worker holds it.
	SigningKey ed25519.PrivateKey
	// Font is the TTF the contract PDF is set in.
	Font []byte
	// Calendar counts working days (R3.8); nil means policy.Weekdays.
	Calendar policy.Calendar
	// Mailer sends notification emails; nil means in-app only.
	Mailer Mailer
	// Webhook receives every notification, signed; nil means none.
	Webhook Webhook
	// Delivery tunes how notifications are sent (batch, lease, backoff).
	Delivery DeliveryOptions
}

// New returns the activities over st.
func New(st *store.Store) *Activities { return &Activities{Store: st} }

// ErrTypeMissing is the application error type for a row the activity needs
// that does not exist; retrying cannot help, so it is not retried.
const ErrTypeMissing = "Missing"

// classify turns permanent store errors into non-retryable activity errors
// and leaves the rest (connection loss, timeouts) to Temporal's retries.
func classify(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, store.ErrNotFound):
		return temporal.NewNonRetryableApplicationError(err.Error(), ErrTypeMissing, err)
	}
	return err
}
