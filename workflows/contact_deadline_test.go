package workflows

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"
	"go.temporal.io/sdk/workflow"

	"salesflow/activities"
	"salesflow/workflows/payload"
)

// contactEnv runs a contact-deadline workflow with activities mocked over a
// small in-memory picture of the database, recording when each ran.
type contactEnv struct {
	t         *testing.T
	env       *testsuite.TestWorkflowEnvironment
	start     time.Time
	status    payload.ContactStatus // what the activities "find"
	reminders []time.Time
	overdue   []time.Time
	extended  []activities.ContactDecisionInput
	reassign  []activities.ContactDecisionInput
	closed    []activities.CloseContactTaskInput
	rechecks  []time.Time
	// reassignErr, when set, is what the reassignment activity answers.
	reassignErr error
	closedAt    []time.Time
	seq         int
}

// newContactEnv mocks the activities; overdueTakes delays the activity that
// opens the overdue task, on the workflow's clock.
func newContactEnv(t *testing.T, overdueTakes ...time.Duration) *contactEnv {
	var s testsuite.WorkflowTestSuite
	c := &contactEnv{t: t, env: s.NewTestWorkflowEnvironment(),
		start:  time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC),
		status: payload.ContactStatus{Current: true, OwnerID: author.ID, ManagerID: manager.ID}}
	c.env.SetStartTime(c.start)
	c.env.RegisterActivity(&activities.Activities{})
	c.env.OnActivity(a.SendContactReminder, mock.Anything, mock.Anything).Return(
		func(context.Context, activities.ContactStepInput) (payload.ContactStatus, error) {
			c.reminders = append(c.reminders, c.env.Now().UTC())
			return c.status, nil
		})
	opening := c.env.OnActivity(a.OpenContactOverdue, mock.Anything, mock.Anything).Return(
		func(context.Context, activities.ContactStepInput) (payload.ContactStatus, error) {
			c.overdue = append(c.overdue, c.env.Now().UTC())
			return c.status, nil
		})
	for _, d := range overdueTakes {
		opening.After(d)
	}
	c.env.OnActivity(a.ExtendContact, mock.Anything, mock.Anything).Return(
		func(_ context.Context, in activities.ContactDecisionInput) error {
			c.extended = append(c.extended, in)
			return nil
		})
	c.env.OnActivity(a.ReassignOverdue, mock.Anything, mock.Anything).Return(
		func(_ context.Context, in activities.ContactDecisionInput) (int, error) {
			if c.reassignErr != nil {
				return 0, c.reassignErr
			}
			c.reassign = append(c.reassign, in)
			return in.Generation + 1, nil
		})
	c.env.OnActivity(a.CloseContactTask, mock.Anything, mock.Anything).Return(
		func(_ context.Context, in activities.CloseContactTaskInput) error {
			c.closed = append(c.closed, in)
			c.closedAt = append(c.closedAt, c.env.Now().UTC())
			return nil
		})
	c.env.OnActivity(a.CheckContact, mock.Anything, mock.Anything).Return(
		func(context.Context, activities.ContactStepInput) (payload.ContactStatus, error) {
			c.rechecks = append(c.rechecks, c.env.Now().UTC())
			return c.status, nil
		})
	return c
}

// at runs fn at simulated offset d from the start.
func (c *contactEnv) at(d time.Duration, fn func()) { c.env.RegisterDelayedCallback(fn, d) }

// decide sends the manager's decision at offset d into *out.
func (c *contactEnv) decide(d time.Duration, req ContactDecisionRequest, out *outcome) {
	c.seq++
	id := "decide-" + time.Duration(c.seq).String()
	c.at(d, func() {
		c.env.UpdateWorkflow(UpdateContactDecide, id, &testsuite.TestUpdateCallback{
			OnAccept: func() {},
			OnReject: func(err error) { out.rejected = err },
			OnComplete: func(_ any, err error) {
				out.err = err
			},
		}, req)
	})
}

func (c *contactEnv) run() ContactState {
	c.env.ExecuteWorkflow(ContactDeadlineWorkflow, ContactDeadlineInput{CustomerID: "c-1", Generation: 1,
		OwnerID: author.ID, Deadline: 7 * 24 * time.Hour, ReminderBefore: 24 * time.Hour})
	require.True(c.t, c.env.IsWorkflowCompleted())
	require.NoError(c.t, c.env.GetWorkflowError())
	var st ContactState
	require.NoError(c.t, c.env.GetWorkflowResult(&st))
	return st
}

const day = 24 * time.Hour

func TestContactMadeWithinTheWeek(t *testing.T) {
	c := newContactEnv(t)
	c.at(2*day, func() { c.env.SignalWorkflow(SignalContactMade, nil) })
	st := c.run()
	require.Equal(t, ContactContacted, st.Status)
	require.Empty(t, c.reminders)
	require.Empty(t, c.overdue)
}

func TestContactReminderThenContact(t *testing.T) {
	c := newContactEnv(t)
	c.at(6*day+time.Hour, func() { c.env.SignalWorkflow(SignalContactMade, nil) })
	st := c.run()
	require.Equal(t, ContactContacted, st.Status)
	require.Equal(t, []time.Time{c.start.Add(6 * day)}, c.reminders, "one reminder a day before the deadline")
	require.Empty(t, c.overdue)
}

