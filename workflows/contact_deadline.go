package workflows

import (
	"fmt"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"salesflow/activities"
	"salesflow/policy"
	"salesflow/workflows/payload"
)

// ContactDeadlineWorkflow is R2.5's one week to contact, for one ownership:
// a reminder to the owner a day before the deadline, and at the deadline a
// contact_overdue task asking the owner's manager to extend it or give the
// customer to someone else. The first logged interaction (SignalContactMade)
// ends it; so does a change of owner (SignalOwnershipEnded). A reassignment
// starts the new owner's week as a workflow of its own.
func ContactDeadlineWorkflow(ctx workflow.Context, in ContactDeadlineInput) (ContactState, error) {
	c, err := setupContact(ctx, in)
	if err != nil {
		return ContactState{}, err
	}
	return c.run(ctx)
}

type contact struct {
	in         ContactDeadlineInput
	state      ContactState
	contacted  bool
	superseded bool
	escalating bool
	decided    string
}

func setupContact(ctx workflow.Context, in ContactDeadlineInput) (*contact, error) {
	if in.Deadline <= 0 {
		in.Deadline = DefaultContactDeadline
	}
	if in.RecheckEvery <= 0 {
		in.RecheckEvery = DefaultContactRecheck
	}
	c := &contact{in: in, state: ContactState{CustomerID: in.CustomerID, Generation: in.Generation,
		OwnerID: in.OwnerID, Status: ContactWaiting, DueAt: workflow.Now(ctx).Add(in.Deadline)}}
	if err := workflow.SetQueryHandler(ctx, QueryContactState, func() (ContactState, error) {
		return c.state, nil
	}); err != nil {
		return nil, err
	}
	opts := workflow.UpdateHandlerOptions{Validator: c.validateDecide}
	if err := workflow.SetUpdateHandlerWithOptions(ctx, UpdateContactDecide, c.decide, opts); err != nil {
		return nil, err
	}
	c.listen(ctx, SignalContactMade, &c.contacted)
	c.listen(ctx, SignalOwnershipEnded, &c.superseded)
	return c, nil
}

// listen sets *flag when the signal arrives, draining repeats.
func (c *contact) listen(ctx workflow.Context, name string, flag *bool) {
	ch := workflow.GetSignalChannel(ctx, name)
	workflow.Go(ctx, func(ctx workflow.Context) {
		for ch.Receive(ctx, nil) {
			*flag = true
		}
	})
}

// workflowID is this ownership's workflow ID, derived from the input rather
// than read from the run, so task IDs and step keys are the same on replay.
func (c *contact) workflowID() string {
	return ContactDeadlineWorkflowID(c.in.CustomerID, c.in.Generation)
}

func (c *contact) finished() bool { return c.contacted || c.superseded }

// run waits out each round (the week, or an extension) and escalates when
// it passes without contact, until contact, a new owner or a reassignment.
func (c *contact) run(ctx workflow.Context) (ContactState, error) {
	ctx = withActivityOptions(ctx)
	for c.state.Status == ContactWaiting {
		if err := c.waitRound(ctx); err != nil {
			return c.state, err
		}
		if c.state.Status != ContactWaiting {
			break
		}
		if err := c.escalate(ctx); err != nil {
			return c.state, err
		}
	}
	if c.state.Status == ContactReassigned {
		if err := c.startNextOwner(ctx); err != nil {
			return c.state, err
		}
	}
	err := workflow.Await(ctx, func() bool { return workflow.AllHandlersFinished(ctx) })
	return c.state, err
}

// waitRound sleeps until the reminder, reminds, then sleeps until the due
// time; a signal or what the activities find ends the round early.
func (c *contact) waitRound(ctx workflow.Context) error {
	remindAt := c.state.DueAt.Add(-c.in.ReminderBefore)
	if c.in.ReminderBefore > 0 && remindAt.After(workflow.Now(ctx)) {
		if _, err := workflow.AwaitWithTimeout(ctx, remindAt.Sub(workflow.Now(ctx)), c.finished); err != nil {
			return err
		}
		if !c.finished() {
			var st payload.ContactStatus
			if err := workflow.ExecuteActivity(ctx, a.SendContactReminder, c.stepInput(ctx)).Get(ctx, &st); err != nil {
				return err
			}
			c.observe(st)
		}
	}
	if !c.finished() {
		if _, err := workflow.AwaitWithTimeout(ctx, c.state.DueAt.Sub(workflow.Now(ctx)), c.finished); err != nil {
			return err
		}
	}
	c.settle()
	return nil
}

