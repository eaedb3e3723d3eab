package workflows

import (
	"go.temporal.io/sdk/workflow"

	"salesflow/activities"
	"salesflow/workflows/payload"
)

// versionResourceHolds marks runs whose submission holds the proposal's
// resource lines and whose decline or revision releases them (issue 13);
// runs recorded before replay without those steps.
const versionResourceHolds = "resource-holds"

// holdLines holds every resource line of the submitted version, all or
// none (a line whose slot is taken fails the submission with
// ErrTypeResourceTaken, before the review is opened), starts the watch
// over the holds and hands lines the version dropped to the waiting list.
func (p *proposal) holdLines(ctx workflow.Context, key string) error {
	if workflow.GetVersion(ctx, versionResourceHolds, workflow.DefaultVersion, 1) == workflow.DefaultVersion {
		return nil
	}
	round := p.state.Submissions + 1
	ref := activities.HoldRef{WorkflowID: HoldWorkflowID(p.state.ProposalID, round), ProposalID: p.state.ProposalID,
		Owner: p.in.Owner, Terms: p.in.HoldTiming}
	var out payload.HoldOutcome
	if err := runStep(ctx, a.HoldLines, activities.HoldLinesInput{HoldRef: ref, StepKey: key}).Get(ctx, &out); err != nil {
		return err
	}
	if len(out.Held) > 0 {
		if err := startHoldWatch(ctx, HoldInput{ProposalID: p.state.ProposalID, Round: round, Owner: p.in.Owner,
			Timing: p.in.HoldTiming}); err != nil {
			return err
		}
		p.state.HoldRound = round
	}
	return startWaitlist(ctx, out.Released, p.in.HoldTiming)
}

// releaseHolds releases the proposal's holds when the customer declined
// (all of them) or a revision dropped their line (droppedOnly), and hands
// them to the waiting list. A proposal never held has nothing to release.
func (p *proposal) releaseHolds(ctx workflow.Context, key, actorID, reason string, droppedOnly bool) error {
	if p.state.HoldRound == 0 ||
		workflow.GetVersion(ctx, versionResourceHolds, workflow.DefaultVersion, 1) == workflow.DefaultVersion {
		return nil
	}
	in := activities.ReleaseHoldsInput{ProposalID: p.state.ProposalID, StepKey: key + "/release", ActorID: actorID,
		Reason: reason, DroppedOnly: droppedOnly}
	var released []string
	if err := runStep(ctx, a.ReleaseHolds, in).Get(ctx, &released); err != nil {
		return err
	}
	return startWaitlist(ctx, released, p.in.HoldTiming)
}

// versionBookingWaitlist marks contract runs whose last approval and
// completing signature hand the claims they let go (lines a revision of
// the contract dropped) to the waiting list; earlier runs replay without.
const versionBookingWaitlist = "booking-waitlist"

// offerDropped starts the waiting list of every claim the contract's step
// key released when it took its resource lines over (store/bookings.go).
func (c *contract) offerDropped(ctx workflow.Context, key string) error {
	if workflow.GetVersion(ctx, versionBookingWaitlist, workflow.DefaultVersion, 1) == workflow.DefaultVersion {
		return nil
	}
	var released []string
	if err := runStep(ctx, a.ClaimsReleasedBy, key).Get(ctx, &released); err != nil {
		return err
	}
	return startWaitlist(ctx, released, HoldTiming{})
}
