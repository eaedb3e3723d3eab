package worker

import (
	"context"
	"errors"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"

	"salesflow/workflows"
)

// DigestScheduleID names the daily-digest Schedule of a task queue, so
// test workers on their own queues never touch the real one.
func DigestScheduleID(taskQueue string) string { return "daily-digest-" + taskQueue }

// DeliveryScheduleID names the notification-delivery Schedule of a task
// queue.
func DeliveryScheduleID(taskQueue string) string { return "notification-delivery-" + taskQueue }

// EnsureSchedules creates the Schedules the policy needs unless they exist;
// they show in the Temporal UI under Schedules:
//   - the weekly check of new records, Monday 09:00 Asia/Shanghai (R1.4);
//   - the daily digest, 09:00 Asia/Shanghai every day (R4.3; the activity
//     skips non-working days);
//   - the delivery of notifications to mail and webhook, every minute.
func EnsureSchedules(ctx context.Context, c client.Client, taskQueue string) error {
	weekly := workflows.WeeklyCheckScheduleID(taskQueue)
	digest := DigestScheduleID(taskQueue)
	delivery := DeliveryScheduleID(taskQueue)
	return errors.Join(
		ensureSchedule(ctx, c, client.ScheduleOptions{ID: weekly,
			Spec: client.ScheduleSpec{CronExpressions: []string{workflows.WeeklyCheckCron},
				TimeZoneName: workflows.WeeklyCheckTimeZone},
			Action: &client.ScheduleWorkflowAction{ID: weekly, Workflow: workflows.WeeklyCheckWorkflow,
				Args: []any{workflows.WeeklyCheckInput{}}, TaskQueue: taskQueue}}),
		ensureSchedule(ctx, c, client.ScheduleOptions{ID: digest,
			Spec:   client.ScheduleSpec{CronExpressions: []string{"0 9 * * *"}, TimeZoneName: "Asia/Shanghai"},
			Action: &client.ScheduleWorkflowAction{ID: digest, Workflow: workflows.DailyDigestWorkflow, TaskQueue: taskQueue}}),
		ensureSchedule(ctx, c, client.ScheduleOptions{ID: delivery,
			Spec:    client.ScheduleSpec{Intervals: []client.ScheduleIntervalSpec{{Every: time.Minute}}},
			Overlap: enumspb.SCHEDULE_OVERLAP_POLICY_SKIP,
			Action:  &client.ScheduleWorkflowAction{ID: delivery, Workflow: workflows.NotificationDeliveryWorkflow, TaskQueue: taskQueue}}),
	)
}

// ensureSchedule creates one Schedule; an existing one is left as it is.
func ensureSchedule(ctx context.Context, c client.Client, opts client.ScheduleOptions) error {
	_, err := c.ScheduleClient().Create(ctx, opts)
	if errors.Is(err, temporal.ErrScheduleAlreadyRunning) {
		return nil
	}
	return err
}
