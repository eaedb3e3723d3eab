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
// what is kept only for a while — the customer import jobs finished
// longer ago than SALESFLOW_IMPORT_JOB_RETENTION (90 days by default),
// then the Idempotency-Keys older than SALESFLOW_IDEMPOTENCY_KEY_RETENTION
// (30 days). It answers how many jobs went (the keys are logged).
func HousekeepingWorkflow(ctx workflow.Context) (int, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 30 * time.Minute,
		HeartbeatTimeout:    time.Minute,
		RetryPolicy: &temporal.RetryPolicy{InitialInterval: time.Second, BackoffCoefficient: 2,
			MaximumInterval: time.Minute, MaximumAttempts: 10},
	})
	var purged int
	if err := workflow.ExecuteActivity(ctx, a.PurgeImportJobs).Get(ctx, &purged); err != nil {
		return purged, err
	}
	// A run started before the keys were purged replays without it.
	if workflow.GetVersion(ctx, "purge-idempotency-keys", workflow.DefaultVersion, 1) == workflow.DefaultVersion {
		return purged, nil
	}
	var keys int
	err := workflow.ExecuteActivity(ctx, a.PurgeIdempotencyKeys).Get(ctx, &keys)
	workflow.GetLogger(ctx).Info("housekeeping done", "import_jobs", purged, "idempotency_keys", keys)
	return purged, err
}
