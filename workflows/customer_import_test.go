package workflows

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/testsuite"

	"salesflow/activities"
)

// TestCustomerImportWorkflow: the job's rows go a batch at a time, in
// order, the last batch short; a batch that still fails after its retries
// is marked failed and the batches after it still run; then the job is
// finished once.
func TestCustomerImportWorkflow(t *testing.T) {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterActivity(&activities.Activities{})
	var recorded, failed []activities.ImportBatch
	attempts := 0
	env.OnActivity(a.RecordImportBatch, mock.Anything, mock.Anything).Return(func(_ context.Context, b activities.ImportBatch) (int, error) {
		if b.From == 1000 {
			attempts++
			return 0, errors.New("database away")
		}
		recorded = append(recorded, b)
		return b.To - b.From, nil
	})
	env.OnActivity(a.FailImportBatch, mock.Anything, mock.Anything).Return(func(_ context.Context, b activities.ImportBatch) error {
		failed = append(failed, b)
		return nil
	})
	env.OnActivity(a.FinishImportJob, mock.Anything, "job-1").
		Return(activities.ImportJobProgress{RowsTotal: 2500, RowsDone: 2500, Created: 1500, Failed: 1000}, nil).Once()
	env.ExecuteWorkflow(CustomerImportWorkflow, CustomerImportInput{JobID: "job-1", Rows: 2500})
	require.NoError(t, env.GetWorkflowError())
	require.Equal(t, []activities.ImportBatch{{JobID: "job-1", From: 0, To: 1000}, {JobID: "job-1", From: 2000, To: 2500}}, recorded)
	require.Equal(t, []activities.ImportBatch{{JobID: "job-1", From: 1000, To: 2000}}, failed)
	require.Equal(t, 10, attempts, "the failing batch is retried up to its policy's attempts")
	var done activities.ImportJobProgress
	require.NoError(t, env.GetWorkflowResult(&done))
	require.Equal(t, 1000, done.Failed)
	env.AssertExpectations(t)
}
