package store_test

import (
	"context"
	"crypto/sha256"
	"errors"
	"testing"

	"salesflow/store"
	"salesflow/store/storetest"
)

// TestIdempotencyClaims: a key is claimed once per user, method and path;
// the same body again is a retry (not fresh), another body is refused,
// and a released claim can be made again.
func TestIdempotencyClaims(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	u := salesperson(t, st, "idem-a", "甲")
	claim := func(hash byte) store.IdempotencyClaim {
		sum := sha256.Sum256([]byte{hash})
		return store.IdempotencyClaim{UserID: u.ID, Key: "k-1", Scope: "POST /api/v1/customers", RequestHash: sum[:]}
	}
	if fresh, err := st.ClaimIdempotencyKey(ctx, claim(1)); err != nil || !fresh {
		t.Fatalf("first claim: fresh %v, %v", fresh, err)
	}
	if fresh, err := st.ClaimIdempotencyKey(ctx, claim(1)); err != nil || fresh {
		t.Fatalf("the same request again: fresh %v, %v; want a retry", fresh, err)
	}
	if _, err := st.ClaimIdempotencyKey(ctx, claim(2)); !errors.Is(err, store.ErrIdempotencyMismatch) {
		t.Fatalf("another body with the key: %v, want ErrIdempotencyMismatch", err)
	}
	if err := st.ReleaseIdempotencyKey(ctx, claim(1)); err != nil {
		t.Fatal(err)
	}
	if fresh, err := st.ClaimIdempotencyKey(ctx, claim(2)); err != nil || !fresh {
		t.Fatalf("the corrected request after a release: fresh %v, %v", fresh, err)
	}
}

// TestAsyncCommitStatements: the idempotency claim and the outbox's
// started mark turn synchronous_commit off for their own transaction
// (asyncCommit; why each may, at each statement), and only for it: the
// connection's next transaction commits synchronously again.
func TestAsyncCommitStatements(t *testing.T) {
	st := storetest.Open(t)
	u := salesperson(t, st, "idem-b", "乙")
	sum := sha256.Sum256([]byte("body"))
	for _, c := range []struct {
		name, query string
		args        []any
	}{
		{"claim", store.ClaimQuery, []any{u.ID, "k-async", "POST /x", sum[:]}},
		{"deadline started", store.MarkStartedQuery, []any{"no-such-customer", 1}},
	} {
		during, after := syncCommitAround(t, st, c.query, c.args...)
		if during != "off" || after != "on" {
			t.Errorf("%s: synchronous_commit %q in its transaction, %q after it; want off, then on", c.name, during, after)
		}
	}
}

// syncCommitAround runs query in a transaction of one connection and
// answers synchronous_commit in that transaction and in the next.
func syncCommitAround(t *testing.T, st *store.Store, query string, args ...any) (during, after string) {
	t.Helper()
	ctx := context.Background()
	conn, err := st.DB().Connx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	tx, err := conn.BeginTxx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback() // a failed check must not leave conn.Close waiting
	if _, err := tx.ExecContext(ctx, query, args...); err != nil {
		t.Fatal(err)
	}
	if err := tx.GetContext(ctx, &during, `SHOW synchronous_commit`); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := conn.GetContext(ctx, &after, `SHOW synchronous_commit`); err != nil {
		t.Fatal(err)
	}
	return during, after
}
