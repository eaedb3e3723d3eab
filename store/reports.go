package store

import (
	"context"
	"time"

	"github.com/lib/pq"
)

// Person is a salesperson as the reports list them.
type Person struct {
	ID   string `json:"id" db:"id"`
	Name string `json:"name" db:"name"`
}

// Salespeople returns the active salespeople among ids (nil: all), by name.
func (s *Store) Salespeople(ctx context.Context, ids []string) ([]Person, error) {
	var filter any
	if ids != nil {
		filter = pq.StringArray(ids)
	}
	const q = `SELECT id, name FROM users WHERE active AND 'salesperson' = ANY(roles)
		AND ($1::text[] IS NULL OR id = ANY($1)) ORDER BY name, id`
	out := []Person{}
	err := s.db.SelectContext(ctx, &out, q, filter)
	return out, err
}

// EntryCount is how many records one salesperson entered on one day
// (Asia/Shanghai) that were collected on one day: R1.2 counts them and
// R1.3's lateness depends on those two days only, so the report reads a
// row per salesperson and pair of days, not one per record (a week of a
// busy team is tens of thousands of records).
type EntryCount struct {
	CreatedBy   string    `db:"created_by"`
	CollectedOn time.Time `db:"collected_on"`
	EnteredOn   time.Time `db:"entered_on"` // the date in Asia/Shanghai (read its Date())
	N           int       `db:"n"`
}

// EntryCountsBetween counts the records ids entered in [from, to).
func (s *Store) EntryCountsBetween(ctx context.Context, ids []string, from, to time.Time) ([]EntryCount, error) {
	const q = `SELECT created_by, collected_on, (entered_at AT TIME ZONE 'Asia/Shanghai')::date AS entered_on, count(*) AS n
		FROM customers WHERE created_by = ANY($1) AND entered_at >= $2 AND entered_at < $3
		GROUP BY 1, 2, 3`
	var out []EntryCount
	err := s.db.SelectContext(ctx, &out, q, pq.StringArray(ids), from, to)
	return out, err
}

// VisitCounts are one salesperson's visit figures over a period.
type VisitCounts struct {
	OwnerID     string `db:"owner_id"`
	Visits      int    `db:"visits"`       // departed in the period (R3.7)
	LateReports int    `db:"late_reports"` // report due in the period, filed late or not at all by now (R3.8)
	LateReturns int    `db:"late_returns"` // manager alerted in the period (R3.6)
}

// VisitCountsBetween counts the visit figures of ids over [from, to).
func (s *Store) VisitCountsBetween(ctx context.Context, ids []string, from, to, now time.Time) (map[string]VisitCounts, error) {
	const q = `SELECT owner_id,
		count(*) FILTER (WHERE departed_at >= $2 AND departed_at < $3) AS visits,
		count(*) FILTER (WHERE report_due_at >= $2 AND report_due_at < $3
			AND (reported_at > report_due_at OR (reported_at IS NULL AND report_due_at < $4))) AS late_reports,
		count(*) FILTER (WHERE late_alerted_at >= $2 AND late_alerted_at < $3) AS late_returns
		FROM visits WHERE owner_id = ANY($1) GROUP BY owner_id`
	var rows []VisitCounts
	if err := s.db.SelectContext(ctx, &rows, q, pq.StringArray(ids), from, to, now); err != nil {
		return nil, err
	}
	out := make(map[string]VisitCounts, len(rows))
	for _, r := range rows {
		out[r.OwnerID] = r
	}
	return out, nil
}

// ClassCount is how many customers of one class an owner holds (R4.1).
type ClassCount struct {
	OwnerID string `db:"owner_id"`
	Class   string `db:"class"`
	N       int    `db:"n"`
}

// ClassCounts counts the customers of ids per class.
func (s *Store) ClassCounts(ctx context.Context, ids []string) ([]ClassCount, error) {
	const q = `SELECT owner_id, class, count(*) AS n FROM customers WHERE owner_id = ANY($1)
		GROUP BY owner_id, class ORDER BY owner_id, class`
	var out []ClassCount
	err := s.db.SelectContext(ctx, &out, q, pq.StringArray(ids))
	return out, err
}

// MissedContactsBetween counts, per owner, the one-week contact deadlines
// (R2.5) that passed in [from, to) without contact: each is the
// contact_overdue task its workflow opened then, authored by the owner.
func (s *Store) MissedContactsBetween(ctx context.Context, ids []string, from, to time.Time) (map[string]int, error) {
	const q = `SELECT author_id, count(*) AS n FROM tasks
		WHERE kind = 'contact_overdue' AND author_id = ANY($1) AND created_at >= $2 AND created_at < $3
		GROUP BY author_id`
	var rows []struct {
		AuthorID string `db:"author_id"`
		N        int    `db:"n"`
	}
	if err := s.db.SelectContext(ctx, &rows, q, pq.StringArray(ids), from, to); err != nil {
		return nil, err
	}
	out := make(map[string]int, len(rows))
	for _, r := range rows {
		out[r.AuthorID] = r.N
	}
	return out, nil
}
