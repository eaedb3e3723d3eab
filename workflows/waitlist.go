package workflows

import (
	"fmt"
	"time"

	"go.temporal.io/sdk/workflow"

	"salesflow/activities"
	"salesflow/workflows/payload"
)

// WaitlistWorkflow hands what one released claim freed to the resource's
// waiting list (issue 13): the earliest entries whose dates overlap and
// are now free are each offered the slot for one working day (an offered
// claim, so nobody else takes it, and a notification). When an offer's
// day lapses unused it is passed on to the next in the queue; an offer
// taken (the person's hold converted it) or withdrawn is left alone — the
// activity reads the database, so no signal is needed.
func WaitlistWorkflow(ctx workflow.Context, in WaitlistInput) (WaitlistResult, error) {
	ctx = withActivityOptions(ctx)
	id := WaitlistWorkflowID(in.ReleasedClaimID)
	var result WaitlistResult
	if in.Release != nil {
		if err := releaseFirst(ctx, in); err != nil {
			return result, err
		}
	}
	offers, err := offerNext(ctx, id, in.ReleasedClaimID, 0, in.Timing)
	for round := 1; err == nil && len(offers) > 0; round++ {
		o := offers[0] // the store answers the earliest expiry first
		if !containsOffer(result.Offers, o.ClaimID) {
			result.Offers = append(result.Offers, o.ClaimID)
		}
		if err = workflow.Sleep(ctx, o.ExpiresAt.Sub(workflow.Now(ctx))); err != nil {
			break
		}
		var lapsed bool
		lapse := activities.LapseOfferInput{ClaimID: o.ClaimID, StepKey: fmt.Sprintf("%s/lapse-%d", id, round)}
		if err = workflow.ExecuteActivity(ctx, a.LapseOffer, lapse).Get(ctx, &lapsed); err != nil {
			break
		}
		if !lapsed {
			// Taken or withdrawn meanwhile, or not yet due by the
			// database's clock: read the offers again in a moment.
			if err = workflow.Sleep(ctx, time.Second); err != nil {
				break
			}
		}
		offers, err = offerNext(ctx, id, o.ClaimID, round, in.Timing)
	}
	return result, err
}

// offerNext offers what claim freedID freed and answers every live offer
// this workflow watches, earliest expiry first.
func offerNext(ctx workflow.Context, workflowID, freedID string, round int, timing HoldTiming) ([]payload.Offer, error) {
	in := activities.OfferNextInput{ReleasedClaimID: freedID, WorkflowID: workflowID,
		StepKey: fmt.Sprintf("%s/offer-%d", workflowID, round), Terms: timing}
	var offers []payload.Offer
	err := workflow.ExecuteActivity(ctx, a.OfferNext, in).Get(ctx, &offers)
	return offers, err
}

func containsOffer(list []string, id string) bool {
	for _, v := range list {
		if v == id {
			return true
		}
	}
	return false
}

// releaseFirst releases the claim as ordered and answers the API's Update
// with the outcome; a refused release (the claim released meanwhile) ends
// the workflow with the refusal, and no offer is made.
func releaseFirst(ctx workflow.Context, in WaitlistInput) error {
	var done bool
	var failed error
	err := workflow.SetUpdateHandler(ctx, UpdateWaitlistReleased, func(ctx workflow.Context) error {
		if err := workflow.Await(ctx, func() bool { return done }); err != nil {
			return err
		}
		return failed
	})
	if err != nil {
		return err
	}
	o := in.Release
	release := activities.ReleaseClaimInput{ClaimID: in.ReleasedClaimID, ActorID: o.ActorID, Reason: o.Reason, StepKey: o.StepKey}
	failed = workflow.ExecuteActivity(withStepOptions(ctx), a.ReleaseClaim, release).Get(ctx, nil)
	done = true
	if err := workflow.Await(ctx, func() bool { return workflow.AllHandlersFinished(ctx) }); err != nil {
		return err
	}
	return failed
}
