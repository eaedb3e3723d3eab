package workflows

import (
	"fmt"
	"slices"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"salesflow/activities"
	"salesflow/policy"
)

// HoldWorkflow watches the holds (订位) of one submission of a proposal
// (issue 13): it warns the owner one working day before they lapse and
// lapses them when their time is up, handing each released slot to the
// waiting list. The owner may ask for a renewal, which the sales manager
// decides (an Update with a validator; no self-approval); approved, the
// holds last the hold period longer. While the customer's contract is
// drafted or in approval the holds do not lapse: each time they would, they
// are extended by the hold period. The database is read before every
// timer, so a later submission (which takes the claims over), a decline or
// a booking ends the watch without a signal.
func HoldWorkflow(ctx workflow.Context, in HoldInput) (HoldState, error) {
	h, err := setupHold(ctx, in)
	if err != nil {
		return HoldState{}, err
	}
	return h.run(ctx)
}

type hold struct {
	in      HoldInput
	state   HoldState
	lock    workflow.Mutex
	changed bool // a renewal moved the expiry: the timers start over
}

func setupHold(ctx workflow.Context, in HoldInput) (*hold, error) {
	h := &hold{in: in, lock: workflow.NewMutex(ctx), state: HoldState{ProposalID: in.ProposalID, Status: HoldWatching}}
	if err := workflow.SetQueryHandler(ctx, QueryHoldState, func() (HoldState, error) { return h.state, nil }); err != nil {
		return nil, err
	}
	return h, registerUpdates(ctx, []updateHandler{
		{UpdateHoldRenewal, h.requestRenewal, h.validateRenewal},
		{UpdateHoldDecide, h.decide, h.validateDecide},
	})
}

func (h *hold) ref() activities.HoldRef {
	return activities.HoldRef{WorkflowID: HoldWorkflowID(h.in.ProposalID, h.in.Round), ProposalID: h.in.ProposalID,
		Owner: h.in.Owner, Terms: h.in.Timing}
}

// run reads the holds, waits for the warning and then the lapse, and
// starts over, until nothing is held.
func (h *hold) run(ctx workflow.Context) (HoldState, error) {
	ctx = withActivityOptions(ctx)
	for {
		var st activities.HoldStatus
		if err := workflow.ExecuteActivity(ctx, a.ReadHolds, h.ref()).Get(ctx, &st); err != nil {
			return h.state, err
		}
		h.state.Live, h.state.ExpiresAt = st.Live, st.ExpiresAt
		if st.Live == 0 || st.ExpiresAt == nil {
			break
		}
		h.changed = false
		if err := h.warn(ctx, st); err != nil {
			return h.state, err
		}
		if h.changed {
			continue
		}
		if _, err := workflow.AwaitWithTimeout(ctx, st.ExpiresAt.Sub(workflow.Now(ctx)), func() bool { return h.changed }); err != nil {
			return h.state, err
		}
		if h.changed {
			continue
		}
		if err := h.lapse(ctx, *st.ExpiresAt); err != nil {
			return h.state, err
		}
	}
	h.state.Status = HoldEnded
	err := workflow.Await(ctx, func() bool { return workflow.AllHandlersFinished(ctx) })
	return h.state, err
}

// warn waits until the warning time and warns the owner once per expiry;
// not while a contract is pending (the holds will be extended).
func (h *hold) warn(ctx workflow.Context, st activities.HoldStatus) error {
	if st.WarnAt == nil || st.ContractPending || (h.state.WarnedFor != nil && h.state.WarnedFor.Equal(*st.ExpiresAt)) {
		return nil
	}
	if _, err := workflow.AwaitWithTimeout(ctx, st.WarnAt.Sub(workflow.Now(ctx)), func() bool { return h.changed }); err != nil || h.changed {
		return err
	}
	in := activities.WarnHoldsInput{HoldRef: h.ref(), ExpiresAt: *st.ExpiresAt}
	if err := workflow.ExecuteActivity(ctx, a.WarnHolds, in).Get(ctx, nil); err != nil {
		return err
	}
	h.state.WarnedFor = st.ExpiresAt
	return nil
}

// lapse releases (or extends) the due holds and hands what was released to
// the waiting list. When nothing was due after all (the database's clock a
// little behind the timer's), it waits a second before reading again.
func (h *hold) lapse(ctx workflow.Context, expires time.Time) error {
	in := activities.LapseHoldsInput{HoldRef: h.ref(), StepKey: fmt.Sprintf("%s/lapse-%d", h.ref().WorkflowID, expires.UnixMilli())}
	var released []string
	if err := workflow.ExecuteActivity(ctx, a.LapseHolds, in).Get(ctx, &released); err != nil {
		return err
	}
	if len(released) == 0 {
		return workflow.Sleep(ctx, time.Second)
	}
	return startWaitlist(ctx, released, h.in.Timing)
}

func (h *hold) validateRenewal(ctx workflow.Context, req RenewalRequest) error {
	if req.Actor.ID != h.in.Owner.ID {
		return temporal.NewApplicationError("only the holds' owner may ask for a renewal", ErrTypeForbidden)
	}
	if h.state.Status != HoldWatching { // whether anything is still held, the activity reads
		return conflict("nothing is held any more")
	}
	if h.state.RenewalTaskID != "" {
		return conflict("a renewal request is already waiting for the manager")
	}
	return nil
}

