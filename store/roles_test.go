package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/lib/pq"

	"salesflow/store"
	"salesflow/store/storetest"
)

// TestRuntimeRoleCannotRewriteTheAudit: the role the running system uses
// writes audited steps, but cannot change, delete or truncate the audit
// trail or a ledger, cannot disable or drop their triggers and cannot touch
// the migrations' record — only the owner, whose credentials the running
// processes do not hold, could (issue 11, point 14).
func TestRuntimeRoleCannotRewriteTheAudit(t *testing.T) {
	if !storetest.Enabled() {
		t.Skip("integration test: run through `make test` (needs PostgreSQL)")
	}
	ctx := context.Background()
	dbURL, drop, err := storetest.NewDatabase(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(drop)
	owner, err := store.Open(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer owner.Close()
	if err := owner.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := owner.GrantRuntime(ctx, storetest.RuntimeRole); err != nil {
		t.Fatalf("%v (scripts/postgres.sh creates the role %s)", err, storetest.RuntimeRole)
	}
	runtimeURL, err := storetest.RuntimeURL(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	rt, err := store.Open(ctx, runtimeURL)
	if err != nil {
		t.Fatalf("connect as %s: %v", storetest.RuntimeRole, err)
	}
	defer rt.Close()

	// What the running system does still works: an audited step.
	admin, err := rt.CreateUser(ctx, store.User{ID: "u-admin", Username: "admin", Name: "管理员",
		PasswordHash: "x", Roles: []string{"admin"}})
	if err != nil {
		t.Fatalf("a write as the runtime role: %v", err)
	}
	o := store.CalendarOverride{Day: "2026-12-05", Working: true, Note: "调休", CreatedBy: admin.ID}
	if _, err := rt.PutCalendarOverride(ctx, o, "runtime-role-test"); err != nil {
		t.Fatalf("an audited write as the runtime role: %v", err)
	}
	for _, q := range []string{
		`UPDATE audit_events SET action = 'rewritten'`,
		`DELETE FROM audit_events`,
		`TRUNCATE audit_events`,
		`ALTER TABLE audit_events DISABLE TRIGGER USER`,
		`DROP TRIGGER audit_events_no_update ON audit_events`,
		`UPDATE customer_class_events SET reason = 'x'`,
		`DELETE FROM signatures`,
		`UPDATE contract_documents SET sha256 = 'x'`,
		`INSERT INTO goose_db_version (version_id, is_applied) VALUES (99999, true)`,
		`CREATE TABLE shadow (id int)`,
	} {
		_, err := rt.DB().ExecContext(ctx, q)
		var pqErr *pq.Error
		if !errors.As(err, &pqErr) || pqErr.Code != "42501" {
			t.Errorf("as the runtime role %q: %v, want permission denied (42501)", q, err)
		}
	}
	if err := owner.GrantRuntime(ctx, storetest.RuntimeRole); err != nil {
		t.Fatalf("granting again changes nothing: %v", err)
	}
}
