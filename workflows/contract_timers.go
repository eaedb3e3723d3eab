package workflows

import (
	"errors"
	"time"

	"go.temporal.io/sdk/workflow"

	"salesflow/activities"
	"salesflow/policy"
)

// deadlines returns when a step opened at start reminds its approver and
// when it is escalated: the configured durations, or by default one and
// three working days on the company's calendar.
func (c *contract) deadlines(start time.Time) (remind, escalate time.Time) {
	remind = policy.AddWorkingDays(policy.ChinaCalendar{}, start, ReminderWorkingDays, policy.Shanghai)
	if d := c.in.Timing.RemindAfter; d > 0 {
		remind = start.Add(d)
	}
	escalate = policy.AddWorkingDays(policy.ChinaCalendar{}, start, EscalationWorkingDays, policy.Shanghai)
	if d := c.in.Timing.EscalateAfter; d > 0 {
		escalate = start.Add(d)
	}
	if escalate.Before(remind) {
		escalate = remind
	}
	return remind, escalate
}

// watchStep starts the reminder and escalation timers of a newly opened
// approval task; a decision or recall stops them.
func (c *contract) watchStep(taskID string, role policy.Role) {
	c.stopWatch()
	ctx, cancel := workflow.WithCancel(c.root)
	c.cancelWatch = cancel
	workflow.Go(ctx, func(ctx workflow.Context) { c.remindThenEscalate(ctx, taskID, role) })
}

func (c *contract) stopWatch() {
	if c.cancelWatch != nil {
		c.cancelWatch()
		c.cancelWatch = nil
	}
}

func (c *contract) remindThenEscalate(ctx workflow.Context, taskID string, role policy.Role) {
	ctx = withActivityOptions(ctx)
	start := workflow.Now(ctx)
	remind, escalate := c.deadlines(start)
	if workflow.Sleep(ctx, remind.Sub(start)) != nil {
		return
	}
	in := activities.WaitingStepInput{ContractID: c.in.ContractID, TaskID: taskID, Role: role,
		StepKey: c.workflowID(ctx) + "/" + taskID + "/reminded"}
	if !c.whileOpen(ctx, taskID, func() error {
		return workflow.ExecuteActivity(ctx, a.RemindApprover, in).Get(ctx, nil)
	}) {
		return
	}
	if workflow.Sleep(ctx, escalate.Sub(remind)) != nil {
		return
	}
	in.StepKey = c.workflowID(ctx) + "/" + taskID + "/escalated"
	c.whileOpen(ctx, taskID, func() error {
		var target string
		if err := workflow.ExecuteActivity(ctx, a.EscalateApproval, in).Get(ctx, &target); err != nil {
			return err
		}
		c.state.EscalatedTo = target
		return nil
	})
}

// errStepClosed stops a watch whose task was decided meanwhile.
var errStepClosed = errors.New("approval step closed")

// whileOpen runs fn under the lock if taskID is still the open task, and
// reports whether it ran without error.
func (c *contract) whileOpen(ctx workflow.Context, taskID string, fn func() error) bool {
	err := c.steps.locked(ctx, func() error {
		if c.state.OpenTaskID != taskID {
			return errStepClosed
		}
		return fn()
	})
	if err != nil && err != errStepClosed && ctx.Err() == nil {
		workflow.GetLogger(ctx).Warn("approval reminder not recorded", "task", taskID, "error", err)
	}
	return err == nil
}
