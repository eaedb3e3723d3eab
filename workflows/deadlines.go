package workflows

import (
	"time"

	"go.temporal.io/sdk/workflow"

	"salesflow/activities"
	"salesflow/policy"
)

// Change IDs of workflow.GetVersion, one per change of command order, so
// recorded histories of older runs still replay (workflows/testdata).
const (
	// versionWorkingDays: deadlines in working days are counted by the
	// WorkingDaysAfter activity on the company calendar; older runs counted
	// them in workflow code on the statutory calendar alone.
	versionWorkingDays = "working-days-by-activity"
	// versionStoredRevision: a revision's number is the one the activity
	// stored; older runs counted it in the workflow.
	versionStoredRevision = "revision-number-stored"
)

// workingDaysAfter returns the instants days working days after from, one
// per entry of days. The WorkingDaysAfter activity counts them, so the
// holiday library and the admins' overrides are read outside workflow code
// and the answer is kept in the history: an upgrade of the library never
// moves a running timer. Runs from before the activity keep counting here.
func workingDaysAfter(ctx workflow.Context, from time.Time, days ...int) ([]time.Time, error) {
	if workflow.GetVersion(ctx, versionWorkingDays, workflow.DefaultVersion, 1) == workflow.DefaultVersion {
		out := make([]time.Time, len(days))
		for i, d := range days {
			out[i] = policy.AddWorkingDays(policy.ChinaCalendar{}, from, d, policy.Shanghai)
		}
		return out, nil
	}
	var out []time.Time
	in := activities.WorkingDaysInput{From: from, Days: days}
	err := workflow.ExecuteActivity(ctx, a.WorkingDaysAfter, in).Get(ctx, &out)
	return out, err
}
