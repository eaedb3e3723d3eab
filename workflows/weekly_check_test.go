package workflows

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/testsuite"

	"salesflow/activities"
	"salesflow/policy"
)

// TestWeeklyCheckCoversThePreviousWeek: the Monday-morning run checks the
// Monday-to-Monday week before it, in Shanghai (R1.4).
func TestWeeklyCheckCoversThePreviousWeek(t *testing.T) {
	for _, in := range []WeeklyCheckInput{{}, {AsOf: time.Date(2026, 3, 11, 12, 0, 0, 0, policy.Shanghai)}} {
		var s testsuite.WorkflowTestSuite
		env := s.NewTestWorkflowEnvironment()
		env.SetStartTime(time.Date(2026, 3, 9, 9, 0, 0, 0, policy.Shanghai)) // the schedule's Monday 09:00
		env.RegisterActivity(&activities.Activities{})
		var got activities.WeeklyCheckInput
		env.OnActivity(a.OpenWeeklyChecks, mock.Anything, mock.Anything).Return(
			func(_ context.Context, in activities.WeeklyCheckInput) (int, error) {
				got = in
				return 3, nil
			})
		env.ExecuteWorkflow(WeeklyCheckWorkflow, in)
		require.NoError(t, env.GetWorkflowError())
		var res WeeklyCheckResult
		require.NoError(t, env.GetWorkflowResult(&res))
		require.Equal(t, WeeklyCheckResult{WeekStart: "2026-03-02", Tasks: 3}, res)
		require.Equal(t, "2026-03-09", policy.DateKey(got.WeekEnd))
	}
}
