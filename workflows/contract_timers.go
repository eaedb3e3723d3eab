package workflows

import (
	"errors"
	"time"

	"go.temporal.io/sdk/workflow"

	"salesflow/activities"
	"salesflow/policy"
)

// stepDeadlines is when a waiting approval step reminds its approver and
// when it is escalated.
type stepDeadlines struct {
	remind, escalate time.Time
}

// deadlines returns the deadlines of a step opened at start: the configured
// durations, or by default one and three working days on the company's
// calendar (counted by an activity, see workingDaysAfter).
func (c *contract) deadlines(ctx workflow.Context, start time.Time) (stepDeadlines, error) {
	t := c.in.Timing
	days := []time.Time{start.Add(t.RemindAfter), start.Add(t.EscalateAfter)}
	if t.RemindAfter <= 0 || t.EscalateAfter <= 0 {
		counted, err := workingDaysAfter(ctx, start, ReminderWorkingDays, EscalationWorkingDays)
		if err != nil {
			return stepDeadlines{}, err
		}
		for i, d := range []time.Duration{t.RemindAfter, t.EscalateAfter} {
			if d <= 0 {
				days[i] = counted[i]
			}
		}
	}
	d := stepDeadlines{remind: days[0], escalate: days[1]}
	if d.escalate.Before(d.remind) {
		d.escalate = d.remind
	}
	return d, nil
}

// watchStep starts the reminder and escalation timers of a newly opened
// approval task; a decision or recall stops them.
func (c *contract) watchStep(taskID string, role policy.Role, d stepDeadlines) {
	c.stopWatch()
	ctx, cancel := workflow.WithCancel(c.root)
	c.cancelWatch = cancel
	workflow.Go(ctx, func(ctx workflow.Context) { c.remindThenEscalate(ctx, taskID, role, d) })
}

func (c *contract) stopWatch() {
	if c.cancelWatch != nil {
		c.cancelWatch()
		c.cancelWatch = nil
	}
}

func (c *contract) remindThenEscalate(ctx workflow.Context, taskID string, role policy.Role, d stepDeadlines) {
	ctx = withActivityOptions(ctx)
	if workflow.Sleep(ctx, d.remind.Sub(workflow.Now(ctx))) != nil {
		return
	}
	in := activities.WaitingStepInput{ContractID: c.in.ContractID, TaskID: taskID, Role: role,
		StepKey: c.workflowID(ctx) + "/" + taskID + "/reminded"}
	if !c.whileOpen(ctx, taskID, func() error {
		return workflow.ExecuteActivity(ctx, a.RemindApprover, in).Get(ctx, nil)
	}) {
		return
	}
	if workflow.Sleep(ctx, d.escalate.Sub(d.remind)) != nil {
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
