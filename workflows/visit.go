package workflows

import (
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"salesflow/activities"
	"salesflow/policy"
)

// VisitWorkflow drives one customer visit (R3.5–R3.8): the plan waits for
// the sales manager's approval; only an approved visit leaves, when the
// front desk records the visit slip; a late-return watch tells the manager
// when the salesperson is not back in time or by the end of the working day
// (R3.6); after the return the report is due within two working days, with
// a reminder on the last day and an escalation when missed (R3.8).
func VisitWorkflow(ctx workflow.Context, in VisitInput) (VisitState, error) {
	v, err := setupVisit(ctx, in)
	if err != nil {
		return VisitState{}, err
	}
	return v.run(ctx)
}

// visit is the workflow's state and its handlers.
type visit struct {
	in           VisitInput
	state        VisitState
	created      bool
	failed       error
	steps        *stepper
	gen          int // expected-return reports so far; each restarts the watch
	reportRemind time.Time
	mailing      int // email activities still running
}

// setupVisit registers the query and updates before the workflow first
// blocks, so the Update sent with the start is handled.
func setupVisit(ctx workflow.Context, in VisitInput) (*visit, error) {
	v := &visit{in: in, state: VisitState{VisitID: in.VisitID, Status: policy.VisitPendingApproval}}
	v.steps = newStepper(ctx, func() bool { return v.created }, func() string { return string(v.state.Status) })
	if err := workflow.SetQueryHandler(ctx, QueryVisitState, func() (VisitState, error) { return v.state, nil }); err != nil {
		return nil, err
	}
	err := registerUpdates(ctx, []updateHandler{
		{UpdateVisitCreated, v.awaitCreated, nil},
		{UpdateVisitDecide, v.decide, v.validateDecide},
		{UpdateVisitDepart, v.depart, v.validateDepart},
		{UpdateVisitExpectedReturn, v.expectedReturn, v.validateExpectedReturn},
		{UpdateVisitReturn, v.returned, v.validateReturn},
		{UpdateVisitReport, v.report, v.validateReport},
	})
	return v, err
}

// run stores the plan, then follows the visit stage by stage until it is
// rejected or reported.
func (v *visit) run(ctx workflow.Context) (VisitState, error) {
	ctx = withActivityOptions(ctx)
	if err := v.create(ctx); err != nil {
		v.failed = err
		return VisitState{}, err
	}
	if err := workflow.Await(ctx, func() bool { return v.state.Status != policy.VisitPendingApproval }); err != nil {
		return VisitState{}, err
	}
	if v.state.Status != policy.VisitRejected {
		if err := workflow.Await(ctx, func() bool { return v.state.Status != policy.VisitApproved }); err != nil {
			return VisitState{}, err
		}
		if err := v.watchReturn(ctx); err != nil {
			return VisitState{}, err
		}
		if err := v.watchReport(ctx); err != nil {
			return VisitState{}, err
		}
	}
	err := workflow.Await(ctx, func() bool { return workflow.AllHandlersFinished(ctx) && v.mailing == 0 })
	return v.state, err
}

func (v *visit) create(ctx workflow.Context) error {
	return v.steps.locked(ctx, func() error {
		taskID := v.in.VisitID + "-plan"
		in := activities.CreateVisitInput{VisitRef: v.ref(ctx), StepKey: v.workflowID(ctx) + "/created",
			TaskID: taskID, Goals: v.in.Plan.Goals, ProgressReport: v.in.Plan.ProgressReport,
			PlannedStart: v.in.Plan.PlannedStart, PlannedReturn: v.in.Plan.PlannedReturn}
		var ids []string
		if err := workflow.ExecuteActivity(ctx, a.CreateVisit, in).Get(ctx, &ids); err != nil {
			return err
		}
		v.created, v.state.OpenTaskID = true, taskID
		v.steps.publish(ctx)
		v.mail(ctx, ids)
		return nil
	})
}

// awaitCreated answers once the plan is stored, so the API's 201 reads back.
func (v *visit) awaitCreated(ctx workflow.Context) (VisitState, error) {
	if err := workflow.Await(ctx, func() bool { return v.created || v.failed != nil }); err != nil {
		return VisitState{}, err
	}
	return v.state, v.failed
}

// step runs one human step (see stepper) and answers with the new state.
func (v *visit) step(ctx workflow.Context, recheck func(workflow.Context) error, write func(workflow.Context, string) error) (VisitState, error) {
	if err := v.steps.run(ctx, recheck, write); err != nil {
		return VisitState{}, err
	}
	return v.state, nil
}

// mail sends the notifications ids by email in the background (what
// fails is the delivery sweep's to retry), and the workflow waits for it
// before completing.
func (v *visit) mail(ctx workflow.Context, ids []string) {
	if len(ids) == 0 {
		return
	}
	v.mailing++
	workflow.Go(ctx, func(ctx workflow.Context) {
		defer func() { v.mailing-- }()
		ctx = withDeliveryOptions(ctx)
		if err := workflow.ExecuteActivity(ctx, a.EmailNotifications, ids).Get(ctx, nil); err != nil {
			workflow.GetLogger(ctx).Warn("notification email not sent", "error", err)
		}
	})
}

func (v *visit) ref(ctx workflow.Context) activities.VisitRef {
	return activities.VisitRef{VisitID: v.in.VisitID, WorkflowID: v.workflowID(ctx), CustomerID: v.in.CustomerID,
		Owner: v.in.Owner, ManagerID: v.in.ManagerID}
}

func (v *visit) workflowID(ctx workflow.Context) string {
	return workflow.GetInfo(ctx).WorkflowExecution.ID
}

func (v *visit) checkOwner(actor policy.Actor) error {
	if actor.ID != v.in.Owner.ID {
		return temporal.NewApplicationError("only the salesperson who planned the visit may do this", ErrTypeForbidden)
	}
	return nil
}

func invalid(msg string) error { return temporal.NewApplicationError(msg, ErrTypeInvalid) }
