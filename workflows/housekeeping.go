package workflows

import (
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"
)

// HousekeepingScheduleID names the daily housekeeping Schedule of a task
// queue.
func HousekeepingScheduleID(taskQueue string) string { return "housekeeping-" + taskQueue }

// HousekeepingCron is when housekeeping runs: 03:30 Asia/Shanghai, when
// nobody imports.
const HousekeepingCron = "30 3 * * *"

// HousekeepingWorkflow is started by its Schedule every night: it deletes
// what is kept only for a while, today the customer import jobs finished
// longer ago than SALESFLOW_IMPORT_JOB_RETENTION (90 days by default). It
// answers how many jobs went.
func HousekeepingWorkflow(ctx workflow.Context) (int, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 30 * time.Minute,
		HeartbeatTimeout:    time.Minute,
		RetryPolicy: &temporal.RetryPolicy{InitialInterval: time.Second, BackoffCoefficient: 2,
			MaximumInterval: time.Minute, MaximumAttempts: 10},
	})
	var purged int
	err := workflow.ExecuteActivity(ctx, a.PurgeImportJobs).Get(ctx, &purged)
	return purged, err
}
