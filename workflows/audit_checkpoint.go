package workflows

import (
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"salesflow/activities"
)

// AuditCheckpointWorkflow is started by its Schedule, every
// SALESFLOW_AUDIT_CHECKPOINT_EVERY (10 minutes by default; overlaps
// skipped): it seals a checkpoint of the audit trail's chain heads, after
// verifying the events since the one before (issue 12). A trail that does
// not verify fails the run with the broken event named, and is sealed no
// further until it is dealt with.
func AuditCheckpointWorkflow(ctx workflow.Context) (activities.AuditCheckpointResult, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		// A pass over every subject's sealed head: seconds at a million.
		StartToCloseTimeout: 5 * time.Minute,
		RetryPolicy: &temporal.RetryPolicy{InitialInterval: time.Second, BackoffCoefficient: 2,
			MaximumInterval: 30 * time.Second, MaximumAttempts: 5},
	})
	var res activities.AuditCheckpointResult
	err := workflow.ExecuteActivity(ctx, a.WriteAuditCheckpoint).Get(ctx, &res)
	return res, err
}
