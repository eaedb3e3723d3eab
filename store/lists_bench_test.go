package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"salesflow/store"
	"salesflow/store/storetest"
)

// listsData fills a fresh database at the sizes of issue 12: 200,000
// customers and 200,000 proposals over 50 salespeople, 100,000 open review
// tasks (nine in ten offered to the reviewer role, one in ten to a
// salesperson), and 200,000 logged interactions. Timestamps repeat (three
// rows a second) as rows written in one transaction do. The tables are
// vacuumed and analysed after the load.
const listsData = `
INSERT INTO users (id, username, name, password_hash, roles)
VALUES ('bm', 'bm', 'manager', 'x', '{sales_manager}'), ('br', 'br', 'reviewer', 'x', '{reviewer}');
INSERT INTO users (id, username, name, password_hash, roles, manager_id)
SELECT 'bs' || i, 'bs' || i, 'sales ' || i, 'x', '{salesperson}', 'bm' FROM generate_series(1, 50) i;
INSERT INTO customers (id, name, channel, owner_id, class, collected_on, created_by, normalised_name,
	owned_since, contact_due_at, entered_at)
SELECT 'c' || i, 'customer ' || i, 'internet', 'bs' || (i % 50 + 1),
	(ARRAY['signed','intent_signed','key','progressing','potential','tracking'])[i % 6 + 1],
	current_date, 'bs' || (i % 50 + 1), 'customer' || i,
	now() - interval '10 days', now() - interval '3 days' + (i % 7) * interval '1 day', now() - (i / 3) * interval '1 second'
FROM generate_series(1, 200000) i;
INSERT INTO proposals (id, customer_id, owner_id, status, version, workflow_id, created_at, updated_at)
SELECT 'p' || i, 'c' || i, 'bs' || (i % 50 + 1), 'in_review', 1, 'wf-p' || i,
	now() - (i / 3) * interval '1 second', now()
FROM generate_series(1, 200000) i;
INSERT INTO tasks (id, kind, subject_type, subject_id, subject_version, workflow_id, author_id,
	assignee_role, assignee_user_id, status, created_at)
SELECT 't' || i, 'proposal_review', 'proposal', 'p' || i, 1, 'wf-p' || i, 'bs' || (i % 50 + 1),
	CASE WHEN i % 10 <> 0 THEN 'reviewer' END, CASE WHEN i % 10 = 0 THEN 'bs' || ((i + 1) % 50 + 1) END,
	'open', now() - (i / 3) * interval '1 second'
FROM generate_series(1, 100000) i;
INSERT INTO customer_interactions (id, customer_id, kind, summary, occurred_on, actor_id, created_at)
SELECT 'i' || i, 'c' || i, 'phone', 'called', current_date, 'bs' || (i % 50 + 1), now() - (i / 3) * interval '1 second'
FROM generate_series(1, 200000) i;
`

// BenchmarkLists times the inbox, the proposal list, the digest and the
// reports at that size and reports each one's p99:
//
//	SALESFLOW_TEST_INTEGRATION=1 go test -run '^$' -bench Lists -benchtime 50x ./store/
func BenchmarkLists(b *testing.B) {
	st := storetest.Open(b)
	ctx := context.Background()
	if _, err := st.DB().ExecContext(ctx, listsData); err != nil {
		b.Fatal(err)
	}
	// What autovacuum does to a live registry: the statistics, and the
	// visibility map and the dead index entries of the bulk load (each
	// first contact moves a customer out of the partial index of pending
	// contacts, migrations/00022). VACUUM cannot run in the load's
	// transaction.
	if _, err := st.DB().ExecContext(ctx, `VACUUM ANALYZE`); err != nil {
		b.Fatal(err)
	}
	now := time.Now()
	from := now.AddDate(0, 0, -7)
	var sales []string
	for i := 1; i <= 50; i++ {
		sales = append(sales, fmt.Sprint("bs", i))
	}
	cases := []struct {
		name string
		run  func() error
	}{
		{"inbox/reviewer", func() error {
			_, _, err := st.TasksFor(ctx, store.TaskViewer{UserID: "br", Roles: []string{"reviewer"}}, "open", store.Page{})
			return err
		}},
		{"inbox/own", func() error {
			_, _, err := st.TasksFor(ctx, store.TaskViewer{UserID: "bs7", Roles: []string{"salesperson"}}, "open", store.Page{})
			return err
		}},
		{"proposals/all", func() error {
			_, _, err := st.ListProposals(ctx, store.ProposalFilter{})
			return err
		}},
		{"proposals/owner", func() error {
			_, _, err := st.ListProposals(ctx, store.ProposalFilter{OwnerIDs: []string{"bs7"}})
			return err
		}},
		{"digest", func() error { _, err := st.DigestLines(ctx, now.AddDate(0, 0, -1), now); return err }},
		{"reports/entries", func() error { _, err := st.EntryCountsBetween(ctx, sales, from, now); return err }},
		{"reports/visits", func() error { _, err := st.VisitCountsBetween(ctx, sales, from, now, now); return err }},
		{"reports/classes", func() error { _, err := st.ClassCounts(ctx, sales); return err }},
		{"reports/missed", func() error { _, err := st.MissedContactsBetween(ctx, sales, from, now); return err }},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			var took []time.Duration
			for range b.N {
				start := time.Now()
				if err := c.run(); err != nil {
					b.Fatal(err)
				}
				took = append(took, time.Since(start))
			}
			slices.Sort(took)
			p99 := took[max(0, (len(took)*99+99)/100-1)]
			b.ReportMetric(float64(p99.Microseconds())/1000, "p99-ms")
		})
	}
}
