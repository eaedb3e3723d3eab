package store_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"strings"
	"testing"
	"time"

	"salesflow/signing"
	"salesflow/store"
	"salesflow/store/storetest"
)

// auditKeys is the worker's key sealing checkpoints and the API's keyring.
type auditKeys struct {
	key     ed25519.PrivateKey
	trusted signing.Keyring
}

func newAuditKeys(t *testing.T) auditKeys {
	t.Helper()
	pub, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return auditKeys{key: key, trusted: signing.NewKeyring(pub)}
}

func (k auditKeys) seal(msg []byte) (string, string) { return signing.SealMessage(k.key, msg) }

// checkpoint seals a checkpoint and fails t unless one was written.
func (k auditKeys) checkpoint(t *testing.T, st *store.Store) store.Checkpoint {
	t.Helper()
	res, err := st.WriteCheckpoint(context.Background(), k.seal, k.trusted.VerifyMessage)
	if err != nil || res.Checkpoint == nil {
		t.Fatalf("checkpoint: %v %+v", err, res.Report)
	}
	return *res.Checkpoint
}

// verify runs a verification and fails t on an error.
func (k auditKeys) verify(t *testing.T, st *store.Store, full bool) store.ChainReport {
	t.Helper()
	r, err := st.VerifyAudit(context.Background(), k.trusted.VerifyMessage, full)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// audited writes n steps on subject ("test", id).
func audited(t *testing.T, st *store.Store, id string, n int) {
	t.Helper()
	for i := range n {
		if err := st.AuditedStep(context.Background(), "test", id, fmt.Sprintf("%s-%d-%d", id, i, time.Now().UnixNano())); err != nil {
			t.Fatal(err)
		}
	}
}

// tamper runs statements past the append-only triggers, as the tables'
// owner can.
func tamper(t *testing.T, st *store.Store, stmts ...string) {
	t.Helper()
	tables := []string{"audit_events", "audit_heads", "audit_sealed_heads", "audit_checkpoints"}
	for _, tb := range tables {
		stmts = append([]string{`ALTER TABLE ` + tb + ` DISABLE TRIGGER USER`}, stmts...)
		stmts = append(stmts, `ALTER TABLE `+tb+` ENABLE TRIGGER USER`)
	}
	for _, q := range stmts {
		if _, err := st.DB().ExecContext(context.Background(), q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// wantBroken fails t unless r is invalid with problem, naming subject id
// when id is not empty.
func wantBroken(t *testing.T, r store.ChainReport, problem, id string) {
	t.Helper()
	if r.Valid || r.Problem != problem || (id != "" && (r.Subject == nil || r.Subject.ID != id)) {
		t.Fatalf("want %s naming %q, got %+v (subject %+v)", problem, id, r, r.Subject)
	}
}

// TestAuditWritersOnDifferentSubjectsDoNotWait: while one transaction holds
// subject x (its event written, not committed), writes on subjects y and
// z commit; a second write on x waits for the first and then chains to it.
// With one global chain lock, y and z waited for x's COMMIT.
func TestAuditWritersOnDifferentSubjectsDoNotWait(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	commitX, err := st.HoldAuditedStep(ctx, "test", "x", "x-1")
	if err != nil {
		t.Fatal(err)
	}
	others, cancel := context.WithTimeout(ctx, 15*time.Second) // a failure detector, not a timing claim
	defer cancel()
	for _, id := range []string{"y", "z"} {
		if err := st.AuditedStep(others, "test", id, id+"-1"); err != nil {
			t.Fatalf("write on %s while x is held: %v", id, err)
		}
	}
	second := make(chan error, 1)
	go func() { second <- st.AuditedStep(ctx, "test", "x", "x-2") }()
	waitForLockWait(t, st)
	select {
	case err := <-second:
		t.Fatalf("the second write on x did not wait for the first: %v", err)
	default:
	}
	if err := commitX(); err != nil {
		t.Fatal(err)
	}
	if err := <-second; err != nil {
		t.Fatal(err)
	}
	events, _, err := st.EventsFor(ctx, "test", "x", store.Page{})
	if err != nil || len(events) != 2 || events[1].PrevHash != events[0].Hash {
		t.Fatalf("x's chain: %v %+v", err, events)
	}
	if r := newAuditKeys(t).verify(t, st, true); !r.Valid || r.Checked != 4 {
		t.Fatalf("trail: %+v", r)
	}
}

// waitForLockWait waits until a backend of st's database waits on a lock.
func waitForLockWait(t *testing.T, st *store.Store) {
	t.Helper()
	const q = `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		var n int
		if err := st.DB().GetContext(context.Background(), &n, q); err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			return
		}
	}
	t.Fatal("the second write on x never waited for a lock")
}

// TestAuditCheckpointDetectsRewrittenChain: somebody past the triggers
// rewrites subject a's events and recomputes the chain's hashes and its
// head consistently; every event then verifies against its neighbours,
// but the head the checkpoint sealed is no longer in a's chain.
func TestAuditCheckpointDetectsRewrittenChain(t *testing.T) {
	st, k := storetest.Open(t), newAuditKeys(t)
	audited(t, st, "a", 3)
	audited(t, st, "b", 2)
	cp := k.checkpoint(t, st)
	if cp.Heads != 2 {
		t.Fatalf("checkpoint: %+v", cp)
	}
	if r := k.verify(t, st, false); !r.Valid || r.Full || r.Checkpoint == nil || r.HeadsChecked != 2 {
		t.Fatalf("before the rewrite: %+v", r)
	}
	events, _, err := st.EventsFor(context.Background(), "test", "a", store.Page{})
	if err != nil {
		t.Fatal(err)
	}
	var stmts []string
	prev := events[0].PrevHash
	for i, e := range events {
		if i == 0 {
			e.Action = "user.deleted"
		}
		e.PrevHash = prev
		e.Hash = store.HashOf(e)
		prev = e.Hash
		stmts = append(stmts, fmt.Sprintf(`UPDATE audit_events SET action = '%s', prev_hash = '%s', hash = '%s' WHERE seq = %d`,
			e.Action, e.PrevHash, e.Hash, e.Seq))
	}
	stmts = append(stmts, fmt.Sprintf(`UPDATE audit_heads SET head_hash = '%s' WHERE subject_id = 'a'`, prev))
	tamper(t, st, stmts...)
	for _, full := range []bool{false, true} {
		wantBroken(t, k.verify(t, st, full), store.ProblemSealedHead, "a")
	}
}

// TestAuditCheckpointFindsRemovedNewestEvent: the newest event of a
// subject is removed after a checkpoint, and its head moved back to the
// event before, so the chain itself is consistent.
func TestAuditCheckpointFindsRemovedNewestEvent(t *testing.T) {
	st, k := storetest.Open(t), newAuditKeys(t)
	audited(t, st, "a", 3)
	audited(t, st, "b", 1)
	k.checkpoint(t, st)
	tamper(t, st, `DELETE FROM audit_events WHERE seq = 3`,
		`UPDATE audit_heads h SET head_seq = e.seq, head_hash = e.hash FROM audit_events e WHERE e.seq = 2 AND h.subject_id = 'a'`)
	for _, full := range []bool{false, true} {
		wantBroken(t, k.verify(t, st, full), store.ProblemSealedHead, "a")
	}
}

// TestAuditTamperingAfterCheckpoint: a changed, removed or inserted event
// after the newest checkpoint is found by the incremental verification,
// which re-hashes those events only.
func TestAuditTamperingAfterCheckpoint(t *testing.T) {
	for _, tc := range []struct{ name, problem, sql string }{
		{"changed", store.ProblemHash, `UPDATE audit_events SET action = 'user.deleted' WHERE seq = 4`},
		{"removed", store.ProblemLink, `DELETE FROM audit_events WHERE seq = 3`},
		{"removed newest", store.ProblemHead, `DELETE FROM audit_events WHERE seq = 5`},
		{"inserted", store.ProblemHash, `INSERT INTO audit_events (event_key, subject_type, subject_id, action, detail, at, prev_hash, hash)
			SELECT 'forged', subject_type, subject_id, 'user.created', '{}', now(), hash, repeat('0', 64)
			FROM audit_events ORDER BY seq DESC LIMIT 1`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st, k := storetest.Open(t), newAuditKeys(t)
			audited(t, st, "a", 2)
			k.checkpoint(t, st)
			audited(t, st, "a", 2) // seq 3, 4
			audited(t, st, "b", 1) // seq 5
			if r := k.verify(t, st, false); !r.Valid || r.Checked != 3 {
				t.Fatalf("untouched: %+v", r)
			}
			tamper(t, st, tc.sql)
			r := k.verify(t, st, false)
			wantBroken(t, r, tc.problem, "")
			if r.BrokenAt == nil {
				t.Fatalf("no broken_at: %+v", r)
			}
		})
	}
}

// TestAuditCheckpointSeal: a checkpoint whose row was changed, or whose
// key is not trusted, does not verify; nor does the worker seal on it.
func TestAuditCheckpointSeal(t *testing.T) {
	st, k := storetest.Open(t), newAuditKeys(t)
	audited(t, st, "a", 2)
	k.checkpoint(t, st)
	if r := k.verify(t, st, false); !r.Valid {
		t.Fatalf("sealed: %+v", r)
	}
	stranger := newAuditKeys(t)
	if r := stranger.verify(t, st, false); r.Problem != store.ProblemCheckpointSeal {
		t.Fatalf("an untrusted key's seal: %+v", r)
	}
	tamper(t, st, `UPDATE audit_checkpoints SET through_seq = through_seq + 1`)
	wantBroken(t, k.verify(t, st, false), store.ProblemCheckpointSeal, "")
	audited(t, st, "a", 1)
	res, err := st.WriteCheckpoint(context.Background(), k.seal, k.trusted.VerifyMessage)
	if err != nil || res.Checkpoint != nil || res.Report.Problem != store.ProblemCheckpointSeal {
		t.Fatalf("sealed on a broken checkpoint: %v %+v", err, res)
	}
}

// TestAuditCheckpointOnlyWhenGrown: a second checkpoint with nothing new
// is not written; after a write it is, and verification starts from it.
func TestAuditCheckpointOnlyWhenGrown(t *testing.T) {
	st, k := storetest.Open(t), newAuditKeys(t)
	audited(t, st, "a", 2)
	first := k.checkpoint(t, st)
	res, err := st.WriteCheckpoint(context.Background(), k.seal, k.trusted.VerifyMessage)
	if err != nil || res.Checkpoint != nil || !res.Report.Valid {
		t.Fatalf("nothing new: %v %+v", err, res)
	}
	audited(t, st, "b", 1)
	second := k.checkpoint(t, st)
	if second.ID != first.ID+1 || second.Heads != 2 || second.ThroughSeq != 3 {
		t.Fatalf("second checkpoint: %+v after %+v", second, first)
	}
	if r := k.verify(t, st, false); !r.Valid || r.Checked != 0 || r.Checkpoint.ID != second.ID {
		t.Fatalf("from the second: %+v", r)
	}
}

// TestAuditEventHashMatchesGo: the SQL audit_event_hash, which chains
// events as they are written, gives eventHash's bytes for the same event:
// times with no fraction, with trailing zeros and with all six digits,
// Chinese text, empty actor and delegator, JSON detail as written.
func TestAuditEventHashMatchesGo(t *testing.T) {
	st := storetest.Open(t)
	times := []time.Time{
		time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2026, 12, 2, 18, 30, 10, 100_000_000, time.UTC),
		time.Date(2026, 12, 2, 18, 30, 10, 120_000_000, time.UTC),
		time.Date(2026, 12, 2, 10, 0, 0, 123_456_000, time.FixedZone("CST", 8*3600)),
		time.Date(2026, 6, 30, 23, 59, 59, 1_000, time.UTC),
	}
	events := []store.Event{
		{PrevHash: strings.Repeat("0", 64), Key: "proposal-1/decide:u:k", SubjectType: "proposal", SubjectID: "p-1",
			ActorID: "u-1", Action: "proposal.review_approved", Detail: []byte(`{"comment":"同意","version":2}`)},
		{PrevHash: strings.Repeat("ab", 32), Key: "k2", SubjectType: "contract", SubjectID: "合同-7",
			ActorID: "", OnBehalfOf: "", Action: "contract.signed", Detail: []byte(`{}`)},
		{PrevHash: strings.Repeat("f", 64), Key: "k3", SubjectType: "customer", SubjectID: "c",
			ActorID: "u-2", OnBehalfOf: "u-3", Action: "customer.reassigned", Detail: []byte(`{"why":"line\nbreak \u00e9"}`)},
	}
	for _, at := range times {
		for _, e := range events {
			e.At = at
			var got string
			err := st.DB().GetContext(context.Background(), &got, `SELECT audit_event_hash($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
				e.PrevHash, e.Key, e.SubjectType, e.SubjectID, e.ActorID, e.OnBehalfOf, e.Action, string(e.Detail), e.At)
			if err != nil {
				t.Fatal(err)
			}
			if want := store.HashOf(e); got != want {
				t.Errorf("%s at %s: SQL %s, Go %s", e.Key, at.Format(time.RFC3339Nano), got, want)
			}
		}
	}
}