// observe takes in what an activity found in the database, which covers a
// signal that was never sent.
func (c *contact) observe(st payload.ContactStatus) {
	c.contacted = c.contacted || st.Contacted
	c.superseded = c.superseded || !st.Current
}

// settle turns the flags into the final status once one is set.
func (c *contact) settle() {
	switch {
	case c.contacted:
		c.state.Status = ContactContacted
	case c.superseded:
		c.state.Status = ContactSuperseded
	}
}

// escalate opens the overdue task and waits for the manager's decision, or
// for contact or a new owner, which withdraw the task.
func (c *contact) escalate(ctx workflow.Context) error {
	if opened, err := c.openOverdue(ctx); err != nil || !opened {
		return err
	}
	// A decision in flight (c.decided set) is waited for even if contact is
	// signalled meanwhile: the handler's write decides the task.
	err := c.awaitDecision(ctx, func() bool {
		return c.state.Status != ContactOverdue || (c.finished() && c.decided == "")
	})
	if err != nil || c.state.Status != ContactOverdue {
		return err // the Update handler has moved the state on
	}
	c.settle()
	in := activities.CloseContactTaskInput{CustomerID: c.in.CustomerID, TaskID: c.state.OpenTaskID,
		StepKey: fmt.Sprintf("%s/withdrawn-%d", c.workflowID(), c.state.Round),
		Reason:  c.state.Status}
	c.state.OpenTaskID = ""
	return workflow.ExecuteActivity(ctx, a.CloseContactTask, in).Get(ctx, nil)
}

// awaitDecision waits until done, re-reading the customer every
// RecheckEvery: a "contact made" or "ownership ended" signal lost in a
// Temporal outage, or an owner changed directly in the database, would
// otherwise leave the task open (and the customer reassignable away from a
// salesperson who did call) or this workflow waiting for ever. Runs that
// began before the re-read existed keep waiting on signals alone.
func (c *contact) awaitDecision(ctx workflow.Context, done func() bool) error {
	if workflow.GetVersion(ctx, "contact-recheck", workflow.DefaultVersion, 1) == workflow.DefaultVersion {
		return workflow.Await(ctx, done)
	}
	for {
		ok, err := workflow.AwaitWithTimeout(ctx, c.in.RecheckEvery, done)
		if err != nil || ok {
			return err
		}
		var st payload.ContactStatus
		if err := workflow.ExecuteActivity(ctx, a.CheckContact, c.stepInput(ctx)).Get(ctx, &st); err != nil {
			return err
		}
		c.observe(st)
	}
}

// openOverdue opens this round's task unless the activity finds contact or
// a new owner; it reports whether the task is open.
func (c *contact) openOverdue(ctx workflow.Context) (bool, error) {
	// The task is in the inbox as soon as the activity commits, before this
	// workflow hears back: escalating lets a decision sent in that moment
	// wait for the state instead of being refused.
	c.escalating, c.decided = true, ""
	c.state.OpenTaskID = activities.ContactTaskID(c.workflowID(), c.state.Round)
	var st payload.ContactStatus
	err := workflow.ExecuteActivity(ctx, a.OpenContactOverdue, c.stepInput(ctx)).Get(ctx, &st)
	c.escalating = false
	if err != nil {
		return false, err
	}
	if c.observe(st); c.finished() {
		c.settle()
		c.state.OpenTaskID = ""
		return false, nil
	}
	c.state.Status, c.state.ManagerID = ContactOverdue, st.ManagerID
	return true, nil
}

func (c *contact) stepInput(ctx workflow.Context) activities.ContactStepInput {
	return activities.ContactStepInput{CustomerID: c.in.CustomerID, Generation: c.in.Generation,
		WorkflowID: c.workflowID(), Round: c.state.Round, DueAt: c.state.DueAt}
}

