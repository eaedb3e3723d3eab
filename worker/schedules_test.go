package worker

import (
	"context"
	"testing"
	"time"

	"go.temporal.io/sdk/client"

	"salesflow/workflows"
)

// TestEnsureSchedules creates the Schedules on the real Temporal server,
// twice (the second is a no-op), finds the daily digest at 09:00
// Asia/Shanghai, and the notification delivery, weekly check, audit
// checkpoint and housekeeping beside it.
func TestEnsureSchedules(t *testing.T) {
	c, queue := dialTemporal(t, client.Options{}, "test-schedules-")
	ctx := context.Background()
	for range 2 {
		if err := ensureAsTheWorkerDoes(ctx, c, queue); err != nil {
			t.Fatal(err)
		}
	}
	h := c.ScheduleClient().GetHandle(ctx, DigestScheduleID(queue))
	defer func() { _ = h.Delete(ctx) }()
	d, err := h.Describe(ctx)
	if err != nil {
		t.Fatal(err)
	}
	spec := d.Schedule.Spec
	if spec.TimeZoneName != "Asia/Shanghai" || len(spec.Calendars) != 1 || spec.Calendars[0].Hour[0].Start != 9 {
		t.Fatalf("daily at 09:00 Shanghai: %+v", spec)
	}
	checkAuditCheckpointInterval(t, c, queue)
	for _, id := range []string{DeliveryScheduleID(queue), workflows.WeeklyCheckScheduleID(queue), AuditCheckpointScheduleID(queue),
		workflows.HousekeepingScheduleID(queue)} {
		h := c.ScheduleClient().GetHandle(ctx, id)
		if _, err := h.Describe(ctx); err != nil {
			t.Errorf("schedule %s: %v", id, err)
		}
		_ = h.Delete(ctx)
	}
}

// checkAuditCheckpointInterval: the audit checkpoint runs every 10 minutes
// by default, and a changed interval reaches the existing Schedule.
func checkAuditCheckpointInterval(t *testing.T, c client.Client, queue string) {
	t.Helper()
	ctx := context.Background()
	every := func() time.Duration {
		d, err := c.ScheduleClient().GetHandle(ctx, AuditCheckpointScheduleID(queue)).Describe(ctx)
		if err != nil || len(d.Schedule.Spec.Intervals) != 1 {
			t.Fatalf("audit checkpoint schedule: %v %+v", err, d)
		}
		return d.Schedule.Spec.Intervals[0].Every
	}
	if got := every(); got != DefaultAuditCheckpointEvery {
		t.Fatalf("every %v, want %v", got, DefaultAuditCheckpointEvery)
	}
	if err := EnsureSchedulesWith(ctx, c, queue, ScheduleConfig{AuditCheckpointEvery: 3 * time.Minute}); err != nil {
		t.Fatal(err)
	}
	if got := every(); got != 3*time.Minute {
		t.Fatalf("every %v after the change, want 3m", got)
	}
}

// ensureAsTheWorkerDoes calls EnsureSchedules and, as the worker's start
// does (cmd/salesflow ensureSchedules), tries again after a failure of
// the connection (a dev server under load once cancelled a stream, which
// failed a CI run); three failures in a row fail the test.
func ensureAsTheWorkerDoes(ctx context.Context, c client.Client, queue string) error {
	err := EnsureSchedules(ctx, c, queue)
	for try := 0; err != nil && try < 2; try++ {
		time.Sleep(time.Second)
		err = EnsureSchedules(ctx, c, queue)
	}
	return err
}
