// Command registry measures the customer registry at the scale of issue 4:
//
//  1. importing N generated rows (5 % duplicates by name variant) through
//     POST /api/v1/customers/import, in CSV files of 1,000 rows, into a
//     registry already filled to all but N of the full size — the whole
//     path: validation, normalisation, the unique keys, the audit chain and
//     the near-duplicate search (the contact-deadline workflows are left to
//     the outbox, whose sweep is timed after);
//  2. in the same run, a plain COPY of the same rows into an unindexed table,
//     the floor any import could reach, and a COPY of the distinct rows into
//     a table holding the same filled rows with the customers table's
//     indexes, and the import's ratio to it (issue 12 asks ≥ 0.3×);
//  3. the latency (p50, p99) of the duplicate check — POST /api/v1/customers
//     of an existing company under another spelling, answered 409 — with
//     the customers table topped up to 1,000,000 rows;
//  4. at the same size, a successful create with its near-duplicate
//     warnings (a new company; a name like an existing one) and the search
//     by name fragment and by phone fragment, p50 and p99 each.
//
// It makes its own database (dropped at the end) and needs PostgreSQL
// (DATABASE_URL) and a Temporal server (TEMPORAL_ADDRESS); bench/run.sh
// starts a throw-away in-memory Temporal dev server for it. Run: make bench.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"os"
	"time"

	"go.temporal.io/sdk/client"

	"salesflow/api"
	"salesflow/service"
	"salesflow/session"
	"salesflow/store"
	"salesflow/store/storetest"
)

func main() {
	rows := flag.Int("rows", 100_000, "rows to import")
	dupShare := flag.Float64("dupes", 0.05, "share of rows that repeat an earlier company")
	total := flag.Int("customers", 1_000_000, "customers in the table for the duplicate-check probe")
	probes := flag.Int("probes", 2_000, "duplicate checks to time")
	flag.Parse()
	if err := run(*rows, *dupShare, *total, *probes); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(rows int, dupShare float64, total, probes int) error {
	ctx := context.Background()
	st, done, err := storetest.NewMigrated(ctx)
	if err != nil {
		return err
	}
	defer done()
	addr := os.Getenv("TEMPORAL_ADDRESS")
	if addr == "" {
		addr = "127.0.0.1:7233"
	}
	tc, err := client.Dial(client.Options{HostPort: addr})
	if err != nil {
		return fmt.Errorf("temporal: %w", err)
	}
	defer tc.Close()
	quiet := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError}))
	svc := service.New(st, tc, quiet, service.Config{TaskQueue: "bench-registry"})
	srv := httptest.NewServer(api.New(svc, tc, session.New(st, quiet, session.Config{}), quiet, api.Config{}))
	defer srv.Close()
	b, err := newBench(ctx, st, srv.URL)
	if err != nil {
		return err
	}
	data := generate(rows, dupShare)
	fmt.Printf("machine: %s\n", machine())
	// The import lands in a registry already holding all but its rows
	// (issue 12: 100,000 rows into a registry of 1,000,000), and its
	// yardstick is COPY into a table of the same rows and indexes.
	if _, err := b.fill(ctx, max(0, total-rows)); err != nil {
		return err
	}
	if err := b.copyFloor(ctx, data); err != nil {
		return err
	}
	if err := b.importAll(data); err != nil {
		return err
	}
	fmt.Printf("the import is %.3f× of COPY into the indexed table of the same size\n", b.importRate/b.copyIndexed)
	drainOutbox(ctx, st, svc)
	return b.duplicateProbe(ctx, total, probes)
}

// drainOutbox times the contact-deadline outbox for a minute after the
// import: the import records rows without a workflow start each; the
// sweeper starts them afterwards at the Temporal server's pace.
func drainOutbox(ctx context.Context, st *store.Store, svc *service.Service) {
	sctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	start := time.Now()
	n, _ := svc.SweepContactDeadlines(sctx)
	d := time.Since(start)
	pending, _ := st.PendingContactDeadlines(ctx, 1_000_000)
	fmt.Printf("contact-deadline outbox: %.0f workflow starts/s (%d in %s); %d ownerships still pending, started later by the API's sweeper\n",
		float64(n)/d.Seconds(), n, d.Round(time.Millisecond), len(pending))
}

// rate renders n items over d as items per second.
func rate(n int, d time.Duration) string {
	return fmt.Sprintf("%.0f rows/s (%d rows in %s)", float64(n)/d.Seconds(), n, d.Round(time.Millisecond))
}
