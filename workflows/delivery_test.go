package workflows

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/testsuite"

	"salesflow/activities"
	"salesflow/policy"
)

// TestDeliveryActivitiesHeartbeat: the sweep and the digest's own mail
// step run with a heartbeat timeout, so a worker that dies mid-batch is
// noticed in seconds, and a start-to-close shorter than the sender's claim
// lease, so no claim runs out under a sender that is still at work.
func TestDeliveryActivitiesHeartbeat(t *testing.T) {
	const lease = 3 * time.Minute // activities.DeliveryOptions' default
	for name, run := range map[string]func(env *testsuite.TestWorkflowEnvironment){
		"sweep": func(env *testsuite.TestWorkflowEnvironment) {
			env.OnActivity(a.DeliverPending, mock.Anything).Return(3, nil)
			env.ExecuteWorkflow(NotificationDeliveryWorkflow)
		},
		"digest": func(env *testsuite.TestWorkflowEnvironment) {
			env.SetStartTime(time.Date(2026, 11, 24, 9, 0, 0, 0, policy.Shanghai))
			env.OnActivity(a.SendDailyDigests, mock.Anything, mock.Anything).
				Return(activities.DigestResult{WorkingDay: true, IDs: []string{"digest/2026-11-24/m"}}, nil)
			env.OnActivity(a.EmailNotifications, mock.Anything, mock.Anything).Return(nil)
			env.ExecuteWorkflow(DailyDigestWorkflow)
		},
	} {
		var s testsuite.WorkflowTestSuite
		env := s.NewTestWorkflowEnvironment()
		env.RegisterActivity(&activities.Activities{})
		var seen []activity.Info
		env.SetOnActivityStartedListener(func(info *activity.Info, _ context.Context, _ converter.EncodedValues) {
			if info.ActivityType.Name != "SendDailyDigests" {
				seen = append(seen, *info)
			}
		})
		run(env)
		require.NoError(t, env.GetWorkflowError(), name)
		require.Len(t, seen, 1, name)
		info := seen[0]
		if info.HeartbeatTimeout <= 0 || info.HeartbeatTimeout > time.Minute {
			t.Errorf("%s: heartbeat timeout %v, want one of at most a minute", name, info.HeartbeatTimeout)
		}
		if took := info.Deadline.Sub(info.StartedTime); took <= 0 || took >= lease {
			t.Errorf("%s: start-to-close %v, want less than the claim lease %v", name, took, lease)
		}
	}
}