// TestContactFoundByActivity: the signal was lost, but the reminder
// activity finds the logged interaction, so nothing is escalated.
func TestContactFoundByActivity(t *testing.T) {
	c := newContactEnv(t)
	c.status.Contacted = true
	st := c.run()
	require.Equal(t, ContactContacted, st.Status)
	require.Len(t, c.reminders, 1)
	require.Empty(t, c.overdue)
}

func TestContactOwnershipEnded(t *testing.T) {
	c := newContactEnv(t)
	c.at(3*day, func() { c.env.SignalWorkflow(SignalOwnershipEnded, nil) })
	st := c.run()
	require.Equal(t, ContactSuperseded, st.Status)
	require.Empty(t, c.overdue)
}

// TestContactOverdueExtendThenContact: overdue at day 7, the manager extends
// by 3 days, a new reminder comes at day 9, and contact made after the second
// deadline withdraws the second task.
func TestContactOverdueExtendThenContact(t *testing.T) {
	c := newContactEnv(t)
	var ext outcome
	c.decide(7*day+time.Hour, ContactDecisionRequest{Actor: manager, TaskID: "contact-c-1-1-overdue-0",
		Decision: DecisionExtend, Days: 3}, &ext)
	c.at(10*day+3*time.Hour, func() { c.env.SignalWorkflow(SignalContactMade, nil) })
	st := c.run()
	require.NoError(t, ext.rejected)
	require.NoError(t, ext.err)
	require.Equal(t, ContactContacted, st.Status)
	require.Equal(t, []time.Time{c.start.Add(7 * day), c.start.Add(10*day + time.Hour)}, c.overdue)
	require.Equal(t, []time.Time{c.start.Add(6 * day), c.start.Add(9*day + time.Hour)}, c.reminders)
	require.Len(t, c.extended, 1)
	require.Equal(t, c.start.Add(10*day+time.Hour), c.extended[0].DueAt)
	require.Len(t, c.closed, 1)
	require.Equal(t, "contact-c-1-1-overdue-1", c.closed[0].TaskID)
}

// TestContactOverdueReassign: the manager gives the customer to someone
// else, whose fresh week starts as the next generation's workflow.
func TestContactOverdueReassign(t *testing.T) {
	c := newContactEnv(t)
	var next ContactDeadlineInput
	var childID string
	c.env.SetOnChildWorkflowStartedListener(func(info *workflow.Info, _ workflow.Context, args converter.EncodedValues) {
		childID = info.WorkflowExecution.ID
		require.NoError(t, args.Get(&next))
	})
	var re outcome
	c.decide(8*day, ContactDecisionRequest{Actor: manager, TaskID: "contact-c-1-1-overdue-0",
		Decision: DecisionReassign, NewOwnerID: stranger.ID, Comment: "一周未联系"}, &re)
	// The new owner's week runs on its own; end it so the test env finishes.
	c.at(8*day+time.Hour, func() {
		require.NoError(t, c.env.SignalWorkflowByID("contact-c-1-2", SignalContactMade, nil))
	})
	st := c.run()
	require.NoError(t, re.rejected)
	require.NoError(t, re.err)
	require.Equal(t, ContactReassigned, st.Status)
	require.Equal(t, 2, st.Generation)
	require.Len(t, c.reassign, 1)
	require.Equal(t, stranger.ID, c.reassign[0].NewOwnerID)
	require.Equal(t, ContactDeadlineInput{CustomerID: "c-1", Generation: 2, OwnerID: stranger.ID,
		Deadline: 7 * day, ReminderBefore: day, RecheckEvery: DefaultContactRecheck}, next)
	require.Equal(t, "contact-c-1-2", childID)
}

// TestContactDecisionValidators: the wrong person, the owner, a stale task
// and malformed decisions are refused without reaching the activities.
func TestContactDecisionValidators(t *testing.T) {
	c := newContactEnv(t)
	task := "contact-c-1-1-overdue-0"
	var early, strangerOut, owner, wrongTask, noDays, tooMany, sameOwner, bogus, ok outcome
	c.decide(time.Hour, ContactDecisionRequest{Actor: manager, TaskID: task, Decision: DecisionExtend, Days: 1}, &early)
	c.decide(7*day+1*time.Minute, ContactDecisionRequest{Actor: stranger, TaskID: task, Decision: DecisionExtend, Days: 1}, &strangerOut)
	c.decide(7*day+2*time.Minute, ContactDecisionRequest{Actor: author, TaskID: task, Decision: DecisionExtend, Days: 1}, &owner)
	c.decide(7*day+3*time.Minute, ContactDecisionRequest{Actor: manager, TaskID: "other", Decision: DecisionExtend, Days: 1}, &wrongTask)
	c.decide(7*day+4*time.Minute, ContactDecisionRequest{Actor: manager, TaskID: task, Decision: DecisionExtend}, &noDays)
	c.decide(7*day+5*time.Minute, ContactDecisionRequest{Actor: manager, TaskID: task, Decision: DecisionExtend, Days: 31}, &tooMany)
	c.decide(7*day+6*time.Minute, ContactDecisionRequest{Actor: manager, TaskID: task, Decision: DecisionReassign, NewOwnerID: author.ID}, &sameOwner)
	c.decide(7*day+7*time.Minute, ContactDecisionRequest{Actor: manager, TaskID: task, Decision: "ignore"}, &bogus)
	c.decide(7*day+8*time.Minute, ContactDecisionRequest{Actor: manager, TaskID: task, Decision: DecisionExtend, Days: 2}, &ok)
	c.at(8*day, func() { c.env.SignalWorkflow(SignalContactMade, nil) })
	c.run()
	for name, o := range map[string]outcome{"before overdue": early, "stranger": strangerOut, "owner": owner,
		"wrong task": wrongTask, "no days": noDays, "31 days": tooMany, "same owner": sameOwner, "bogus": bogus} {
		require.Error(t, o.rejected, name)
	}
	require.NoError(t, ok.rejected)
	require.Len(t, c.extended, 1)
	require.Empty(t, c.reassign)
}

