package observability

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

type fakeState struct {
	tasks  map[string]int
	outbox int
	err    error
}

func (f fakeState) OpenTasksByKind(context.Context) (map[string]int, error) { return f.tasks, f.err }
func (f fakeState) ContactOutboxBacklog(context.Context) (int, error)       { return f.outbox, nil }

// TestStateCollector: the gauges show what the reads answer at scrape
// time; a failed read drops its gauge and says so, the others still show;
// dead-lettered is left out while the store cannot count it.
func TestStateCollector(t *testing.T) {
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	dead := 2
	reg := prometheus.NewRegistry()
	reg.MustRegister(NewStateCollector(fakeState{tasks: map[string]int{"proposal_review": 3, "contact_overdue": 1}, outbox: 4},
		func(context.Context) (NotificationCounts, error) {
			return NotificationCounts{Pending: 5, DeadLettered: &dead}, nil
		}, time.Second, quiet))
	want := []struct {
		name   string
		labels map[string]string
		value  float64
	}{
		{"salesflow_open_tasks", map[string]string{"kind": "proposal_review"}, 3},
		{"salesflow_open_tasks", map[string]string{"kind": "contact_overdue"}, 1},
		{"salesflow_contact_outbox_backlog", map[string]string{}, 4},
		{"salesflow_notifications_pending", map[string]string{}, 5},
		{"salesflow_notifications_dead_lettered", map[string]string{}, 2},
		{"salesflow_state_read_success", map[string]string{"read": "open_tasks"}, 1},
	}
	for _, w := range want {
		if got, ok := sample(t, reg, w.name, w.labels); !ok || got != w.value {
			t.Errorf("%s%v = %v (present %v), want %v", w.name, w.labels, got, ok, w.value)
		}
	}

	failing := prometheus.NewRegistry()
	failing.MustRegister(NewStateCollector(fakeState{err: errors.New("timeout"), outbox: 1},
		func(context.Context) (NotificationCounts, error) { return NotificationCounts{Pending: 1}, nil },
		time.Second, quiet))
	if got, _ := sample(t, failing, "salesflow_state_read_success", map[string]string{"read": "open_tasks"}); got != 0 {
		t.Errorf("failed read reported success %v", got)
	}
	if got, ok := sample(t, failing, "salesflow_contact_outbox_backlog", map[string]string{}); !ok || got != 1 {
		t.Errorf("outbox gauge missing after another read failed")
	}
	if _, ok := sample(t, failing, "salesflow_notifications_dead_lettered", map[string]string{}); ok {
		t.Error("dead-lettered shown while the store cannot count it")
	}
}
