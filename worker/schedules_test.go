package worker

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"testing"

	"go.temporal.io/sdk/client"

	"salesflow/store/storetest"
	"salesflow/workflows"
)

// TestEnsureSchedules creates the Schedules on the real Temporal server,
// twice (the second is a no-op), finds the daily digest at 09:00
// Asia/Shanghai, and the notification delivery and weekly check beside it.
func TestEnsureSchedules(t *testing.T) {
	if !storetest.Enabled() {
		t.Skip("integration test: needs Temporal")
	}
	addr := os.Getenv("TEMPORAL_ADDRESS")
	if addr == "" {
		addr = "127.0.0.1:7233"
	}
	c, err := client.Dial(client.Options{HostPort: addr})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	queue := "test-schedules-" + hex.EncodeToString(b)
	ctx := context.Background()
	for range 2 {
		if err := EnsureSchedules(ctx, c, queue); err != nil {
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
	for _, id := range []string{DeliveryScheduleID(queue), workflows.WeeklyCheckScheduleID(queue)} {
		h := c.ScheduleClient().GetHandle(ctx, id)
		if _, err := h.Describe(ctx); err != nil {
			t.Errorf("schedule %s: %v", id, err)
		}
		_ = h.Delete(ctx)
	}
}
