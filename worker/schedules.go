package worker

import (
	"context"
	"errors"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"

	"salesflow/workflows"
)

// EnsureSchedules creates the Temporal Schedules of taskQueue's deployment
// unless they exist: the weekly check of new records (R1.4).
func EnsureSchedules(ctx context.Context, c client.Client, taskQueue string) error {
	id := workflows.WeeklyCheckScheduleID(taskQueue)
	_, err := c.ScheduleClient().Create(ctx, client.ScheduleOptions{
		ID: id,
		Spec: client.ScheduleSpec{CronExpressions: []string{workflows.WeeklyCheckCron},
			TimeZoneName: workflows.WeeklyCheckTimeZone},
		Action: &client.ScheduleWorkflowAction{ID: id, Workflow: workflows.WeeklyCheckWorkflow,
			Args: []any{workflows.WeeklyCheckInput{}}, TaskQueue: taskQueue},
	})
	if errors.Is(err, temporal.ErrScheduleAlreadyRunning) {
		return nil
	}
	return err
}
