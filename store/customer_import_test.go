package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jmoiron/sqlx"

	"salesflow/store"
	"salesflow/store/storetest"
)

// TestImportCustomersAsASet: one set-based import records the new rows
// with their contacts, ownership and audit events (the trail still
// verifies), leaves each owned row's contact deadline in the outbox and a
// pool lead out of it (R2.4, R2.5); a row repeating the registry or an
// earlier row of the file names the first record (R2.2), a row repeating
// only a duplicate row's other key is new; the same rows again report
// the recorded ones recorded and write nothing twice.
func TestImportCustomersAsASet(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	u := salesperson(t, st, "imp", "导入者")
	old, err := st.CreateCustomer(ctx, store.Customer{ID: uuid.NewString(), Name: "老客户广告有限公司",
		Channel: "internet", OwnerID: u.ID, CollectedOn: "2026-11-20", CreatedBy: u.ID})
	if err != nil {
		t.Fatal(err)
	}
	row := func(name, phone, channel string, contacts ...store.Contact) store.NewCustomer {
		owner := u.ID
		if channel == "marketing_event" {
			owner = ""
		}
		return store.NewCustomer{Customer: store.Customer{ID: uuid.NewString(), Name: name, Channel: channel,
			OwnerID: owner, CollectedOn: "2026-11-25", CreatedBy: u.ID, Phone: phone},
			Contacts: contacts, ContactDeadline: 7 * 24 * time.Hour}
	}
	rows := []store.NewCustomer{
		row("星光传媒有限公司", "13900000001", "trade_show", store.Contact{Name: "张经理"}, store.Contact{Name: "李助理"}),
		row("老客户广告公司", "", "internet"),               // the registry's record
		row(" 星光传媒 ", "13900000002", "internet"),     // row 0 again
		row("月光商业管理有限公司", "13900000002", "internet"), // row 2's phone: row 2 was not recorded
		row("展会线索有限公司", "", "marketing_event"),       // the pool
		row("星光传媒北区有限公司", "", "internet"),            // like row 0
	}
	got, err := st.ImportCustomers(ctx, rows)
	if err != nil {
		t.Fatal(err)
	}
	created := func(i int) bool { return got[i].ID == rows[i].ID && got[i].Duplicate == nil }
	if !created(0) || !created(3) || !created(4) || !created(5) {
		t.Fatalf("rows 0, 3, 4, 5 recorded: %+v", got)
	}
	if d := got[1].Duplicate; d == nil || d.ExistingID != old.ID || d.OwnerName != "导入者" {
		t.Fatalf("row 1 repeats the registry: %+v", got[1])
	}
	if d := got[2].Duplicate; d == nil || d.ExistingID != rows[0].ID || d.OwnerName != "导入者" {
		t.Fatalf("row 2 repeats row 0: %+v", got[2])
	}
	if len(got[5].Warnings) != 1 || got[5].Warnings[0].ExistingID != rows[0].ID || len(got[0].Warnings) != 0 {
		t.Fatalf("row 5 is like row 0 (a later row warns no earlier one): %+v / %+v", got[5].Warnings, got[0].Warnings)
	}
	if cts, err := st.ContactsOf(ctx, rows[0].ID); err != nil || len(cts) != 2 || cts[0].Name != "张经理" {
		t.Fatalf("contacts in file order: %v %v", cts, err)
	}
	pending, err := st.PendingContactDeadlines(ctx, 100)
	if err != nil {
		t.Fatal(err)
	}
	waiting := map[string]bool{}
	for _, p := range pending {
		waiting[p.CustomerID] = true
	}
	if !waiting[rows[0].ID] || !waiting[rows[3].ID] || waiting[rows[4].ID] {
		t.Fatalf("owned rows wait for their deadline workflow, the pool lead does not: %v", pending)
	}
	if c, err := st.CustomerByID(ctx, rows[4].ID); err != nil || c.OwnerID != "" || c.ContactDueAt != nil {
		t.Fatalf("the pool lead: %+v %v", c, err)
	}
	for _, id := range []string{rows[0].ID, rows[4].ID} {
		if ev, _, err := st.EventsFor(ctx, "customer", id, store.Page{Limit: 10}); err != nil || len(ev) != 1 ||
			ev[0].Action != "customer.created" {
			t.Fatalf("one audit event for %s: %+v %v", id, ev, err)
		}
	}
	if r, err := st.VerifyAudit(ctx, nil, true); err != nil || !r.Valid {
		t.Fatalf("the trail verifies: %+v %v", r, err)
	}

	again, err := st.ImportCustomers(ctx, rows)
	if err != nil {
		t.Fatal(err)
	}
	for i := range rows {
		if again[i].ID != got[i].ID || (again[i].Duplicate == nil) != (got[i].Duplicate == nil) {
			t.Fatalf("row %d answers the same again: %+v, first %+v", i, again[i], got[i])
		}
	}
	if ev, _, err := st.EventsFor(ctx, "customer", rows[0].ID, store.Page{Limit: 10}); err != nil || len(ev) != 1 {
		t.Fatalf("nothing written twice: %d events, %v", len(ev), err)
	}
}

