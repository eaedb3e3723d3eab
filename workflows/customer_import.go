package workflows

import (
	"fmt"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"salesflow/activities"
)

// ImportJobBatch is how many rows of an import job one activity records:
// the size of one file of the synchronous import, whose cost the benchmark
// measures.
const ImportJobBatch = 1000

// CustomerImportInput starts an import job's workflow: the job and how
// many rows its file has.
type CustomerImportInput struct {
	JobID string `json:"job_id"`
	Rows  int    `json:"rows"`
	Batch int    `json:"batch,omitempty"`
}

// CustomerImportWorkflowID is the workflow of an import job's attempt:
// the first, then one more each time its failed rows are sent again.
func CustomerImportWorkflowID(jobID string, attempt int) string {
	if attempt <= 1 {
		return "customer-import-" + jobID
	}
	return fmt.Sprintf("customer-import-%s-%d", jobID, attempt)
}

// CustomerImportWorkflow records a large customer file a batch at a time
// (issue 12; R1.1, R2.2), so the job's counts grow as it goes and the page
// shows rows done / total. A batch that cannot be recorded after its
// retries is marked failed and the rest go on; the job then finishes and
// tells its author.
func CustomerImportWorkflow(ctx workflow.Context, in CustomerImportInput) (activities.ImportJobProgress, error) {
	if in.Batch <= 0 {
		in.Batch = ImportJobBatch
	}
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		// One batch is one transaction of about a second at a million customers.
		StartToCloseTimeout: 2 * time.Minute,
		RetryPolicy: &temporal.RetryPolicy{InitialInterval: time.Second, BackoffCoefficient: 2,
			MaximumInterval: time.Minute, MaximumAttempts: 10},
	})
	for from := 0; from < in.Rows; from += in.Batch {
		b := activities.ImportBatch{JobID: in.JobID, From: from, To: min(from+in.Batch, in.Rows)}
		if err := workflow.ExecuteActivity(ctx, a.RecordImportBatch, b).Get(ctx, nil); err != nil {
			workflow.GetLogger(ctx).Error("import batch not recorded; its rows are failed", "from", b.From, "error", err)
			if err := workflow.ExecuteActivity(ctx, a.FailImportBatch, b).Get(ctx, nil); err != nil {
				return activities.ImportJobProgress{}, err
			}
		}
	}
	var done activities.ImportJobProgress
	err := workflow.ExecuteActivity(ctx, a.FinishImportJob, in.JobID).Get(ctx, &done)
	return done, err
}