// requestRenewal opens the manager's renewal task.
func (h *hold) requestRenewal(ctx workflow.Context, req RenewalRequest) (HoldState, error) {
	return h.step(ctx, func() error { return h.validateRenewal(ctx, req) }, func(ctx workflow.Context, key string) error {
		taskID := fmt.Sprintf("%s-renewal-%d", h.ref().WorkflowID, h.state.Requests+1)
		in := activities.RenewalTaskInput{HoldRef: h.ref(), TaskID: taskID, StepKey: key}
		if err := runStep(ctx, a.OpenHoldRenewal, in).Get(ctx, nil); err != nil {
			return err
		}
		h.state.Requests++
		h.state.RenewalTaskID = taskID
		return nil
	})
}

func (h *hold) validateDecide(ctx workflow.Context, req DecideRequest) error {
	if req.TaskID == "" || req.TaskID != h.state.RenewalTaskID {
		return conflict("task %s is not open for decision", req.TaskID)
	}
	if req.Actor.ID == h.in.Owner.ID {
		return temporal.NewApplicationError("the owner cannot approve their own renewal", ErrTypeSelfReview)
	}
	if !req.Actor.Has(policy.RoleSalesManager) {
		return temporal.NewApplicationError("a renewal is decided by a sales manager", ErrTypeForbidden)
	}
	if req.Decision != DecisionApprove && req.Decision != DecisionReject {
		return temporal.NewApplicationError("decision must be approve or reject", ErrTypeInvalid)
	}
	if req.Decision == DecisionReject && req.Comment == "" {
		return temporal.NewApplicationError("a rejection needs a comment for the owner", ErrTypeInvalid)
	}
	return nil
}

// decide records the manager's decision; approved, the holds last the
// hold period longer and the timers start over.
func (h *hold) decide(ctx workflow.Context, req DecideRequest) (HoldState, error) {
	return h.step(ctx, func() error { return h.validateDecide(ctx, req) }, func(ctx workflow.Context, key string) error {
		in := activities.RenewalDecisionInput{HoldRef: h.ref(), TaskID: req.TaskID, StepKey: key, Actor: req.Actor,
			Approve: req.Decision == DecisionApprove, Comment: req.Comment}
		var until *time.Time
		if err := runStep(ctx, a.DecideHoldRenewal, in).Get(ctx, &until); err != nil {
			return err
		}
		h.state.RenewalTaskID = ""
		if in.Approve {
			h.state.Renewals++
			h.state.ExpiresAt, h.changed = until, true
		}
		return nil
	})
}

// step runs one person's step under the workflow's lock, checked again
// there, with the key workflow ID + Update ID.
func (h *hold) step(ctx workflow.Context, recheck func() error, write func(workflow.Context, string) error) (HoldState, error) {
	ctx = withLocalStepOptions(withStepOptions(ctx))
	key := h.ref().WorkflowID + "/" + workflow.GetCurrentUpdateInfo(ctx).ID
	if err := h.lock.Lock(ctx); err != nil {
		return HoldState{}, err
	}
	defer h.lock.Unlock()
	if err := recheck(); err != nil {
		return HoldState{}, err
	}
	if err := write(ctx, key); err != nil {
		return HoldState{}, err
	}
	return h.state, nil
}

// startHoldWatch starts the watch over a submission's holds as an
// abandoned child, so it outlives the proposal's run; a watch already
// started under the ID (a retried submission) is the same watch.
func startHoldWatch(ctx workflow.Context, in HoldInput) error {
	opts := workflow.ChildWorkflowOptions{WorkflowID: HoldWorkflowID(in.ProposalID, in.Round),
		ParentClosePolicy:     enumspb.PARENT_CLOSE_POLICY_ABANDON,
		WorkflowIDReusePolicy: enumspb.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE}
	f := workflow.ExecuteChildWorkflow(workflow.WithChildOptions(ctx, opts), HoldWorkflow, in)
	if err := f.GetChildWorkflowExecution().Get(ctx, nil); err != nil && !temporal.IsWorkflowExecutionAlreadyStartedError(err) {
		return err
	}
	return nil
}

// startWaitlist starts, for each released claim, the workflow offering
// what it freed to the waiting list (one per claim, abandoned children).
func startWaitlist(ctx workflow.Context, released []string, timing HoldTiming) error {
	for _, id := range slices.Sorted(slices.Values(released)) {
		opts := workflow.ChildWorkflowOptions{WorkflowID: WaitlistWorkflowID(id),
			ParentClosePolicy:     enumspb.PARENT_CLOSE_POLICY_ABANDON,
			WorkflowIDReusePolicy: enumspb.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE}
		f := workflow.ExecuteChildWorkflow(workflow.WithChildOptions(ctx, opts), WaitlistWorkflow,
			WaitlistInput{ReleasedClaimID: id, Timing: timing})
		if err := f.GetChildWorkflowExecution().Get(ctx, nil); err != nil && !temporal.IsWorkflowExecutionAlreadyStartedError(err) {
			return err
		}
	}
	return nil
}