// TestContactDecisionWhileTaskOpens: the task reaches the inbox before the
// workflow hears back from the activity; a decision sent in that moment
// waits for the state and then counts (or is refused by the full checks).
func TestContactDecisionWhileTaskOpens(t *testing.T) {
	task := "contact-c-1-1-overdue-0"
	for _, who := range []struct {
		name  string
		actor ContactDecisionRequest
	}{
		{"manager", ContactDecisionRequest{Actor: manager, TaskID: task, Decision: DecisionExtend, Days: 1}},
		{"stranger", ContactDecisionRequest{Actor: stranger, TaskID: task, Decision: DecisionExtend, Days: 1}},
	} {
		c := newContactEnv(t, 10*time.Minute)
		var early, late outcome
		c.decide(7*day+time.Minute, who.actor, &early)
		c.decide(7*day+time.Hour, ContactDecisionRequest{Actor: manager, TaskID: task, Decision: DecisionExtend, Days: 2}, &late)
		c.at(8*day+time.Hour, func() { c.env.SignalWorkflow(SignalContactMade, nil) })
		st := c.run()
		require.NoError(t, early.rejected, who.name)
		require.Equal(t, ContactContacted, st.Status, who.name)
		require.Len(t, c.extended, 1, who.name)
		if who.name == "manager" {
			require.NoError(t, early.err)
			require.Error(t, late.rejected, "the task was decided in the window")
			require.Equal(t, c.start.Add(8*day+10*time.Minute), c.extended[0].DueAt.UTC())
		} else {
			require.ErrorContains(t, early.err, "owner's sales manager")
			require.NoError(t, late.err)
		}
	}
}

// TestContactRecheckFindsLostSignal: contact is logged 2h30 after the task
// opened but its signal never arrives; the hourly re-read finds it at 3h
// and withdraws the task (R2.5).
func TestContactRecheckFindsLostSignal(t *testing.T) {
	c := newContactEnv(t)
	c.at(7*day+150*time.Minute, func() { c.status.Contacted = true })
	st := c.run()
	require.Equal(t, ContactContacted, st.Status)
	require.Equal(t, []time.Time{c.start.Add(7*day + time.Hour), c.start.Add(7*day + 2*time.Hour),
		c.start.Add(7*day + 3*time.Hour)}, c.rechecks)
	require.Len(t, c.closed, 1)
	require.Equal(t, ContactContacted, c.closed[0].Reason)
	require.Equal(t, []time.Time{c.start.Add(7*day + 3*time.Hour)}, c.closedAt)
}

// TestContactRecheckFindsNewOwner: the customer is reassigned from its page
// while the overdue task waits and the "ownership ended" signal is lost;
// the re-read ends this ownership's workflow.
func TestContactRecheckFindsNewOwner(t *testing.T) {
	c := newContactEnv(t)
	c.at(7*day+30*time.Minute, func() { c.status.Current = false })
	st := c.run()
	require.Equal(t, ContactSuperseded, st.Status)
	require.Len(t, c.rechecks, 1)
}

// TestContactDecisionFindsContact: the decision's activity finds contact
// (Conflict with the status it found): the decision fails and the workflow
// withdraws the task without waiting for a signal or a re-read.
func TestContactDecisionRefusedOnContact(t *testing.T) {
	c := newContactEnv(t)
	c.reassignErr = temporal.NewNonRetryableApplicationError("contact made", activities.ErrTypeConflict, nil,
		payload.ContactStatus{Current: true, Contacted: true})
	var re outcome
	c.decide(7*day+10*time.Minute, ContactDecisionRequest{Actor: manager, TaskID: "contact-c-1-1-overdue-0",
		Decision: DecisionReassign, NewOwnerID: stranger.ID}, &re)
	st := c.run()
	require.Error(t, re.err)
	require.Equal(t, ContactContacted, st.Status)
	require.Empty(t, c.rechecks)
	require.Len(t, c.closed, 1)
}
