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

// TestHousekeepingWorkflow: the nightly run purges import jobs past their
// retention, retrying a database that is away, then the idempotency keys
// past theirs, and answers how many jobs went.
func TestHousekeepingWorkflow(t *testing.T) {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.RegisterActivity(&activities.Activities{})
	calls := 0
	env.OnActivity(a.PurgeImportJobs, mock.Anything).Return(func(context.Context) (int, error) {
		if calls++; calls < 3 {
			return 0, errors.New("database away")
		}
		return 4, nil
	})
	keysPurged := false
	env.OnActivity(a.PurgeIdempotencyKeys, mock.Anything).Return(func(context.Context) (int, error) {
		require.Equal(t, 3, calls, "the keys go after the jobs")
		keysPurged = true
		return 7, nil
	})
	env.ExecuteWorkflow(HousekeepingWorkflow)
	require.NoError(t, env.GetWorkflowError())
	var purged int
	require.NoError(t, env.GetWorkflowResult(&purged))
	require.Equal(t, 4, purged)
	require.Equal(t, 3, calls)
	require.True(t, keysPurged, "the idempotency keys were not purged")
}
