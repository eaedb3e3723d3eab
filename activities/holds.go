package activities

import (
	"context"
	"time"

	"salesflow/policy"
	"salesflow/store"
	"salesflow/workflows/payload"
)

// DefaultHoldWorkingDays is how long a hold lasts unless
// SALESFLOW_HOLD_WORKING_DAYS says otherwise (issue 13).
const DefaultHoldWorkingDays = 7

// HoldTerms are how long holds and waiting-list offers last: working days
// on the company calendar (statutory holidays, make-up working days and
// the admins' overrides), or fixed durations for tests.
type HoldTerms struct {
	WorkingDays int `json:"working_days,omitempty"` // a hold, and a renewal's extension; 0: DefaultHoldWorkingDays
	// HoldFor and WarnBefore replace the working days when set (tests).
	HoldFor    time.Duration `json:"hold_for,omitempty"`
	WarnBefore time.Duration `json:"warn_before,omitempty"`
	// OfferFor replaces an offer's one working day when set (tests).
	OfferFor time.Duration `json:"offer_for,omitempty"`
}

// Until is when a hold made (or renewed) at from lapses: the same clock
// time the hold's working days later on cal.
func (t HoldTerms) Until(cal policy.Calendar, from time.Time) time.Time {
	if t.HoldFor > 0 {
		return from.Add(t.HoldFor)
	}
	days := t.WorkingDays
	if days <= 0 {
		days = DefaultHoldWorkingDays
	}
	return policy.AddWorkingDays(cal, from, days, policy.Shanghai).UTC()
}

// WarnAt is when the owner of holds lapsing at expires is warned: one
// working day before, at the same clock time.
func (t HoldTerms) WarnAt(cal policy.Calendar, expires time.Time) time.Time {
	if t.HoldFor > 0 {
		return expires.Add(-t.WarnBefore)
	}
	return policy.WorkingDaysBefore(cal, expires, 1, policy.Shanghai).UTC()
}

// OfferUntil is when a waiting-list offer made at from lapses: one working
// day later.
func (t HoldTerms) OfferUntil(cal policy.Calendar, from time.Time) time.Time {
	if t.OfferFor > 0 {
		return from.Add(t.OfferFor)
	}
	return policy.AddWorkingDays(cal, from, 1, policy.Shanghai).UTC()
}

// extend is Until on the company calendar.
func (a *Activities) extend(ctx context.Context, t HoldTerms) (func(time.Time) time.Time, error) {
	cal, err := a.calendar(ctx)
	if err != nil {
		return nil, err
	}
	return func(from time.Time) time.Time { return t.Until(cal, from) }, nil
}

// HoldRef names one submission's hold set and its watcher.
type HoldRef struct {
	WorkflowID string       `json:"workflow_id"`
	ProposalID string       `json:"proposal_id"`
	Owner      policy.Actor `json:"owner"`
	Terms      HoldTerms    `json:"terms"`
}

// HoldLinesInput holds a proposal's resource lines at its submission.
type HoldLinesInput struct {
	HoldRef
	StepKey string `json:"step_key"`
}

// HoldLines holds every resource line of the proposal's current version,
// all or none (store.HoldProposalLines), until the hold period from now.
// A line whose slot is taken fails with ErrTypeResourceTaken.
func (a *Activities) HoldLines(ctx context.Context, in HoldLinesInput) (payload.HoldOutcome, error) {
	ext, err := a.extend(ctx, in.Terms)
	if err != nil {
		return payload.HoldOutcome{}, classify(err)
	}
	now, err := a.Store.Now(ctx)
	if err != nil {
		return payload.HoldOutcome{}, err
	}
	out, err := a.Store.HoldProposalLines(ctx, store.HoldRequest{ProposalID: in.ProposalID, WorkflowID: in.WorkflowID,
		HolderID: in.Owner.ID, StepKey: in.StepKey, ExpiresAt: ext(now)})
	return holdOutcome(out), classify(err)
}

// ReleaseHoldsInput releases a proposal's holds: all (declined) or the
// lines its current version dropped (revised).
type ReleaseHoldsInput struct {
	ProposalID  string `json:"proposal_id"`
	StepKey     string `json:"step_key"`
	ActorID     string `json:"actor_id"`
	Reason      string `json:"reason"`
	DroppedOnly bool   `json:"dropped_only"`
}

// ReleaseHolds releases them and answers the claims released.
func (a *Activities) ReleaseHolds(ctx context.Context, in ReleaseHoldsInput) ([]string, error) {
	ids, err := a.Store.ReleaseProposalHolds(ctx, store.ReleaseRequest{ProposalID: in.ProposalID, StepKey: in.StepKey,
		ActorID: in.ActorID, Reason: in.Reason, DroppedOnly: in.DroppedOnly})
	return ids, classify(err)
}

// HoldStatus is a hold set as its watcher sees it: what is live, when it
// lapses and when its owner is warned (one working day before).
type HoldStatus struct {
	payload.HoldSet
	WarnAt *time.Time `json:"warn_at,omitempty"`
}

// ReadHolds reads the hold set and counts its warning time on the
// company calendar.
func (a *Activities) ReadHolds(ctx context.Context, ref HoldRef) (HoldStatus, error) {
	row, err := a.Store.HoldSetOf(ctx, ref.WorkflowID, ref.ProposalID)
	set := holdSet(row)
	if err != nil || set.ExpiresAt == nil {
		return HoldStatus{HoldSet: set}, classify(err)
	}
	cal, err := a.calendar(ctx)
	if err != nil {
		return HoldStatus{}, classify(err)
	}
	warn := ref.Terms.WarnAt(cal, *set.ExpiresAt)
	return HoldStatus{HoldSet: set, WarnAt: &warn}, nil
}

// WarnHoldsInput warns the owner of the holds lapsing at ExpiresAt.
type WarnHoldsInput struct {
	HoldRef
	ExpiresAt time.Time `json:"expires_at"`
}

// WarnHolds writes the owner's warning once per expiry (the notification
// outbox delivers it) and reports whether anything was left to warn of.
func (a *Activities) WarnHolds(ctx context.Context, in WarnHoldsInput) (bool, error) {
	ok, err := a.Store.WarnHolds(ctx, store.HoldWarning{WorkflowID: in.WorkflowID, ProposalID: in.ProposalID,
		OwnerID: in.Owner.ID, ExpiresAt: in.ExpiresAt})
	return ok, classify(err)
}

// LapseHoldsInput lapses the due holds of a hold set.
type LapseHoldsInput struct {
	HoldRef
	StepKey string `json:"step_key"`
}

// LapseHolds releases the due holds, or extends them by the hold period
// while the proposal's contract is pending, and answers the released.
func (a *Activities) LapseHolds(ctx context.Context, in LapseHoldsInput) ([]string, error) {
	ext, err := a.extend(ctx, in.Terms)
	if err != nil {
		return nil, classify(err)
	}
	ids, err := a.Store.LapseHolds(ctx, store.LapseRequest{WorkflowID: in.WorkflowID, ProposalID: in.ProposalID,
		StepKey: in.StepKey, Extend: ext})
	return ids, classify(err)
}

// ClaimsReleasedBy answers the claims the step with key released, for the
// waiting list (a contract's last approval or signature drops a line).
func (a *Activities) ClaimsReleasedBy(ctx context.Context, stepKey string) ([]string, error) {
	ids, err := a.Store.ClaimsReleasedBy(ctx, stepKey)
	return ids, classify(err)
}
