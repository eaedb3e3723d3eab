package workflows

import (
	"fmt"
	"time"

	"salesflow/activities"
	"salesflow/policy"
)

// Holds, waiting lists and bookings of media resources (issue 13): the
// names and payloads the API and the worker share.

// HoldTiming is how long holds and offers last (activities.HoldTerms):
// working days on the company calendar, or durations for tests.
type HoldTiming = activities.HoldTerms

// HoldWorkflowID is the workflow watching the holds of a proposal's
// round-th submission.
func HoldWorkflowID(proposalID string, round int) string {
	return fmt.Sprintf("hold-%s-%d", proposalID, round)
}

// WaitlistWorkflowID is the workflow that offers what the release of claim
// claimID freed to the waiting list, and passes each offer on when its
// day lapses.
func WaitlistWorkflowID(claimID string) string { return "waitlist-" + claimID }

// Update and Query names of the hold workflow.
const (
	UpdateHoldRenewal = "request-renewal" // owner: ask the manager for more time
	UpdateHoldDecide  = "decide"          // the owner's sales manager: approve or reject the renewal
	QueryHoldState    = "state"
)

// TaskKindHoldRenewal is the manager's renewal task, the kind the API
// routes to this workflow's decide Update. store.TaskKindHoldRenewal is the
// same string (activities' TestTaskKindsAgree).
const TaskKindHoldRenewal = "hold_renewal"

// ErrTypeResourceTaken refuses a step because a resource line's slot is
// held or booked by someone else (409, with a payload.ClaimTaken as details).
const ErrTypeResourceTaken = activities.ErrTypeResourceTaken

// HoldInput starts the watch over one submission's holds.
type HoldInput struct {
	ProposalID string       `json:"proposal_id"`
	Round      int          `json:"round"`
	Owner      policy.Actor `json:"owner"`
	Timing     HoldTiming   `json:"timing"`
}

// Hold statuses.
const (
	HoldWatching = "watching" // some claim is still held
	HoldEnded    = "ended"    // every claim lapsed, was released or booked
)

// HoldState is the live state of a hold set, as the Query returns it.
type HoldState struct {
	ProposalID    string     `json:"proposal_id"`
	Status        string     `json:"status"`
	Live          int        `json:"live"`
	ExpiresAt     *time.Time `json:"expires_at,omitempty"`
	WarnedFor     *time.Time `json:"warned_for,omitempty"`
	RenewalTaskID string     `json:"renewal_task_id,omitempty"`
	Requests      int        `json:"requests"`
	Renewals      int        `json:"renewals"`
}

// RenewalRequest is the owner asking for the holds to be renewed.
type RenewalRequest struct {
	Actor policy.Actor `json:"actor"`
}

// WaitlistInput starts the offers of what claim ReleasedClaimID freed.
// With Release, the workflow first releases the claim itself (a person's
// release through the API), so a release is never recorded without the
// waiting list that hands it on; the API waits for UpdateWaitlistReleased.
type WaitlistInput struct {
	ReleasedClaimID string        `json:"released_claim_id"`
	Timing          HoldTiming    `json:"timing"`
	Release         *ReleaseOrder `json:"release,omitempty"`
}

// ReleaseOrder is a person's release of a claim: who, why, and the step
// key (from the request's Idempotency-Key) that makes it happen once.
type ReleaseOrder struct {
	ActorID string `json:"actor_id"`
	Reason  string `json:"reason"`
	StepKey string `json:"step_key"`
}

// UpdateWaitlistReleased answers once the ordered release is stored (or
// refused), sent with the workflow's start.
const UpdateWaitlistReleased = "released"

// WaitlistResult is what a finished waiting-list workflow returns: every
// offer it made, in order.
type WaitlistResult struct {
	Offers []string `json:"offers"`
}
