package activities

import (
	"context"
	"time"

	"salesflow/policy"
	"salesflow/store"
	"salesflow/workflows/payload"
)

// RenewalTaskInput opens the manager's task to renew a hold set.
type RenewalTaskInput struct {
	HoldRef
	TaskID  string `json:"task_id"`
	StepKey string `json:"step_key"`
}

// OpenHoldRenewal puts the owner's renewal request in their sales
// manager's inbox (any sales manager's when they have none); the owner
// never decides it (the inbox's rule, Task.CanActOn).
func (a *Activities) OpenHoldRenewal(ctx context.Context, in RenewalTaskInput) error {
	owner, err := a.Store.UserByID(ctx, in.Owner.ID)
	if err != nil {
		return classify(err)
	}
	t := store.NewTask{ID: in.TaskID, Kind: store.TaskKindHoldRenewal, SubjectType: "proposal", SubjectID: in.ProposalID,
		WorkflowID: in.WorkflowID, AuthorID: owner.ID, AssigneeUserID: owner.ManagerID}
	if owner.ManagerID == "" {
		t.AssigneeRole = string(policy.RoleSalesManager)
	}
	step := store.Step{Key: in.StepKey, ActorID: owner.ID, Action: "hold.renewal_requested",
		Detail: map[string]any{"task_id": in.TaskID, "workflow_id": in.WorkflowID}}
	return classify(a.Store.OpenHoldRenewal(ctx, in.ProposalID, t, step))
}

// RenewalDecisionInput is the manager's decision on a renewal task.
type RenewalDecisionInput struct {
	HoldRef
	TaskID  string       `json:"task_id"`
	StepKey string       `json:"step_key"`
	Actor   policy.Actor `json:"actor"`
	Approve bool         `json:"approve"`
	Comment string       `json:"comment"`
}

// DecideHoldRenewal records the decision; approved, every hold of the set
// is extended by the hold period from its current expiry. It answers the
// earliest expiry after the decision.
func (a *Activities) DecideHoldRenewal(ctx context.Context, in RenewalDecisionInput) (*time.Time, error) {
	ext, err := a.extend(ctx, in.Terms)
	if err != nil {
		return nil, classify(err)
	}
	action := "hold.renewal_rejected"
	if in.Approve {
		action = "hold.renewal_approved"
	}
	step := store.Step{Key: in.StepKey, ActorID: in.Actor.ID, Action: action,
		Detail: map[string]any{"task_id": in.TaskID, "comment": in.Comment}}
	until, err := a.Store.DecideHoldRenewal(ctx, store.RenewalDecision{ProposalID: in.ProposalID, WorkflowID: in.WorkflowID,
		TaskID: in.TaskID, ActorID: in.Actor.ID, Comment: in.Comment, Approve: in.Approve, Extend: ext}, step)
	return until, classify(err)
}

// OfferNextInput offers what a released claim freed to the waiting list.
type OfferNextInput struct {
	ReleasedClaimID string    `json:"released_claim_id"`
	WorkflowID      string    `json:"workflow_id"`
	StepKey         string    `json:"step_key"`
	Terms           HoldTerms `json:"terms"`
}

// OfferNext makes the offers (store.OfferNext), each lasting one working
// day from now, and answers every live offer the workflow watches.
func (a *Activities) OfferNext(ctx context.Context, in OfferNextInput) ([]payload.Offer, error) {
	now, err := a.Store.Now(ctx)
	if err != nil {
		return nil, err
	}
	cal, err := a.calendar(ctx)
	if err != nil {
		return nil, classify(err)
	}
	until := in.Terms.OfferUntil(cal, now)
	rows, err := a.Store.OfferNext(ctx, store.OfferRequest{ReleasedClaimID: in.ReleasedClaimID, WorkflowID: in.WorkflowID,
		StepKey: in.StepKey, Until: until})
	return offers(rows), classify(err)
}

// LapseOfferInput passes on an offer whose day is up.
type LapseOfferInput struct {
	ClaimID string `json:"claim_id"`
	StepKey string `json:"step_key"`
}

// LapseOffer releases the offer if it is still open and due, and reports
// whether it did (the slot then goes to the next in the queue).
func (a *Activities) LapseOffer(ctx context.Context, in LapseOfferInput) (bool, error) {
	ok, err := a.Store.LapseOffer(ctx, in.ClaimID, in.StepKey)
	return ok, classify(err)
}

// ReleaseClaimInput is a person's release of one claim (the API checked
// who may).
type ReleaseClaimInput struct {
	ClaimID string `json:"claim_id"`
	ActorID string `json:"actor_id"`
	Reason  string `json:"reason"`
	StepKey string `json:"step_key"`
}

// ReleaseClaim releases it, audited with the reason; a claim released
// already is a Conflict.
func (a *Activities) ReleaseClaim(ctx context.Context, in ReleaseClaimInput) ([]string, error) {
	ids, err := a.Store.ReleaseClaim(ctx, in.ClaimID, in.ActorID, in.Reason, in.StepKey)
	return ids, classify(err)
}
