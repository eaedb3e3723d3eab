package workflows

import (
	"time"

	"go.temporal.io/sdk/workflow"

	"salesflow/activities"
	"salesflow/policy"
)

// Weekly check (R1.4): every Monday morning each salesperson's new records
// of the week before go to their sales manager as a weekly_check task.
const (
	WeeklyCheckScheduleIDPrefix = "weekly-customer-check-"
	WeeklyCheckCron             = "0 9 * * 1" // Monday 09:00
	WeeklyCheckTimeZone         = "Asia/Shanghai"
	TaskKindWeeklyCheck         = "weekly_check"
)

// WeeklyCheckScheduleID names the schedule of one task queue's deployment.
func WeeklyCheckScheduleID(taskQueue string) string { return WeeklyCheckScheduleIDPrefix + taskQueue }

// WeeklyCheckInput may name the moment to check as of (a catch-up run or a
// test); zero means the workflow's own start time.
type WeeklyCheckInput struct {
	AsOf time.Time `json:"as_of,omitempty"`
}

// WeeklyCheckResult says which week was checked and how many tasks it has.
type WeeklyCheckResult struct {
	WeekStart string `json:"week_start"`
	Tasks     int    `json:"tasks"`
}

// WeeklyCheckWorkflow opens the weekly_check tasks of the week before AsOf
// (R1.4). The schedule starts it; a repeat for the same week opens nothing
// twice.
func WeeklyCheckWorkflow(ctx workflow.Context, in WeeklyCheckInput) (WeeklyCheckResult, error) {
	asOf := in.AsOf
	if asOf.IsZero() {
		asOf = workflow.Now(ctx)
	}
	start, end := policy.PreviousWeek(asOf)
	act := activities.WeeklyCheckInput{WorkflowID: workflow.GetInfo(ctx).WorkflowExecution.ID,
		WeekStart: start, WeekEnd: end}
	var n int
	err := workflow.ExecuteActivity(withActivityOptions(ctx), a.OpenWeeklyChecks, act).Get(ctx, &n)
	return WeeklyCheckResult{WeekStart: policy.DateKey(start), Tasks: n}, err
}
