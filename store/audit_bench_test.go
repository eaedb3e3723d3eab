package store_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"salesflow/store/storetest"
)

// BenchmarkAuditedWrites measures audited writes per second (one step: its
// idempotency check and its audit event, committed) with 1 and with 16
// writers, each on a subject of its own, against real PostgreSQL:
//
//	SALESFLOW_TEST_INTEGRATION=1 go test -run '^$' -bench AuditedWrites ./store/
//
// With one chain for the whole system the 16 writers queue on its lock
// and write no faster than one; with a chain per subject they do not
// wait on each other.
func BenchmarkAuditedWrites(b *testing.B) {
	for _, writers := range []int{1, 16} {
		b.Run(fmt.Sprintf("writers=%d", writers), func(b *testing.B) {
			st := storetest.Open(b)
			ctx := context.Background()
			var next atomic.Int64
			var wg sync.WaitGroup
			errs := make(chan error, writers)
			b.ResetTimer()
			start := time.Now()
			for w := range writers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					subject := fmt.Sprintf("bench-%d", w)
					for {
						n := next.Add(1)
						if n > int64(b.N) {
							return
						}
						if err := st.AuditedStep(ctx, "bench", subject, fmt.Sprintf("bench-%d-%d", w, n)); err != nil {
							errs <- err
							return
						}
					}
				}()
			}
			wg.Wait()
			elapsed := time.Since(start)
			b.StopTimer()
			close(errs)
			for err := range errs {
				b.Fatal(err)
			}
			b.ReportMetric(float64(b.N)/elapsed.Seconds(), "writes/s")
		})
	}
}
