package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"

	"salesflow/store"
	"salesflow/store/storetest"
)

// TestContactDeadlineOutboxRows: an ownership is pending in the outbox
// (R2.5) from the statement that begins it until its start is marked —
// a recorded customer's first, a manual assignment's next (replacing the
// earlier one that never started) — and a pool lead or an overdue
// reassignment, whose workflow starts another way, never is. A mark of an
// older generation leaves the newer one pending, and the backlog counts
// exactly the pending ownerships.
func TestContactDeadlineOutboxRows(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	a, b := salesperson(t, st, "ob-a", "甲"), salesperson(t, st, "ob-b", "乙")
	record := func(name, owner, channel string) store.Customer {
		t.Helper()
		c, _, err := st.RecordCustomer(ctx, store.NewCustomer{Customer: store.Customer{ID: uuid.NewString(), Name: name,
			Channel: channel, OwnerID: owner, CollectedOn: "2026-11-25", CreatedBy: a.ID}, ContactDeadline: time.Hour})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	pending := func() []store.PendingDeadline {
		t.Helper()
		p, err := st.PendingContactDeadlines(ctx, 100)
		if err != nil {
			t.Fatal(err)
		}
		if n, err := st.ContactOutboxBacklog(ctx); err != nil || n != len(p) {
			t.Fatalf("backlog %d (%v), pending %d", n, err, len(p))
		}
		return p
	}
	want := func(what string, ps ...store.PendingDeadline) {
		t.Helper()
		if got := pending(); !slices.Equal(got, ps) {
			t.Fatalf("%s: pending %+v, want %+v", what, got, ps)
		}
	}
	assign := func(c store.Customer, owner, kind string) {
		t.Helper()
		if _, err := st.AssignCustomer(ctx, store.Assignment{CustomerID: c.ID, OwnerID: owner, Kind: kind,
			Reason: "test", ContactDeadline: time.Hour}, store.Step{Key: uuid.NewString(), ActorID: a.ID,
			Action: "customer.assigned"}, nil); err != nil {
			t.Fatal(err)
		}
	}

	owned := record("出口广告有限公司", a.ID, "internet")
	lead := record("展会线索有限公司", "", "marketing_event")
	want("a recorded customer's week; not a pool lead's", store.PendingDeadline{CustomerID: owned.ID, OwnerID: a.ID, Generation: 1})

	assign(owned, b.ID, store.OwnershipAssigned)
	assign(lead, a.ID, store.OwnershipAssigned)
	want("the next ownership replaces the unstarted one; an assigned lead waits",
		store.PendingDeadline{CustomerID: owned.ID, OwnerID: b.ID, Generation: 2},
		store.PendingDeadline{CustomerID: lead.ID, OwnerID: a.ID, Generation: 1})

	if err := st.MarkDeadlineStarted(ctx, owned.ID, 1); err != nil {
		t.Fatal(err)
	}
	if err := st.MarkDeadlineStarted(ctx, lead.ID, 1); err != nil {
		t.Fatal(err)
	}
	want("an older generation's mark leaves the newer pending",
		store.PendingDeadline{CustomerID: owned.ID, OwnerID: b.ID, Generation: 2})

	assign(owned, a.ID, store.OwnershipOverdue)
	want("an overdue reassignment's week is its workflow's child, not the outbox's")
	if err := st.MarkDeadlineStarted(ctx, owned.ID, 3); err != nil {
		t.Fatal(err)
	}
	want("nothing left")
}
