// Command decision measures what a person's decision costs (issue 12): a
// reviewer's POST /api/v1/tasks/{id}/decision through the real API, the
// proposal workflow and its activity on a real worker and PostgreSQL, next
// to the reference measured in the same run against the same Temporal
// server — a bare Update (one handler with a validator, waited for until
// Completed) of a workflow that does nothing else. The three (the decision,
// the bare Update and an Update of a decision's shape without its work,
// reference.go) are timed in turn, so load on the machine falls on all.
//
// It makes its own database (dropped at the end) and needs PostgreSQL
// (DATABASE_URL) and a Temporal server (TEMPORAL_ADDRESS); bench/run.sh
// starts a throw-away dev server for it. Run: make bench.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"slices"
	"time"

	"go.temporal.io/sdk/client"
	sdklog "go.temporal.io/sdk/log"

	"salesflow/activities"
	"salesflow/api"
	"salesflow/service"
	"salesflow/session"
	"salesflow/store/storetest"
	"salesflow/worker"
)

const taskQueue = "bench-decision"

func main() {
	n := flag.Int("decisions", 1000, "decisions (and bare Updates) to time")
	flag.Parse()
	if err := run(*n); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(n int) error {
	ctx := context.Background()
	st, done, err := storetest.NewMigrated(ctx)
	if err != nil {
		return err
	}
	defer done()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	tc, err := client.Dial(client.Options{HostPort: envOr("TEMPORAL_ADDRESS", "127.0.0.1:7233"),
		Logger: sdklog.NewStructuredLogger(quiet)})
	if err != nil {
		return fmt.Errorf("temporal: %w", err)
	}
	defer tc.Close()
	w := worker.New(tc, taskQueue, activities.New(st))
	registerReference(w)
	if err := w.Start(); err != nil {
		return err
	}
	defer w.Stop()
	srv := httptest.NewServer(api.New(service.New(st, tc, quiet, service.Config{TaskQueue: taskQueue}), tc, session.New(st, quiet, session.Config{}), quiet, api.Config{}))
	defer srv.Close()

	d, err := newDecider(ctx, st, srv.URL)
	if err != nil {
		return err
	}
	ref, err := startReference(ctx, tc, referenceWorkflowName)
	if err != nil {
		return err
	}
	defer ref.stop(ctx)
	shapedRef, err := startReference(ctx, tc, shapedWorkflowName)
	if err != nil {
		return err
	}
	defer shapedRef.stop(ctx)
	var bare, shaped, decisions []time.Duration
	for i := 0; i < n+10; i++ { // the first ten warm both paths up
		task, err := d.openReview(ctx, i)
		if err != nil {
			return err
		}
		b, err := ref.update(ctx, i)
		if err != nil {
			return err
		}
		sh, err := shapedRef.update(ctx, i)
		if err != nil {
			return err
		}
		dec, err := d.decide(task)
		if err != nil {
			return err
		}
		if i >= 10 {
			bare, shaped, decisions = append(bare, b), append(shaped, sh), append(decisions, dec)
		}
	}
	report(bare, shaped, decisions)
	return nil
}

// report prints the decision next to the bare Update and their ratios,
// with the Update of a decision's shape between them.
func report(bare, shaped, decisions []time.Duration) {
	bp50, bp99 := percentile(bare, 50), percentile(bare, 99)
	dp50, dp99 := percentile(decisions, 50), percentile(decisions, 99)
	fmt.Printf("\n%-44s %10s %10s\n", "what ("+fmt.Sprint(len(bare))+" sequential each)", "p50", "p99")
	fmt.Printf("%-44s %10s %10s\n", "bare Temporal Update (validator, Completed)", ms(bp50), ms(bp99))
	fmt.Printf("%-44s %10s %10s\n", "Update + empty local activity + Stage", ms(percentile(shaped, 50)), ms(percentile(shaped, 99)))
	fmt.Printf("%-44s %10s %10s\n", "POST /api/v1/tasks/{id}/decision (review)", ms(dp50), ms(dp99))
	fmt.Printf("%-44s %9.2fx %9.2fx\n", "decision / bare Update", ratio(dp50, bp50), ratio(dp99, bp99))
}

func percentile(ds []time.Duration, p int) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	i := (len(s)*p + 99) / 100
	return s[max(0, min(len(s)-1, i-1))]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

func ratio(a, b time.Duration) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
