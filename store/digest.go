package store

import (
	"context"
	"time"
)

// DigestLine is one salesperson's part of their manager's daily digest
// (R4.3): yesterday's visit reports, contacts and guidance, key and
// difficult customers, and what is overdue.
type DigestLine struct {
	ManagerID      string `db:"manager_id"`
	UserID         string `db:"user_id"`
	Name           string `db:"name"`
	Reports        int    `db:"reports"`         // visit reports filed since `since`
	KeyCustomers   int    `db:"key_customers"`   // customers of class key (R4.1)
	LateReports    int    `db:"late_reports"`    // reports past due and not filed (R3.8)
	StillOut       int    `db:"still_out"`       // late returns not yet back (R3.6)
	Difficult      int    `db:"difficult"`       // customers flagged large or difficult (R3.4)
	Interactions   int    `db:"interactions"`    // contacts they logged since `since` (R1.5)
	MissedContacts int    `db:"missed_contacts"` // first-contact deadlines passed without contact (R2.5)
	Guidance       int    `db:"guidance"`        // guidance notes they got since `since` (R4.3)
}

// contactPending holds for an owned customer with no interaction logged
// since its current owner took it (R2.5): last_contact_at is the newest
// interaction's time, kept by a trigger (migrations/00022), and this is the
// predicate of the partial index customers_contact_pending_idx, which
// holds only such customers — the missed contacts cost what they count.
const contactPending = `c.owner_id IS NOT NULL AND NOT coalesce(c.last_contact_at >= c.owned_since, false)`

// DigestLines lists every salesperson with a manager and their figures,
// by manager and name. Each figure is one index range per salesperson.
func (s *Store) DigestLines(ctx context.Context, since, now time.Time) ([]DigestLine, error) {
	const q = `SELECT u.manager_id, u.id AS user_id, u.name,
		(SELECT count(*) FROM visit_reports r JOIN visits v ON v.id = r.visit_id
		 WHERE v.owner_id = u.id AND r.created_at >= $1 AND r.created_at < $2) AS reports,
		(SELECT count(*) FROM customers c WHERE c.owner_id = u.id AND c.class = 'key') AS key_customers,
		(SELECT count(*) FROM visits v WHERE v.owner_id = u.id AND v.reported_at IS NULL
		 AND v.report_due_at < $2) AS late_reports,
		(SELECT count(*) FROM visits v WHERE v.owner_id = u.id AND v.status = 'departed'
		 AND v.late_alerted_at IS NOT NULL) AS still_out,
		(SELECT count(*) FROM customers c WHERE c.owner_id = u.id AND c.difficult) AS difficult,
		(SELECT count(*) FROM customer_interactions i WHERE i.actor_id = u.id
		 AND i.created_at >= $1 AND i.created_at < $2) AS interactions,
		(SELECT count(*) FROM customers c WHERE c.owner_id = u.id AND c.contact_due_at < $2
		 AND ` + contactPending + `) AS missed_contacts,
		(SELECT count(*) FROM guidance_notes g WHERE g.salesperson_id = u.id
		 AND g.created_at >= $1 AND g.created_at < $2) AS guidance
		FROM users u WHERE u.active AND u.manager_id IS NOT NULL AND 'salesperson' = ANY(u.roles)
		ORDER BY u.manager_id, u.name, u.id`
	var out []DigestLine
	err := s.db.SelectContext(ctx, &out, q, since, now)
	return out, err
}

// NotifyOnce inserts n unless a notification with its id exists.
func (s *Store) NotifyOnce(ctx context.Context, n Notification) error {
	tx, err := s.db.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	if err := Notify(ctx, tx, n); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}
