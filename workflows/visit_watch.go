package workflows

import (
	"fmt"
	"time"

	"go.temporal.io/sdk/workflow"

	"salesflow/activities"
	"salesflow/policy"
)

// reportDeadline is when the report of a visit back at now is due and its
// owner reminded: the configured durations, or two working days on the
// company calendar, counted by an activity (R3.8) so the statutory calendar
// plugs in there and the answer stays in the history.
func (v *visit) reportDeadline(ctx workflow.Context, now time.Time) (activities.VisitDeadline, error) {
	t := v.in.Timing
	if t.ReportDueAfter > 0 {
		remind := t.ReportRemindAfter
		if remind <= 0 || remind > t.ReportDueAfter {
			remind = t.ReportDueAfter / 2
		}
		return activities.VisitDeadline{Remind: now.Add(remind), Due: now.Add(t.ReportDueAfter)}, nil
	}
	var d activities.VisitDeadline
	err := workflow.ExecuteActivity(ctx, a.VisitReportDeadline, now).Get(ctx, &d)
	return d, err
}

func (v *visit) workdayEnd() time.Duration {
	if v.in.Timing.WorkdayEnd > 0 {
		return v.in.Timing.WorkdayEnd
	}
	return policy.DefaultWorkdayEnd
}

// returnBy is when the salesperson is due back: the last time they
// reported, else the planned return.
func (v *visit) returnBy() time.Time {
	if !v.state.ExpectedReturn.IsZero() {
		return v.state.ExpectedReturn
	}
	return v.in.Plan.PlannedReturn
}

// watchReturn is R3.6's watch while the salesperson is out: at each check
// (the return time, and the end of the working day) not yet passed, if they
// are still out the manager gets a task. A new expected return restarts it.
func (v *visit) watchReturn(ctx workflow.Context) error {
	sent := map[string]bool{} // looked up only, never ranged: deterministic
	for v.state.Status == policy.VisitDeparted {
		gen := v.gen
		changed := func() bool { return v.state.Status != policy.VisitDeparted || v.gen != gen }
		check, key, ok := v.nextCheck(sent)
		if !ok {
			if err := workflow.Await(ctx, changed); err != nil {
				return err
			}
			continue
		}
		met, err := sleepUntil(ctx, check.At, changed)
		if err != nil {
			return err
		}
		if !met {
			sent[key] = true
			v.alertLate(ctx, check, key, gen)
		}
	}
	return nil
}

// nextCheck returns the earliest check of the current watch not yet sent.
func (v *visit) nextCheck(sent map[string]bool) (policy.ReturnCheck, string, bool) {
	for _, c := range policy.ReturnChecks(v.state.DepartedAt, v.returnBy(), v.workdayEnd(), v.gen, policy.Shanghai) {
		key := fmt.Sprintf("late-%d", c.Generated)
		if c.EndOfDay {
			key = "end-of-day"
		}
		if !sent[key] {
			return c, key, true
		}
	}
	return policy.ReturnCheck{}, "", false
}

func (v *visit) alertLate(ctx workflow.Context, check policy.ReturnCheck, key string, gen int) {
	v.whileStatus(ctx, policy.VisitDeparted, func() error {
		if v.gen != gen {
			return errStepClosed
		}
		in := activities.VisitAlertInput{VisitRef: v.ref(ctx), StepKey: v.workflowID(ctx) + "/" + key,
			TaskID: v.in.VisitID + "-" + key, Deadline: check.At, EndOfDay: check.EndOfDay}
		return v.alert(ctx, a.AlertLateReturn, in, func() { v.state.LateAlerts++ })
	})
}

// watchReport is R3.8's deadline after the return: a reminder to the owner
// on the last day, an escalation to the manager when the report is missed.
func (v *visit) watchReport(ctx workflow.Context) error {
	reported := func() bool { return v.state.Status == policy.VisitReported }
	for _, step := range []struct {
		at   time.Time
		key  string
		fn   any
		done func()
	}{
		{v.reportRemind, "report-reminder", a.RemindVisitReport, func() { v.state.Reminded = true }},
		{v.state.ReportDue, "report-overdue", a.EscalateVisitReport, func() { v.state.Escalated = true }},
	} {
		met, err := sleepUntil(ctx, step.at, reported)
		if err != nil || met {
			return err
		}
		v.whileStatus(ctx, policy.VisitReturned, func() error {
			in := activities.VisitAlertInput{VisitRef: v.ref(ctx), StepKey: v.workflowID(ctx) + "/" + step.key,
				TaskID: v.in.VisitID + "-" + step.key, Deadline: v.state.ReportDue}
			return v.alert(ctx, step.fn, in, step.done)
		})
	}
	return workflow.Await(ctx, reported)
}

// alert runs one notifying activity and mails what it wrote.
func (v *visit) alert(ctx workflow.Context, fn any, in activities.VisitAlertInput, done func()) error {
	var ids []string
	if err := workflow.ExecuteActivity(ctx, fn, in).Get(ctx, &ids); err != nil {
		return err
	}
	done()
	v.mail(ctx, ids)
	return nil
}

// whileStatus runs fn under the lock if the visit is still in status; a
// failure is logged, as the person's own step has moved the visit on.
func (v *visit) whileStatus(ctx workflow.Context, status policy.VisitStatus, fn func() error) {
	err := v.steps.locked(ctx, func() error {
		if v.state.Status != status {
			return errStepClosed
		}
		return fn()
	})
	if err != nil && err != errStepClosed {
		workflow.GetLogger(ctx).Warn("visit alert not recorded", "visit", v.in.VisitID, "error", err)
	}
}

// sleepUntil waits until at or until cond holds, and reports whether cond
// held.
func sleepUntil(ctx workflow.Context, at time.Time, cond func() bool) (bool, error) {
	wait := at.Sub(workflow.Now(ctx))
	if wait <= 0 {
		return cond(), nil
	}
	return workflow.AwaitWithTimeout(ctx, wait, cond)
}
