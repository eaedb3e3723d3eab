package observability

import (
	"context"
	"log/slog"
	"sort"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// StateReader is what the business gauges read from the database at
// scrape time; the store implements it. Each read is one cheap aggregate.
type StateReader interface {
	// OpenTasksByKind counts open tasks per kind (proposal_review, ...).
	OpenTasksByKind(ctx context.Context) (map[string]int, error)
	// ContactOutboxBacklog counts ownerships whose contact-deadline
	// workflow (R2.5) has not been started yet.
	ContactOutboxBacklog(ctx context.Context) (int, error)
}

// NotificationCounts is the delivery state of notifications.
type NotificationCounts struct {
	// Pending are waiting to be delivered.
	Pending int
	// DeadLettered gave up after their attempts; nil while the store
	// cannot tell (the gauge is then left out rather than shown as 0).
	DeadLettered *int
}

// NotificationCounter reads NotificationCounts. It is a function, not part
// of StateReader, so the delivery redesign can plug its own count in
// without touching this package.
type NotificationCounter func(ctx context.Context) (NotificationCounts, error)

var (
	openTasksDesc = prometheus.NewDesc("salesflow_open_tasks",
		"Open tasks (inbox items) by kind.", []string{"kind"}, nil)
	outboxDesc = prometheus.NewDesc("salesflow_contact_outbox_backlog",
		"Customer ownerships whose contact-deadline workflow (R2.5) is not started yet.", nil, nil)
	pendingDesc = prometheus.NewDesc("salesflow_notifications_pending",
		"Notifications not delivered yet.", nil, nil)
	deadDesc = prometheus.NewDesc("salesflow_notifications_dead_lettered",
		"Notifications whose delivery gave up, waiting for an admin.", nil, nil)
	readUpDesc = prometheus.NewDesc("salesflow_state_read_success",
		"1 when the scrape-time read of a business gauge answered, 0 when it failed or timed out.",
		[]string{"read"}, nil)
)

// StateCollector reads the business gauges when Prometheus scrapes, so
// they are never stale and cost nothing between scrapes. A failed read
// leaves its gauge out and reports salesflow_state_read_success 0 rather
// than failing the whole scrape.
type StateCollector struct {
	reader        StateReader
	notifications NotificationCounter
	timeout       time.Duration
	log           *slog.Logger
}

// NewStateCollector returns the collector over r and n (n may be nil); all
// reads of one scrape share timeout.
func NewStateCollector(r StateReader, n NotificationCounter, timeout time.Duration, log *slog.Logger) *StateCollector {
	return &StateCollector{reader: r, notifications: n, timeout: timeout, log: log}
}

// Describe sends the descriptors of every gauge.
func (s *StateCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{openTasksDesc, outboxDesc, pendingDesc, deadDesc, readUpDesc} {
		ch <- d
	}
}

// Collect reads the database and sends the gauges.
func (s *StateCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), s.timeout)
	defer cancel()
	tasks, err := s.reader.OpenTasksByKind(ctx)
	if s.report(ch, "open_tasks", err) {
		kinds := make([]string, 0, len(tasks))
		for k := range tasks {
			kinds = append(kinds, k)
		}
		sort.Strings(kinds)
		for _, k := range kinds {
			ch <- prometheus.MustNewConstMetric(openTasksDesc, prometheus.GaugeValue, float64(tasks[k]), k)
		}
	}
	backlog, err := s.reader.ContactOutboxBacklog(ctx)
	if s.report(ch, "contact_outbox", err) {
		ch <- prometheus.MustNewConstMetric(outboxDesc, prometheus.GaugeValue, float64(backlog))
	}
	if s.notifications == nil {
		return
	}
	n, err := s.notifications(ctx)
	if s.report(ch, "notifications", err) {
		ch <- prometheus.MustNewConstMetric(pendingDesc, prometheus.GaugeValue, float64(n.Pending))
		if n.DeadLettered != nil {
			ch <- prometheus.MustNewConstMetric(deadDesc, prometheus.GaugeValue, float64(*n.DeadLettered))
		}
	}
}

// report sends read's success gauge and logs a failure; it says whether
// the read's values may be sent.
func (s *StateCollector) report(ch chan<- prometheus.Metric, read string, err error) bool {
	up := 1.0
	if err != nil {
		up = 0
		s.log.Warn("metrics: state read failed", "read", read, "error", err)
	}
	ch <- prometheus.MustNewConstMetric(readUpDesc, prometheus.GaugeValue, up, read)
	return err == nil
}
