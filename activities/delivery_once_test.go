package activities_test

import (
	"context"
	"sync"
	"testing"

	"salesflow/notify/smtptest"
	"salesflow/store/storetest"
)

// TestVisitDigestAndSweepSendEachOnce: the visit workflow's own mail step,
// the digest's and the minute sweep run at the same time, each twice (as
// two workers retrying would), over the same notifications; the SMTP
// server sees every notification exactly once.
func TestVisitDigestAndSweepSendEachOnce(t *testing.T) {
	st := storetest.Open(t)
	srv := smtptest.Start(t)
	acts := smtpActivities(t, st, srv)
	ann := mailUser(t, st, "ann", "ann@example.com")
	boss := mailUser(t, st, "boss", "boss@example.com")
	visit := notifyMany(t, st, ann, "visit-v1/created/visit_plan", 15)
	digest := notifyMany(t, st, boss, "digest/2026-11-24", 15)
	tasks := notifyMany(t, st, boss, "task/t1/task", 15)
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() { _ = acts.EmailNotifications(context.Background(), visit) })
		wg.Go(func() { _ = acts.EmailNotifications(context.Background(), digest) })
		wg.Go(func() { _, _ = acts.DeliverPending(context.Background()) })
	}
	wg.Wait()
	sweepUntilIdle(t, acts, 3) // whatever a claim held back goes now
	checkOnce(t, srv, append(append(visit, digest...), tasks...))
}
