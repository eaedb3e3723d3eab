package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/pressly/goose/v3"

	"salesflow/migrations"
	"salesflow/store"
	"salesflow/store/storetest"
)

// TestAuditLegacyChainStillVerifies: events written before migration 00014
// as one global chain keep their hashes through it and still verify; a
// subject's first new event links to its last legacy event, and a changed
// legacy event is still found.
func TestAuditLegacyChainStillVerifies(t *testing.T) {
	ctx := context.Background()
	st := storetest.OpenEmpty(t)
	goose.SetBaseFS(migrations.FS)
	goose.SetLogger(goose.NopLogger())
	if err := goose.SetDialect("postgres"); err != nil {
		t.Fatal(err)
	}
	if err := goose.UpToContext(ctx, st.DB().DB, ".", 13); err != nil {
		t.Fatal(err)
	}
	writeLegacyChain(t, st, "a", "b", "a")
	var before []string
	if err := st.DB().SelectContext(ctx, &before, `SELECT hash FROM audit_events ORDER BY seq`); err != nil {
		t.Fatal(err)
	}
	if err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	var after []string
	if err := st.DB().SelectContext(ctx, &after, `SELECT hash FROM audit_events ORDER BY seq`); err != nil || len(after) != 3 {
		t.Fatal(err, after)
	}
	for i := range before {
		if before[i] != after[i] {
			t.Fatalf("the migration changed hash %d: %s -> %s", i+1, before[i], after[i])
		}
	}
	audited(t, st, "a", 1)
	audited(t, st, "c", 1)
	a, _, err := st.EventsFor(ctx, "test", "a", store.Page{})
	if err != nil || len(a) != 3 || a[2].PrevHash != a[1].Hash {
		t.Fatalf("a's first new event does not link to its last legacy one: %v %+v", err, a)
	}
	k := newAuditKeys(t)
	if r := k.verify(t, st, true); !r.Valid || r.Checked != 5 {
		t.Fatalf("full: %+v", r)
	}
	k.checkpoint(t, st)
	audited(t, st, "b", 1)
	if r := k.verify(t, st, false); !r.Valid || r.Checked != 1 {
		t.Fatalf("incremental: %+v", r)
	}
	tamper(t, st, `UPDATE audit_events SET action = 'user.deleted' WHERE seq = 2`)
	r := k.verify(t, st, true)
	wantBroken(t, r, store.ProblemHash, "b")
	if *r.BrokenAt != 2 {
		t.Fatalf("broken at %d, want 2", *r.BrokenAt)
	}
}

// writeLegacyChain writes one event for each subject as the code before
// migration 00014 did: one chain through all of them, by seq.
func writeLegacyChain(t *testing.T, st *store.Store, subjects ...string) {
	t.Helper()
	prev := "0000000000000000000000000000000000000000000000000000000000000000"
	at := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	for i, id := range subjects {
		e := store.Event{Key: fmt.Sprintf("legacy-%d", i), SubjectType: "test", SubjectID: id,
			Action: "test.legacy", Detail: json.RawMessage(`{}`), At: at.Add(time.Duration(i) * time.Second), PrevHash: prev}
		e.Hash = store.HashOf(e)
		const q = `INSERT INTO audit_events (event_key, subject_type, subject_id, action, detail, at, prev_hash, hash)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`
		if _, err := st.DB().ExecContext(context.Background(), q, e.Key, e.SubjectType, e.SubjectID,
			e.Action, string(e.Detail), e.At, e.PrevHash, e.Hash); err != nil {
			t.Fatal(err)
		}
		prev = e.Hash
	}
}
