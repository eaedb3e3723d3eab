package activities_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"salesflow/activities"
	"salesflow/policy"
	"salesflow/store/storetest"
)

// TestDailyDigest: on a working day each manager gets one digest of their
// team, counted by hand; a retry writes nothing twice; on a Saturday of
// the plain calendar nothing is sent (R4.3).
func TestDailyDigest(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	boss := mustUser(t, st, "boss", "")
	sales := mustUser(t, st, "sales", boss.ID)
	db := st.DB()
	for _, q := range []string{
		`INSERT INTO customers (id, name, normalised_name, channel, owner_id, class, collected_on, created_by)
		 VALUES ('c1', '华星', '华星', 'internet', $1, 'key', '2026-11-20', $1), ('c2', '远东', '远东', 'internet', $1, 'tracking', '2026-11-20', $1)`,
		`INSERT INTO visits (id, customer_id, owner_id, status, goals, planned_start, planned_return, workflow_id, report_due_at, reported_at)
		 VALUES ('v1', 'c1', $1, 'reported', 'g', '2026-11-23T09:00:00+08:00', '2026-11-23T11:00:00+08:00', 'w1', '2026-11-25T11:00:00+08:00', '2026-11-23T15:00:00+08:00'),
		        ('v2', 'c2', $1, 'returned', 'g', '2026-11-19T09:00:00+08:00', '2026-11-19T11:00:00+08:00', 'w2', '2026-11-23T11:00:00+08:00', NULL)`,
		`INSERT INTO visit_reports (visit_id, notes, met_name, met_title, is_decision_maker, author_id, created_at)
		 VALUES ('v1', 'n', '周总', '总监', true, $1, '2026-11-23T15:00:00+08:00')`,
		// c1: contacted on Monday (counted; it has no deadline); c2: its
		// first-contact week ran out on the 17th without contact, and it is
		// flagged difficult.
		`INSERT INTO customer_interactions (id, customer_id, kind, summary, occurred_on, actor_id, created_at)
		 VALUES ('i1', 'c1', 'phone', 's', '2026-11-23', $1, '2026-11-23T10:00:00+08:00'),
		        ('i0', 'c1', 'phone', 's', '2026-11-20', $1, '2026-11-20T10:00:00+08:00')`,
		`UPDATE customers SET owned_since = '2026-11-10T09:00:00+08:00', contact_due_at = '2026-11-17T09:00:00+08:00',
		 difficult = true WHERE id = 'c2' AND owner_id = $1`,
		`INSERT INTO guidance_notes (id, salesperson_id, manager_id, note, created_at)
		 SELECT 'g1', $1, manager_id, '先跟进华星', '2026-11-23T18:00:00+08:00' FROM users WHERE id = $1`,
	} {
		if _, err := db.Exec(q, sales.ID); err != nil {
			t.Fatal(err)
		}
	}
	acts := activities.New(st)
	tuesday := time.Date(2026, 11, 24, 9, 0, 0, 0, policy.Shanghai)
	for range 2 {
		res, err := acts.SendDailyDigests(ctx, tuesday)
		if err != nil || !res.WorkingDay || len(res.IDs) != 1 {
			t.Fatalf("one digest on a working day: %+v %v", res, err)
		}
	}
	list, _, err := st.NotificationsFor(ctx, boss.ID, false, storePage())
	if err != nil || len(list) != 1 {
		t.Fatalf("the manager has one digest: %v %v", list, err)
	}
	for _, want := range []string{"sales：拜访报告 1，重点客户 1，逾期报告 1，未返回 0，难点客户 1，客户联系 1，逾期未联系 1，指导 1 /",
		"/ reports 1, key customers 1, late reports 1, still out 0, difficult customers 1, contacts 1, missed contact deadlines 1, guidance notes 1\n"} {
		if !strings.Contains(list[0].Body, want) {
			t.Fatalf("digest body %q lacks %q", list[0].Body, want)
		}
	}
	saturday := time.Date(2026, 11, 28, 9, 0, 0, 0, policy.Shanghai)
	if res, err := acts.SendDailyDigests(ctx, saturday); err != nil || res.WorkingDay || len(res.IDs) != 0 {
		t.Fatalf("nothing on a Saturday: %+v %v", res, err)
	}
}
