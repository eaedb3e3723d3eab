package activities_test

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/uuid"

	"salesflow/activities"
	"salesflow/store"
	"salesflow/store/storetest"
)

// TestPurgeImportJobs: housekeeping deletes the import jobs finished
// before the retention, with their rows, and nothing else: not a job
// finished within it, not a job still running however old, not the
// customers a purged job created. With no retention it deletes nothing.
func TestPurgeImportJobs(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	u := mustUser(t, st, "purger", "")
	job := func(name string, finishedDaysAgo int) string {
		t.Helper()
		c := store.NewCustomer{Customer: store.Customer{ID: uuid.NewString(), Name: name + "有限公司", Channel: "internet",
			OwnerID: u.ID, CollectedOn: "2026-11-25", CreatedBy: u.ID}, ContactDeadline: 7 * 24 * time.Hour}
		j, err := st.CreateImportJob(ctx, store.ImportJob{ID: uuid.NewString(), CreatedBy: u.ID, FileName: name + ".csv"},
			[]store.StagedImportRow{{Line: 2, Name: c.Name, Customer: &c}})
		if err != nil {
			t.Fatal(err)
		}
		if finishedDaysAgo < 0 { // still running, made long ago
			mustExec(t, st, `UPDATE customer_import_jobs SET created_at = now() - interval '400 days' WHERE id = $1`, j.ID)
			return j.ID
		}
		if _, err := st.RecordImportBatch(ctx, j.ID, 0, 1); err != nil {
			t.Fatal(err)
		}
		if _, err := st.FinishImportJob(ctx, j.ID); err != nil {
			t.Fatal(err)
		}
		mustExec(t, st, `UPDATE customer_import_jobs SET finished_at = now() - make_interval(days => $2) WHERE id = $1`,
			j.ID, finishedDaysAgo)
		return j.ID
	}
	old, recent, running := job("清理旧作业", 91), job("清理新作业", 89), job("清理运行中", -1)

	acts := activities.New(st)
	if n, err := acts.PurgeImportJobs(ctx); err != nil || n != 0 {
		t.Fatalf("with no retention: purged %d (%v)", n, err)
	}
	acts.ImportJobRetention = 90 * 24 * time.Hour
	if n, err := acts.PurgeImportJobs(ctx); err != nil || n < 1 {
		t.Fatalf("purged %d (%v)", n, err)
	}
	left := func(table, col, id string) int {
		var n int
		if err := st.DB().GetContext(ctx, &n, `SELECT count(*) FROM `+table+` WHERE `+col+` = $1`, id); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if left("customer_import_jobs", "id", old) != 0 || left("customer_import_rows", "job_id", old) != 0 {
		t.Fatal("the job finished 91 days ago, or its rows, is still there")
	}
	for _, id := range []string{recent, running} {
		if left("customer_import_jobs", "id", id) != 1 || left("customer_import_rows", "job_id", id) != 1 {
			t.Fatalf("job %s (within its retention, or running) was purged", id)
		}
	}
	if left("customers", "name", "清理旧作业有限公司") != 1 {
		t.Fatal("the purged job's customer went with it")
	}
	if n, err := acts.PurgeImportJobs(ctx); err != nil || n != 0 {
		t.Fatalf("a second run purged %d (%v)", n, err)
	}
}

func mustExec(t *testing.T, st *store.Store, q string, args ...any) {
	t.Helper()
	if _, err := st.DB().ExecContext(context.Background(), q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// TestPurgeIdempotencyKeys: housekeeping forgets the Idempotency-Keys
// claimed before the retention and keeps the younger ones; a forgotten
// key may be claimed afresh. With no retention it deletes nothing.
func TestPurgeIdempotencyKeys(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	u := mustUser(t, st, "keyholder", "")
	claim := func(key string, hash byte) store.IdempotencyClaim {
		return store.IdempotencyClaim{UserID: u.ID, Key: key, Scope: "POST /api/v1/customers",
			RequestHash: bytes.Repeat([]byte{hash}, 32)}
	}
	for _, key := range []string{"old-key", "young-key"} {
		if fresh, err := st.ClaimIdempotencyKey(ctx, claim(key, 1)); err != nil || !fresh {
			t.Fatalf("claim %s: fresh %v (%v)", key, fresh, err)
		}
	}
	mustExec(t, st, `UPDATE idempotency_keys SET created_at = now() - interval '31 days' WHERE key = 'old-key'`)

	acts := activities.New(st)
	if n, err := acts.PurgeIdempotencyKeys(ctx); err != nil || n != 0 {
		t.Fatalf("with no retention: purged %d (%v)", n, err)
	}
	acts.IdempotencyKeyRetention = 30 * 24 * time.Hour
	if n, err := acts.PurgeIdempotencyKeys(ctx); err != nil || n != 1 {
		t.Fatalf("purged %d (%v), want the one key older than 30 days", n, err)
	}
	if _, err := st.ClaimIdempotencyKey(ctx, claim("young-key", 2)); !errors.Is(err, store.ErrIdempotencyMismatch) {
		t.Fatalf("the young key with another body: %v, want the mismatch (was it purged?)", err)
	}
	if fresh, err := st.ClaimIdempotencyKey(ctx, claim("old-key", 2)); err != nil || !fresh {
		t.Fatalf("the purged key claimed again: fresh %v (%v)", fresh, err)
	}
	if n, err := acts.PurgeIdempotencyKeys(ctx); err != nil || n != 0 {
		t.Fatalf("a second run purged %d (%v)", n, err)
	}
}
