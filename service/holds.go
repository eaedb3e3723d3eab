package service

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"

	"salesflow/policy"
	"salesflow/store"
	"salesflow/workflows"
)

// Holds, their renewal, the release of claims and the waiting list
// (issue 13): who sees what of a claim, and each person's action on one.

// VisibleClaim is what actor may see of c: everything when it is actor's
// own or actor sees every salesperson's customers; else only that the slot
// is held, offered or booked and until when (never another salesperson's
// customer or price).
func VisibleClaim(actor store.User, c store.ResourceClaim) store.ResourceClaim {
	if policy.SeesClaim(Actor(actor), c.HolderID) {
		return c
	}
	c.HolderID, c.HolderName, c.CustomerID, c.CustomerName, c.ProposalID, c.ContractID, c.LineNo = "", "", "", "", "", "", 0
	c.ReleaseReason = ""
	return c
}

// CheckPeriod refuses a from or to that is not a business day's date, and
// to before from; both are required.
func CheckPeriod(from, to string) error {
	var v Validation
	today := time.Now().In(policy.Shanghai)
	f, okF := CheckDay(&v, "from", from, BusinessDays(today))
	t, okT := CheckDay(&v, "to", to, BusinessDays(today))
	if okF && okT && t.Before(f) {
		v.Add("to", "field.to_before_from")
	}
	return v.Err()
}

// ResourceClaims are the live claims on resource resourceID overlapping
// from..to, each as actor may see it.
func (s *Service) ResourceClaims(ctx context.Context, actor store.User, resourceID, from, to string) ([]store.ResourceClaim, error) {
	if err := CheckPeriod(from, to); err != nil {
		return nil, err
	}
	list, err := s.store.ClaimsOn(ctx, resourceID, from, to)
	for i := range list {
		list[i] = VisibleClaim(actor, list[i])
	}
	return list, err
}

// ProposalHolds are the claims of proposal proposalID, which actor must see.
func (s *Service) ProposalHolds(ctx context.Context, actor store.User, proposalID string) ([]store.ResourceClaim, error) {
	p, err := s.Proposal(ctx, actor, proposalID)
	if err != nil {
		return nil, err
	}
	return s.store.ClaimsOfProposal(ctx, p.ID)
}

// RequestHoldRenewal is the owner asking their manager to renew proposal
// proposalID's holds: the hold workflow's Update (its validator: only the
// owner, only while a hold is live) opens the manager's task, once per key.
func (s *Service) RequestHoldRenewal(ctx context.Context, actor store.User, key, proposalID string) (workflows.HoldState, error) {
	var state workflows.HoldState
	p, err := s.Proposal(ctx, actor, proposalID)
	if err != nil {
		return state, err
	}
	wf, err := s.store.HoldWorkflowOf(ctx, p.ID)
	if errors.Is(err, store.ErrNotFound) {
		err = NewError(KindConflict, "nothing-held", "problem.nothing_held", "detail.nothing_held", p.ID)
	}
	if err == nil {
		err = s.Update(ctx, key, wf, workflows.UpdateHoldRenewal, actor, workflows.RenewalRequest{Actor: Actor(actor)}, &state)
	}
	return state, err
}

// ReleaseInput says why a claim is released.
type ReleaseInput struct {
	Reason string `json:"reason" text:"block,max=500"`
}

// ReleaseClaim lets claim claimID go on a person's decision: its holder
// gives up a hold or an offer; a sales manager or an admin releases any
// claim, a booking included, and must say why (audited). What it frees goes
// to the waiting list. The same key again is the same release.
func (s *Service) ReleaseClaim(ctx context.Context, actor store.User, key, claimID string, in ReleaseInput) (store.ResourceClaim, error) {
	claim, err := s.store.ClaimByID(ctx, claimID)
	if err == nil {
		err = checkRelease(actor, claim, &in)
	}
	if err == nil {
		err = s.releaseWithWaitlist(ctx, claim.ID, workflows.ReleaseOrder{ActorID: actor.ID, Reason: in.Reason,
			StepKey: StepKey("api/claim-release", actor.ID, key)})
	}
	if err != nil {
		return store.ResourceClaim{}, NotFoundAs(err, "claim "+claimID)
	}
	return s.store.ClaimByID(ctx, claim.ID)
}

// checkRelease: managers release anything with a reason; a holder their
// own hold or offer; anyone else learns nothing of the claim.
func checkRelease(actor store.User, claim store.ResourceClaim, in *ReleaseInput) error {
	var v Validation
	if err := TextErr(*in); err != nil {
		return err
	}
	in.Reason = strings.TrimSpace(in.Reason)
	manager := policy.HasRole(actor.Roles, policy.RoleSalesManager) || policy.HasRole(actor.Roles, policy.RoleAdmin)
	switch {
	case !claim.Live():
		return NewError(KindConflict, "claim-released", "problem.claim_released", "detail.claim_released", claim.ID)
	case manager:
		if in.Reason == "" {
			v.Add("reason", "field.required")
		}
	case claim.HolderID != actor.ID:
		return NotFound("claim " + claim.ID)
	case claim.State == store.ClaimBooked:
		return NewError(KindForbidden, "booking-release", "problem.booking_release", "detail.booking_release")
	case in.Reason == "":
		in.Reason = "given_up"
	}
	return v.Err()
}

