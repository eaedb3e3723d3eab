package workflows

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"

	"salesflow/activities"
)

// TestAuditCheckpointWorkflow: a run answers the checkpoint sealed; a trail
// that does not verify fails the run at once, without retries, naming what
// is broken.
func TestAuditCheckpointWorkflow(t *testing.T) {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterActivity(&activities.Activities{})
	env.OnActivity(a.WriteAuditCheckpoint, mock.Anything).
		Return(activities.AuditCheckpointResult{CheckpointID: 7, ThroughSeq: 90, Heads: 12, Checked: 30}, nil).Once()
	env.ExecuteWorkflow(AuditCheckpointWorkflow)
	require.NoError(t, env.GetWorkflowError())
	var res activities.AuditCheckpointResult
	require.NoError(t, env.GetWorkflowResult(&res))
	require.Equal(t, int64(7), res.CheckpointID)

	env = s.NewTestWorkflowEnvironment()
	env.RegisterActivity(&activities.Activities{})
	broken := temporal.NewNonRetryableApplicationError("audit trail does not verify: sealed_head in the chain of contract c1",
		activities.ErrTypeAuditBroken, nil)
	env.OnActivity(a.WriteAuditCheckpoint, mock.Anything).Return(activities.AuditCheckpointResult{}, broken).Once()
	env.ExecuteWorkflow(AuditCheckpointWorkflow)
	var appErr *temporal.ApplicationError
	require.True(t, errors.As(env.GetWorkflowError(), &appErr))
	require.Equal(t, activities.ErrTypeAuditBroken, appErr.Type())
	env.AssertExpectations(t)
}
