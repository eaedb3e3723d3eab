package store

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// InsertOnlyTables are the audit trail and the ledgers: rows that record
// what happened and must never change. Their append-only triggers refuse
// UPDATE and DELETE, but an owner can drop a trigger; the runtime role
// (GrantRuntime) owns nothing and may only insert into them and read them.
var InsertOnlyTables = []string{"audit_events", "audit_checkpoints", "audit_legacy_chain", "customer_class_events",
	"customer_ownership_events", "guidance_notes", "signatures", "contract_documents", "contract_paper_scans"}

// GrantRuntime gives role, the role the running system connects as, what
// it needs and no more: read and write every table but the insert-only
// ones, which it may only read and append to, and no say over the schema
// or the migration table. It runs after the migrations, as the owner, so
// tables a migration added are covered; run again, it changes nothing.
// Being no owner, role can neither disable a trigger nor alter a table:
// rewriting the audit trail needs the owner's credentials, which the
// running processes do not hold (issue 11).
func (s *Store) GrantRuntime(ctx context.Context, role string) error {
	r := pq.QuoteIdentifier(role)
	stmts := []string{
		`DO $$ BEGIN EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO ` + r + `', current_database()); END $$`,
		`GRANT USAGE ON SCHEMA public TO ` + r,
		`REVOKE CREATE ON SCHEMA public FROM ` + r,
		`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ` + r,
		`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ` + r,
		`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON goose_db_version FROM ` + r,
	}
	for _, t := range InsertOnlyTables {
		stmts = append(stmts, `REVOKE UPDATE, DELETE, TRUNCATE ON `+pq.QuoteIdentifier(t)+` FROM `+r)
	}
	return s.inTx(ctx, func(tx *sqlx.Tx) error {
		for _, q := range stmts {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("grant runtime role %s: %w", role, err)
			}
		}
		return nil
	})
}