// TestImportCustomersLosesARace: a company recorded by another writer
// after the import probed the keys but before its insert (the unique index
// decides, R2.2) makes the row a duplicate naming that record, and a later
// row of the file repeating the row names it too; nothing fails.
func TestImportCustomersLosesARace(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	u := salesperson(t, st, "racer", "抢先者")
	// The other writer's record, inserted and not yet committed.
	other, err := st.DB().BeginTxx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Rollback()
	winner := uuid.NewString()
	if _, err := other.ExecContext(ctx, `INSERT INTO customers (id, name, channel, owner_id, collected_on, created_by,
		normalised_name) VALUES ($1, '竞速传媒', 'internet', $2, '2026-11-20', $2, $3)`,
		winner, u.ID, "竞速传媒"); err != nil {
		t.Fatal(err)
	}
	row := func(name string) store.NewCustomer {
		return store.NewCustomer{Customer: store.Customer{ID: uuid.NewString(), Name: name, Channel: "internet",
			OwnerID: u.ID, CollectedOn: "2026-11-25", CreatedBy: u.ID}, ContactDeadline: time.Hour}
	}
	rows := []store.NewCustomer{row("竞速传媒有限公司"), row("另一家广告有限公司"), row(" 竞速传媒 ")}
	r := importWhileHeld(t, st, other, rows)
	if r.err != nil {
		t.Fatal(r.err)
	}
	for _, i := range []int{0, 2} {
		if d := r.out[i].Duplicate; d == nil || d.ExistingID != winner || d.OwnerName != "抢先者" {
			t.Fatalf("row %d names the record that won: %+v", i, r.out[i])
		}
	}
	if r.out[1].ID != rows[1].ID {
		t.Fatalf("the other row is recorded: %+v", r.out[1])
	}
}

// TestImportedAuditChains: the customers of one import each start a chain
// of their own, hashed in one pass and COPYed in: the trail verifies in
// full and from a checkpoint sealed over them, and a changed or removed
// event of one of them is found and names that customer.
func TestImportedAuditChains(t *testing.T) {
	for _, tc := range []struct{ name, problem, sql string }{
		{"changed", store.ProblemHash, `UPDATE audit_events SET detail = '{"name":"别的公司"}' WHERE subject_id = '%s'`},
		{"removed", store.ProblemHead, `DELETE FROM audit_events WHERE subject_id = '%s'`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st, k := storetest.Open(t), newAuditKeys(t)
			ctx := context.Background()
			u := salesperson(t, st, "imp", "导入者")
			var rows []store.NewCustomer
			for _, name := range []string{"甲广告有限公司", "乙传媒有限公司", "丙商业管理有限公司"} {
				rows = append(rows, store.NewCustomer{Customer: store.Customer{ID: uuid.NewString(), Name: name,
					Channel: "internet", OwnerID: u.ID, CollectedOn: "2026-11-25", CreatedBy: u.ID},
					ContactDeadline: time.Hour})
			}
			if _, err := st.ImportCustomers(ctx, rows); err != nil {
				t.Fatal(err)
			}
			if r := k.verify(t, st, true); !r.Valid {
				t.Fatalf("the imported chains verify in full: %+v", r)
			}
			k.checkpoint(t, st)
			if r := k.verify(t, st, false); !r.Valid {
				t.Fatalf("and from the checkpoint over them: %+v", r)
			}
			tamper(t, st, fmt.Sprintf(tc.sql, rows[1].ID))
			wantBroken(t, k.verify(t, st, true), tc.problem, rows[1].ID)
		})
	}
}

// TestImportCustomersSentTwiceAtOnce: the same rows (the same IDs, from
// one file and key) recorded by another send that commits while the
// import waits at its insert are reported recorded, not duplicates of
// themselves.
func TestImportCustomersSentTwiceAtOnce(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	u := salesperson(t, st, "twice", "重发者")
	row := store.NewCustomer{Customer: store.Customer{ID: uuid.NewString(), Name: "重发传媒有限公司", Channel: "internet",
		OwnerID: u.ID, CollectedOn: "2026-11-25", CreatedBy: u.ID}, ContactDeadline: time.Hour}
	other, err := st.DB().BeginTxx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Rollback()
	if _, err := other.ExecContext(ctx, `INSERT INTO customers (id, name, channel, owner_id, collected_on, created_by,
		normalised_name) VALUES ($1, $2, 'internet', $3, '2026-11-25', $3, '重发传媒')`, row.ID, row.Name, u.ID); err != nil {
		t.Fatal(err)
	}
	r := importWhileHeld(t, st, other, []store.NewCustomer{row})
	if r.err != nil || r.out[0].ID != row.ID || r.out[0].Duplicate != nil {
		t.Fatalf("recorded by the other send: %+v %v", r.out, r.err)
	}
}

type importResult struct {
	out []store.ImportOutcome
	err error
}

// importWhileHeld imports rows while other holds a row they collide with,
// and commits other once the import waits for it at its insert.
func importWhileHeld(t *testing.T, st *store.Store, other *sqlx.Tx, rows []store.NewCustomer) importResult {
	t.Helper()
	ctx := context.Background()
	done := make(chan importResult, 1)
	go func() {
		out, err := st.ImportCustomers(ctx, rows)
		done <- importResult{out, err}
	}()
	for {
		var waiting int
		if err := st.DB().GetContext(ctx, &waiting, `SELECT count(*) FROM pg_stat_activity
			WHERE datname = current_database() AND wait_event_type = 'Lock'`); err != nil {
			t.Fatal(err)
		}
		if waiting > 0 {
			break
		}
		select {
		case r := <-done:
			t.Fatalf("the import finished without waiting for the other record: %+v %v", r.out, r.err)
		case <-time.After(10 * time.Millisecond):
		}
	}
	if err := other.Commit(); err != nil {
		t.Fatal(err)
	}
	return <-done
}