// validateDecide refuses, without touching history, a decision on a task
// that is not open, by anyone but the owner's manager, or malformed.
func (c *contact) validateDecide(ctx workflow.Context, req ContactDecisionRequest) error {
	if c.escalating && req.TaskID == c.state.OpenTaskID {
		return checkContactDecision(req) // the handler checks the rest once the task is known
	}
	if c.state.Status != ContactOverdue || c.decided != "" || req.TaskID != c.state.OpenTaskID || req.TaskID == "" {
		return conflict("task %s is not open for decision", req.TaskID)
	}
	mayDecide := req.Actor.ID == c.state.ManagerID ||
		(c.state.ManagerID == "" && req.Actor.Has(policy.RoleSalesManager))
	if req.Actor.ID == c.state.OwnerID || !mayDecide {
		return temporal.NewApplicationError("only the owner's sales manager may decide", ErrTypeForbidden)
	}
	if req.Decision == DecisionReassign && req.NewOwnerID == c.state.OwnerID {
		return temporal.NewApplicationError("reassign needs a new owner other than the current one", ErrTypeInvalid)
	}
	return checkContactDecision(req)
}

// checkContactDecision checks the decision itself, whatever the state.
func checkContactDecision(req ContactDecisionRequest) error {
	switch req.Decision {
	case DecisionExtend:
		if req.Days < 1 || req.Days > MaxContactExtensionDays {
			return temporal.NewApplicationError("an extension is 1 to 30 days", ErrTypeInvalid)
		}
	case DecisionReassign:
		if req.NewOwnerID == "" {
			return temporal.NewApplicationError("reassign needs a new owner", ErrTypeInvalid)
		}
	default:
		return temporal.NewApplicationError("decision must be extend or reassign", ErrTypeInvalid)
	}
	return nil
}

// decide records the manager's decision: an extension starts a new round
// with a new due time; a reassignment hands the customer over.
func (c *contact) decide(ctx workflow.Context, req ContactDecisionRequest) (ContactState, error) {
	if err := workflow.Await(ctx, func() bool { return !c.escalating }); err != nil {
		return c.state, err
	}
	if err := c.validateDecide(ctx, req); err != nil { // the state may have moved while it waited
		return c.state, err
	}
	ctx = withActivityOptions(ctx)
	c.decided = req.Decision // claims the task so a second Update is refused
	in := activities.ContactDecisionInput{CustomerID: c.in.CustomerID, Generation: c.in.Generation,
		StepKey: c.workflowID() + "/" + workflow.GetCurrentUpdateInfo(ctx).ID,
		TaskID:  req.TaskID, Actor: req.Actor, Comment: req.Comment}
	var err error
	if req.Decision == DecisionExtend {
		in.DueAt = workflow.Now(ctx).Add(time.Duration(req.Days) * 24 * time.Hour)
		if err = workflow.ExecuteActivity(ctx, a.ExtendContact, in).Get(ctx, nil); err == nil {
			c.state.Status, c.state.DueAt, c.state.OpenTaskID = ContactWaiting, in.DueAt, ""
			c.state.Round++
		}
	} else {
		in.NewOwnerID, in.Deadline = req.NewOwnerID, c.in.Deadline
		var gen int
		if err = workflow.ExecuteActivity(ctx, a.ReassignOverdue, in).Get(ctx, &gen); err == nil {
			c.state.Status, c.state.NewOwnerID, c.state.OpenTaskID = ContactReassigned, req.NewOwnerID, ""
			c.state.Generation = gen
		}
	}
	if err != nil {
		c.decided = ""
		if st, ok := activities.FoundContact(err); ok {
			c.observe(st) // the activity found contact or a new owner: the task is withdrawn
		}
		return c.state, err
	}
	return c.state, nil
}

// startNextOwner starts the new owner's week (R2.5) and lets it run on
// after this workflow ends. The contact outbox may have started it first;
// a week that already ran (even one that ended) is never started twice.
func (c *contact) startNextOwner(ctx workflow.Context) error {
	next := ContactDeadlineInput{CustomerID: c.in.CustomerID, Generation: c.state.Generation,
		OwnerID: c.state.NewOwnerID, Deadline: c.in.Deadline, ReminderBefore: c.in.ReminderBefore,
		RecheckEvery: c.in.RecheckEvery}
	cctx := workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{
		WorkflowID:            ContactDeadlineWorkflowID(c.in.CustomerID, next.Generation),
		ParentClosePolicy:     enumspb.PARENT_CLOSE_POLICY_ABANDON,
		WorkflowIDReusePolicy: enumspb.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY,
	})
	err := workflow.ExecuteChildWorkflow(cctx, ContactDeadlineWorkflow, next).GetChildWorkflowExecution().Get(ctx, nil)
	if temporal.IsWorkflowExecutionAlreadyStartedError(err) {
		return nil
	}
	return err
}
