package worker

import (
	"context"
	"errors"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"

	"salesflow/workflows"
)

// DigestScheduleID names the daily-digest Schedule of a task queue, so
// test workers on their own queues never touch the real one.
func DigestScheduleID(taskQueue string) string { return "daily-digest-" + taskQueue }

// EnsureSchedules creates the Schedules the policy needs, if absent: the
// daily digest at 09:00 Asia/Shanghai every day (R4.3; the activity skips
// non-working days). They show in the Temporal UI under Schedules.
func EnsureSchedules(ctx context.Context, c client.Client, taskQueue string) error {
	id := DigestScheduleID(taskQueue)
	_, err := c.ScheduleClient().Create(ctx, client.ScheduleOptions{
		ID:   id,
		Spec: client.ScheduleSpec{CronExpressions: []string{"0 9 * * *"}, TimeZoneName: "Asia/Shanghai"},
		Action: &client.ScheduleWorkflowAction{ID: id, Workflow: workflows.DailyDigestWorkflow,
			TaskQueue: taskQueue},
	})
	if errors.Is(err, temporal.ErrScheduleAlreadyRunning) {
		return nil
	}
	return err
}