// releaseWithWaitlist starts the waiting-list workflow of the claim with
// the order to release it first (Update-with-Start), and waits until the
// release is stored: the release and the workflow that offers the freed
// slot are one, so Temporal being unreachable refuses the release
// (unavailable) instead of recording one nobody hands on. The same key
// again lands on the same workflow and Update.
func (s *Service) releaseWithWaitlist(ctx context.Context, claimID string, order workflows.ReleaseOrder) error {
	id := workflows.WaitlistWorkflowID(claimID)
	opts := client.StartWorkflowOptions{ID: id, TaskQueue: s.cfg.TaskQueue,
		WorkflowIDConflictPolicy: enumspb.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING, WorkflowIDReusePolicy: StartOnce}
	input := workflows.WaitlistInput{ReleasedClaimID: claimID, Timing: s.HoldTiming(), Release: &order}
	return s.updateWithStart(ctx, opts, workflows.WaitlistWorkflow, input, client.UpdateWorkflowOptions{WorkflowID: id,
		UpdateID: workflows.UpdateWaitlistReleased, UpdateName: workflows.UpdateWaitlistReleased,
		WaitForStage: client.WorkflowUpdateStageCompleted})
}

// startWaitlist starts the waiting-list workflow of each claim a
// withdrawal released. The release is committed already: a start that
// fails is logged, and the offer then passes on when its day ends (the
// workflow that made it finds it released).
func (s *Service) startWaitlist(ctx context.Context, released []string) {
	for _, id := range released {
		opts := client.StartWorkflowOptions{ID: workflows.WaitlistWorkflowID(id), TaskQueue: s.cfg.TaskQueue,
			WorkflowIDReusePolicy: enumspb.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE}
		_, err := s.temporal.ExecuteWorkflow(context.WithoutCancel(ctx), opts, workflows.WaitlistWorkflow,
			workflows.WaitlistInput{ReleasedClaimID: id, Timing: s.HoldTiming()})
		if err != nil && !temporal.IsWorkflowExecutionAlreadyStartedError(err) {
			s.log.ErrorContext(ctx, "waiting list not started", "claim_id", id, "error", err)
		}
	}
}

// JoinWaitlistInput queues for a resource's dates (both included), for
// one of the salesperson's customers or none.
type JoinWaitlistInput struct {
	From       string `json:"from"`
	To         string `json:"to"`
	CustomerID string `json:"customer_id"`
}

// JoinWaitlist queues actor for resource resourceID's dates, first come
// first served: the dates are checked, the customer (if named) must be
// actor's own, and the same person waiting for the same dates already is
// a conflict.
func (s *Service) JoinWaitlist(ctx context.Context, actor store.User, resourceID string, in JoinWaitlistInput) (store.WaitlistEntry, error) {
	err := CheckPeriod(in.From, in.To)
	if err == nil && in.CustomerID != "" {
		err = s.CheckOwnCustomer(ctx, actor, in.CustomerID, "problem.forbidden")
	}
	var e store.WaitlistEntry
	if err == nil {
		e, err = s.store.JoinWaitlist(ctx, store.NewWaitlistEntry{ResourceID: resourceID, StartsOn: in.From,
			EndsOn: in.To, UserID: actor.ID, CustomerID: in.CustomerID})
	}
	switch {
	case errors.Is(err, store.ErrDuplicate):
		err = NewError(KindConflict, "already-waiting", "problem.already_waiting", "detail.already_waiting")
	case errors.Is(err, store.ErrNotFound):
		err = NotFound("resource " + resourceID)
	}
	return e, err
}

// Waitlist is resource resourceID's queue: everyone sees its length and
// order, the people in it only who sees all claims, else only their own
// entries.
func (s *Service) Waitlist(ctx context.Context, actor store.User, resourceID string) ([]store.WaitlistEntry, error) {
	list, err := s.store.WaitlistOf(ctx, resourceID)
	for i := range list {
		if !policy.SeesClaim(Actor(actor), list[i].UserID) {
			list[i].UserID, list[i].CustomerID, list[i].OfferClaimID = "", "", ""
		}
	}
	return list, err
}

// WithdrawWaitlist takes actor's entry entryID out of the queue (another's
// is not found), once per key; an offer it held is handed on to the next.
func (s *Service) WithdrawWaitlist(ctx context.Context, actor store.User, key, entryID string) (store.WaitlistEntry, error) {
	id, perr := strconv.ParseInt(entryID, 10, 64)
	if perr != nil {
		return store.WaitlistEntry{}, NotFound("waiting-list entry " + entryID)
	}
	released, err := s.store.WithdrawWaitlist(ctx, id, actor.ID, StepKey("api/waitlist-withdraw", actor.ID, key))
	if err != nil {
		return store.WaitlistEntry{}, NotFoundAs(err, "waiting-list entry "+entryID)
	}
	s.startWaitlist(ctx, released)
	return s.store.WaitlistEntryByID(ctx, id)
}

// OwnWaitlist is every entry of actor's own in the waiting lists, in any
// state, for their waiting-list page.
func (s *Service) OwnWaitlist(ctx context.Context, actor store.User) ([]store.WaitlistEntry, error) {
	return s.store.WaitlistOfUser(ctx, actor.ID)
}
