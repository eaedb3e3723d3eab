package store_test

import (
	"context"
	"testing"
	"time"

	"salesflow/store/storetest"
)

// TestDigestMissedContacts: a first-contact deadline (R2.5) is missed when
// it has passed with no interaction since the current owner took the
// customer — one logged for an earlier owner does not count, one logged
// since does, a deadline still ahead is not missed, and a pool lead has
// none.
func TestDigestMissedContacts(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	db := st.DB()
	for _, q := range []string{
		`INSERT INTO users (id, username, name, password_hash, roles) VALUES ('m', 'mgr1', 'manager', 'x', '{sales_manager}')`,
		`INSERT INTO users (id, username, name, password_hash, roles, manager_id) VALUES ('s', 'sales1', 'sales', 'x', '{salesperson}', 'm')`,
		`INSERT INTO customers (id, name, normalised_name, channel, owner_id, collected_on, created_by, owned_since, contact_due_at)
		 VALUES ('before', 'A', 'a', 'internet', 's', '2026-11-01', 's', now() - interval '10 days', now() - interval '3 days'),
		        ('since', 'B', 'b', 'internet', 's', '2026-11-01', 's', now() - interval '10 days', now() - interval '3 days'),
		        ('ahead', 'C', 'c', 'internet', 's', '2026-11-01', 's', now() - interval '1 day', now() + interval '6 days'),
		        ('none', 'D', 'd', 'internet', 's', '2026-11-01', 's', now() - interval '10 days', now() - interval '3 days'),
		        ('pool', 'E', 'e', 'internet', NULL, '2026-11-01', 's', NULL, NULL)`,
		`INSERT INTO customer_interactions (id, customer_id, kind, summary, occurred_on, actor_id, created_at)
		 VALUES ('i1', 'before', 'phone', 's', '2026-11-01', 's', now() - interval '12 days'),
		        ('i2', 'since', 'phone', 's', '2026-11-01', 's', now() - interval '12 days'),
		        ('i3', 'since', 'phone', 's', '2026-11-01', 's', now() - interval '2 days'),
		        ('i4', 'since', 'phone', 's', '2026-11-01', 's', now() - interval '11 days'),
		        ('i5', 'pool', 'phone', 's', '2026-11-01', 's', now())`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	lines, err := st.DigestLines(ctx, time.Now().AddDate(0, 0, -1), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 1 || lines[0].MissedContacts != 2 || lines[0].Interactions != 1 {
		t.Fatalf("missed: 'before' and 'none' (want 2, and 1 interaction yesterday): %+v", lines)
	}
}
