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

// AuditCheckpointScheduleID names the audit-checkpoint Schedule of a task
// queue.
func AuditCheckpointScheduleID(taskQueue string) string { return "audit-checkpoint-" + taskQueue }

// DefaultAuditCheckpointEvery is how often the audit trail is checkpointed
// unless SALESFLOW_AUDIT_CHECKPOINT_EVERY says otherwise: the longest a
// chain rewritten with consistent hashes can go unsealed.
const DefaultAuditCheckpointEvery = 10 * time.Minute

// ScheduleConfig tunes the Schedules; zero values take the defaults.
type ScheduleConfig struct {
	AuditCheckpointEvery time.Duration
}

// EnsureSchedules is EnsureSchedulesWith the defaults.
func EnsureSchedules(ctx context.Context, c client.Client, taskQueue string) error {
	return EnsureSchedulesWith(ctx, c, taskQueue, ScheduleConfig{})
}

// EnsureSchedulesWith creates the Schedules the policy needs unless they
// exist; they show in the Temporal UI under Schedules:
//   - the weekly check of new records, Monday 09:00 Asia/Shanghai (R1.4);
//   - the daily digest, 09:00 Asia/Shanghai every day (R4.3; the activity
//     skips non-working days);
//   - the delivery of notifications to mail and webhook, every minute;
//   - the audit trail's checkpoint, every cfg.AuditCheckpointEvery (an
//     existing Schedule takes a changed interval);
//   - housekeeping, 03:30 Asia/Shanghai every day (finished import jobs
//     past their retention).
func EnsureSchedulesWith(ctx context.Context, c client.Client, taskQueue string, cfg ScheduleConfig) error {
	weekly := workflows.WeeklyCheckScheduleID(taskQueue)
	digest := DigestScheduleID(taskQueue)
	delivery := DeliveryScheduleID(taskQueue)
	audit := AuditCheckpointScheduleID(taskQueue)
	housekeeping := workflows.HousekeepingScheduleID(taskQueue)
	every := cfg.AuditCheckpointEvery
	if every <= 0 {
		every = DefaultAuditCheckpointEvery
	}
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
		ensureInterval(ctx, c, client.ScheduleOptions{ID: audit,
			Spec:    client.ScheduleSpec{Intervals: []client.ScheduleIntervalSpec{{Every: every}}},
			Overlap: enumspb.SCHEDULE_OVERLAP_POLICY_SKIP,
			Action:  &client.ScheduleWorkflowAction{ID: audit, Workflow: workflows.AuditCheckpointWorkflow, TaskQueue: taskQueue}}),
		ensureSchedule(ctx, c, client.ScheduleOptions{ID: housekeeping,
			Spec:    client.ScheduleSpec{CronExpressions: []string{workflows.HousekeepingCron}, TimeZoneName: "Asia/Shanghai"},
			Overlap: enumspb.SCHEDULE_OVERLAP_POLICY_SKIP,
			Action:  &client.ScheduleWorkflowAction{ID: housekeeping, Workflow: workflows.HousekeepingWorkflow, TaskQueue: taskQueue}}),
	)
}

// ensureInterval is ensureSchedule for a Schedule whose one interval is
// configured: an existing Schedule with another interval takes opts'.
func ensureInterval(ctx context.Context, c client.Client, opts client.ScheduleOptions) error {
	_, err := c.ScheduleClient().Create(ctx, opts)
	if !errors.Is(err, temporal.ErrScheduleAlreadyRunning) {
		return err
	}
	return c.ScheduleClient().GetHandle(ctx, opts.ID).Update(ctx, client.ScheduleUpdateOptions{
		DoUpdate: func(in client.ScheduleUpdateInput) (*client.ScheduleUpdate, error) {
			s := in.Description.Schedule
			if s.Spec != nil && len(s.Spec.Intervals) == 1 && s.Spec.Intervals[0].Every == opts.Spec.Intervals[0].Every {
				return nil, temporal.ErrSkipScheduleUpdate
			}
			s.Spec = &opts.Spec
			return &client.ScheduleUpdate{Schedule: &s}, nil
		}})
}

// ensureSchedule creates one Schedule; an existing one is left as it is.
func ensureSchedule(ctx context.Context, c client.Client, opts client.ScheduleOptions) error {
	_, err := c.ScheduleClient().Create(ctx, opts)
	if errors.Is(err, temporal.ErrScheduleAlreadyRunning) {
		return nil
	}
	return err
}
