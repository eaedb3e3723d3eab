package workflows

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"

	"salesflow/activities"
)

// TestPermanentStepErrorAnswersAndFreesTheWorkflow: a revise whose activity
// fails for good (the database refusing a NUL in the title, classified
// non-retryable) answers its Update with an Invalid error at once, and the
// next valid revise works.
func TestPermanentStepErrorAnswersAndFreesTheWorkflow(t *testing.T) {
	p := newProposalEnv(t)
	calls := 0
	p.revise = func(in activities.ReviseProposalInput) (int, error) {
		calls++
		if in.Draft.Title == "bad\x00" {
			return 0, temporal.NewNonRetryableApplicationError("refused", activities.ErrTypeInvalid, nil)
		}
		return in.Version, nil
	}
	var bad, good, sub outcome
	p.update(UpdateProposalRevise, ReviseRequest{Actor: author, Draft: sampleDraft("bad\x00")}, &bad)
	p.update(UpdateProposalRevise, ReviseRequest{Actor: author, Draft: sampleDraft("good")}, &good)
	p.update(UpdateProposalSubmit, SubmitRequest{Actor: author}, &sub)
	p.env.RegisterDelayedCallback(func() { p.env.CancelWorkflow() }, time.Hour)
	p.run()

	var appErr *temporal.ApplicationError
	require.ErrorAs(t, bad.err, &appErr)
	require.Equal(t, ErrTypeInvalid, appErr.Type(), "the API answers 422")
	require.NoError(t, good.err)
	require.Equal(t, 2, good.state.Version)
	require.NoError(t, sub.err)
	require.Equal(t, 2, calls, "a non-retryable failure is not retried")
}

// TestStepThatNeverSucceedsEndsWithinItsBound: an activity that fails with
// an error it cannot tell permanent is retried only until
// StepScheduleToClose; then the Update gets an error, the step lock is
// released, and the workflow takes the next Update. Before the bound the
// step retried for ever, holding the lock, and every later Update waited.
func TestStepThatNeverSucceedsEndsWithinItsBound(t *testing.T) {
	p := newProposalEnv(t)
	p.revise = func(in activities.ReviseProposalInput) (int, error) {
		if in.Draft.Title == "stuck" {
			return 0, errors.New("an unknown error, retryable")
		}
		return in.Version, nil
	}
	var stuck, next outcome
	p.update(UpdateProposalRevise, ReviseRequest{Actor: author, Draft: sampleDraft("stuck")}, &stuck)
	p.update(UpdateProposalRevise, ReviseRequest{Actor: author, Draft: sampleDraft("next")}, &next)
	p.env.RegisterDelayedCallback(func() { p.env.CancelWorkflow() }, time.Hour)
	p.run()

	require.Error(t, stuck.err, "the step ends with the last error")
	require.Equal(t, StepScheduleToClose, p.reviseBound, "a person's step is bounded, retries included")
	require.NoError(t, next.err, "the workflow still answers")
	require.Equal(t, 2, next.state.Version)
}
