package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/uuid"

	"salesflow/store"
	"salesflow/store/storetest"
)

// TestRecordCustomerInOneStatement: a recorded customer answers as stored
// (its owner's name, its R2.5 deadline) and has, written with it, its
// contacts in the order given, its first ownership event and the first
// event of its own audit chain, which verifies; a pool lead has no
// ownership event (R2.4); the same record sent again answers the same and
// writes nothing twice; a name like it is recorded with it as a warning;
// another spelling of it is refused naming the first record (R2.2).
func TestRecordCustomerInOneStatement(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	u := salesperson(t, st, "rec", "录入者")
	n := store.NewCustomer{Customer: store.Customer{ID: uuid.NewString(), Name: "晨曦广告有限公司", Channel: "internet",
		OwnerID: u.ID, CollectedOn: "2026-11-25", CreatedBy: u.ID, Phone: "139 0000 0009"},
		Contacts:        []store.Contact{{Name: "王总", IsDecisionMaker: true}, {Name: "赵助理", Email: "z@example.com"}},
		ContactDeadline: 7 * 24 * time.Hour}
	c, _, err := st.RecordCustomer(ctx, n)
	if err != nil {
		t.Fatal(err)
	}
	if c.ID != n.ID || c.OwnerName != "录入者" || c.OwnerGeneration != 1 || c.ContactDueAt == nil ||
		c.OwnedSince == nil || c.ContactDueAt.Sub(*c.OwnedSince) != n.ContactDeadline || c.Class != "tracking" {
		t.Fatalf("answered as stored: %+v", c)
	}
	if stored, err := st.CustomerByID(ctx, c.ID); err != nil || stored.UpdatedAt != c.UpdatedAt || stored.EnteredAt != c.EnteredAt {
		t.Fatalf("the answer is the stored row: %+v %v", stored, err)
	}
	if cts, err := st.ContactsOf(ctx, c.ID); err != nil || len(cts) != 2 || cts[0].Name != "王总" ||
		!cts[0].IsDecisionMaker || cts[1].Email != "z@example.com" {
		t.Fatalf("contacts in order: %+v %v", cts, err)
	}
	if own, err := st.OwnershipHistory(ctx, c.ID); err != nil || len(own) != 1 || own[0].Kind != "collected" ||
		own[0].OwnerID == nil || *own[0].OwnerID != u.ID {
		t.Fatalf("one ownership event: %+v %v", own, err)
	}
	again, _, err := st.RecordCustomer(ctx, n)
	if err != nil || again.ID != c.ID {
		t.Fatalf("sent again: %+v %v", again, err)
	}
	if ev, _, err := st.EventsFor(ctx, "customer", c.ID, store.Page{Limit: 10}); err != nil || len(ev) != 1 ||
		ev[0].Action != "customer.created" || ev[0].ActorID != u.ID {
		t.Fatalf("one audit event: %+v %v", ev, err)
	}
	pool := store.NewCustomer{Customer: store.Customer{ID: uuid.NewString(), Name: "展会线索传媒", Channel: "marketing_event",
		CollectedOn: "2026-11-25", CreatedBy: u.ID}, ContactDeadline: time.Hour}
	p, _, err := st.RecordCustomer(ctx, pool)
	if err != nil || p.OwnerID != "" || p.ContactDueAt != nil {
		t.Fatalf("the pool lead: %+v %v", p, err)
	}
	if own, err := st.OwnershipHistory(ctx, p.ID); err != nil || len(own) != 0 {
		t.Fatalf("a pool lead has no owner yet: %+v %v", own, err)
	}
	like := store.NewCustomer{Customer: store.Customer{ID: uuid.NewString(), Name: "晨曦广告北区有限公司", Channel: "internet",
		OwnerID: u.ID, CollectedOn: "2026-11-25", CreatedBy: u.ID}, ContactDeadline: time.Hour}
	if _, warned, err := st.RecordCustomer(ctx, like); err != nil || len(warned) != 1 || warned[0].ExistingID != c.ID ||
		warned[0].OwnerName != "录入者" {
		t.Fatalf("a name like the first is recorded and warned of it: %+v %v", warned, err)
	}
	if r, err := st.VerifyAudit(ctx, nil, true); err != nil || !r.Valid || r.Checked < 2 {
		t.Fatalf("the trail verifies: %+v %v", r, err)
	}
	other := n
	other.ID, other.Name, other.Contacts = uuid.NewString(), " 晨曦广告 ", nil
	var dup *store.DuplicateCustomerError
	if _, _, err := st.RecordCustomer(ctx, other); !errors.As(err, &dup) || dup.ExistingID != c.ID || dup.OwnerName != "录入者" {
		t.Fatalf("another spelling is refused naming the first record: %v", err)
	}
}

// salesperson adds a salesperson named name to st.
func salesperson(t *testing.T, st *store.Store, username, name string) store.User {
	t.Helper()
	u, err := st.CreateUser(context.Background(), store.User{ID: uuid.NewString(), Username: username, Name: name,
		PasswordHash: "x", Roles: []string{"salesperson"}})
	if err != nil {
		t.Fatal(err)
	}
	return u
}
