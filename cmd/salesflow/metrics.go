package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"go.temporal.io/sdk/client"

	"salesflow/observability"
	"salesflow/store"
)

// Default admin listeners: apart, so an API and a worker on one machine
// (make run's split mode, the production-shape suite) do not collide.
const (
	defaultAPIMetricsAddr    = "127.0.0.1:9090"
	defaultWorkerMetricsAddr = "127.0.0.1:9091"
)

// telemetry is what a serving process measures itself with.
type telemetry struct {
	reg  *prometheus.Registry
	http *observability.HTTPMetrics // API only
	sdk  client.MetricsHandler
	stop func(context.Context) error
}

// newTelemetry builds the registry of a process: the Go runtime, the
// database pools, the Temporal SDK's metrics, and, for the API, the HTTP
// metrics and the business gauges. Only the API reads the business gauges,
// so N workers do not repeat the same queries; they are the same numbers
// from any replica (dashboards take max()).
func newTelemetry(st *store.Store, log *slog.Logger, withAPI bool) (*telemetry, error) {
	t := &telemetry{reg: observability.NewRegistry()}
	for name, pool := range st.Pools() {
		observability.RegisterDBPool(t.reg, pool, name)
	}
	sdk, stop, err := observability.TemporalMetrics(t.reg, log)
	if err != nil {
		return nil, fmt.Errorf("temporal metrics: %w", err)
	}
	t.sdk, t.stop = sdk, stop
	if withAPI {
		t.http = observability.NewHTTPMetrics(t.reg)
		t.reg.MustRegister(observability.NewStateCollector(st, deliveryCounts(st), 2*time.Second, log))
	}
	return t, nil
}

// deliveryCounts feeds the notification gauges from the delivery states:
// a notification counts once per channel still waiting or dead-lettered.
func deliveryCounts(st *store.Store) observability.NotificationCounter {
	return func(ctx context.Context) (observability.NotificationCounts, error) {
		c, err := st.NotificationDeliveryCounts(ctx)
		dead := c.Email.DeadLettered + c.Webhook.DeadLettered
		return observability.NotificationCounts{Pending: c.Email.Pending + c.Webhook.Pending, DeadLettered: &dead}, err
	}
}

// clientOptions adds the SDK metrics and the workflow logging to opts.
func (t *telemetry) clientOptions(opts client.Options, log *slog.Logger) client.Options {
	opts.MetricsHandler = t.sdk
	opts.Interceptors = append(opts.Interceptors, observability.WorkflowLogging(log))
	return opts
}

// serveAdmin starts the admin listener (/metrics, /livez) unless it is
// off; a port already taken fails the start rather than leaving a process
// nobody can see.
func (t *telemetry) serveAdmin(ctx context.Context, cfg config, log *slog.Logger, withAPI bool) error {
	addr := cfg.MetricsAddr
	switch {
	case addr == "off":
		return nil
	case addr == "" && withAPI:
		addr = defaultAPIMetricsAddr
	case addr == "":
		addr = defaultWorkerMetricsAddr
	}
	_, done, err := observability.ServeAdmin(ctx, addr, observability.AdminHandler(t.reg), log)
	if err != nil {
		return fmt.Errorf("metrics listener on %s (SALESFLOW_METRICS_ADDR): %w", addr, err)
	}
	go func() {
		if err := <-done; err != nil {
			log.Error("metrics listener stopped", "error", err)
		}
	}()
	return nil
}
