package service

import (
	"errors"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
)

// StartOnce is the reuse policy of every workflow started under an ID
// derived from the request (a proposal's or visit's Idempotency-Key, an
// ownership's generation). A workflow that completed is never started again
// under its ID: a create posted again after its proposal was accepted (the
// browser's Back) answers with the proposal as stored, where Temporal's
// default would start a second run believing it a fresh draft. Only a run
// that failed, was terminated or timed out may start again: it stored
// nothing to answer with, and the corrected request deserves a run.
const StartOnce = enumspb.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY

// StartedBefore reports whether err is Temporal refusing a start because a
// closed run already used the ID (see StartOnce); the caller answers with
// what that run stored.
func StartedBefore(err error) bool {
	var already *serviceerror.WorkflowExecutionAlreadyStarted
	return errors.As(err, &already)
}
