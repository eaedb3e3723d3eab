package worker

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"go.temporal.io/sdk/client"

	"salesflow/activities"
	"salesflow/store/storetest"
	"salesflow/workflows"
)

// countingMetrics counts the SDK's counters by name and keeps its gauges'
// last values: enough to see the sticky cache evict and refill.
type countingMetrics struct {
	mu       sync.Mutex
	counters map[string]int64
	gauges   map[string]float64
}

type metricFunc func(float64)

func (f metricFunc) Inc(n int64)                                            { f(float64(n)) }
func (f metricFunc) Update(v float64)                                       { f(v) }
func (f metricFunc) Record(time.Duration)                                   {}
func (m *countingMetrics) WithTags(map[string]string) client.MetricsHandler { return m }
func (m *countingMetrics) Timer(string) client.MetricsTimer                 { return metricFunc(nil) }

func (m *countingMetrics) Counter(name string) client.MetricsCounter {
	return metricFunc(func(v float64) { m.mu.Lock(); m.counters[name] += int64(v); m.mu.Unlock() })
}

func (m *countingMetrics) Gauge(name string) client.MetricsGauge {
	return metricFunc(func(v float64) { m.mu.Lock(); m.gauges[name] = v; m.mu.Unlock() })
}

// dialTemporal skips unless integration tests are on, else dials the
// Temporal server (TEMPORAL_ADDRESS or the dev server) with opts, closes the
// client when t ends, and names a task queue of the test's own.
func dialTemporal(t *testing.T, opts client.Options, queuePrefix string) (client.Client, string) {
	t.Helper()
	if !storetest.Enabled() {
		t.Skip("integration test: needs Temporal")
	}
	opts.HostPort = os.Getenv("TEMPORAL_ADDRESS")
	if opts.HostPort == "" {
		opts.HostPort = "127.0.0.1:7233"
	}
	c, err := client.Dial(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return c, queuePrefix + hex.EncodeToString(b)
}

func (m *countingMetrics) counter(suffix string) int64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	var n int64
	for k, v := range m.counters {
		if strings.HasSuffix(k, suffix) {
			n += v
		}
	}
	return n
}

// TestEvictedWorkflowContinues runs a worker whose sticky cache holds 10
// workflows, starts 50 contact deadlines (so 40 are evicted), then signals
// the first one, long out of the cache: it must be rebuilt from its
// history and finish as contacted (issue 12, worker memory).
func TestEvictedWorkflowContinues(t *testing.T) {
	m := &countingMetrics{counters: map[string]int64{}, gauges: map[string]float64{}}
	c, queue := dialTemporal(t, client.Options{MetricsHandler: m}, "test-sticky-")
	// No activity runs on the path driven here (no reminder, contact
	// before the deadline), so the activities need no database.
	w := NewWithConfig(c, queue, &activities.Activities{}, Config{StickyCacheSize: 10})
	if err := w.Start(); err != nil {
		t.Fatal(err)
	}
	defer w.Stop()
	ctx := context.Background()
	var runs []client.WorkflowRun
	for i := range 50 {
		in := workflows.ContactDeadlineInput{CustomerID: fmt.Sprintf("sticky-%s-%d", queue, i), Generation: 1,
			OwnerID: "nobody", Deadline: time.Hour}
		run, err := c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{TaskQueue: queue,
			ID: workflows.ContactDeadlineWorkflowID(in.CustomerID, in.Generation)}, workflows.ContactDeadlineWorkflow, in)
		if err != nil {
			t.Fatal(err)
		}
		runs = append(runs, run)
	}
	defer func() {
		for _, r := range runs {
			_ = c.TerminateWorkflow(ctx, r.GetID(), "", "test over")
		}
	}()
	deadline := time.Now().Add(60 * time.Second)
	for m.counter("sticky_cache_total_forced_eviction") < 40 {
		if time.Now().After(deadline) {
			t.Fatalf("after 50 starts with a cache of 10, %d forced evictions, want 40", m.counter("sticky_cache_total_forced_eviction"))
		}
		time.Sleep(100 * time.Millisecond)
	}
	first := runs[0]
	if err := c.SignalWorkflow(ctx, first.GetID(), "", workflows.SignalContactMade, nil); err != nil {
		t.Fatal(err)
	}
	getCtx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	var st workflows.ContactState
	if err := first.Get(getCtx, &st); err != nil {
		t.Fatalf("evicted workflow did not finish: %v", err)
	}
	if st.Status != workflows.ContactContacted || st.CustomerID != "sticky-"+queue+"-0" {
		t.Fatalf("evicted workflow ended %+v, want contacted", st)
	}
}
