package workflows

import (
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/testsuite"

	"salesflow/activities"
	"salesflow/policy"
)

// TestDailyDigestMailsWhatItWrote: the digest runs at the Schedule's time
// and mails the notifications it wrote.
func TestDailyDigestMailsWhatItWrote(t *testing.T) {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	at := time.Date(2026, 11, 24, 9, 0, 0, 0, policy.Shanghai)
	env.SetStartTime(at)
	env.RegisterActivity(&activities.Activities{})
	env.OnActivity(a.SendDailyDigests, mock.Anything, mock.MatchedBy(func(t time.Time) bool { return t.Equal(at) })).
		Return(activities.DigestResult{WorkingDay: true, IDs: []string{"digest/2026-11-24/m"}}, nil)
	env.OnActivity(a.EmailNotifications, mock.Anything, []string{"digest/2026-11-24/m"}).Return(nil).Once()
	env.ExecuteWorkflow(DailyDigestWorkflow)
	require.NoError(t, env.GetWorkflowError())
	env.AssertExpectations(t)
}
