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

// TestIdempotencyClaimCommitsAsynchronously: the claim's statement turns
// synchronous_commit off for its own transaction (its durability comes
// with the request's write, store/idempotency.go), and only for it: the
// connection's next transaction commits synchronously again.
func TestIdempotencyClaimCommitsAsynchronously(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	u := salesperson(t, st, "idem-b", "乙")
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
	var claimed []bool
	sum := sha256.Sum256([]byte("body"))
	if err := tx.SelectContext(ctx, &claimed, store.ClaimQuery, u.ID, "k-async", "POST /x", sum[:]); err != nil || len(claimed) != 1 {
		t.Fatalf("claim: %v %v", claimed, err)
	}
	var during, after string
	if err := tx.GetContext(ctx, &during, `SHOW synchronous_commit`); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := conn.GetContext(ctx, &after, `SHOW synchronous_commit`); err != nil {
		t.Fatal(err)
	}
	if during != "off" || after != "on" {
		t.Fatalf("synchronous_commit %q in the claim's transaction, %q after it; want off, then on", during, after)
	}
}
