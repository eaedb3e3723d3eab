package store

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"
)

// CollectorWeek is one salesperson's new records in a week, for their
// manager's weekly check (R1.4).
type CollectorWeek struct {
	UserID    string `db:"user_id"`
	ManagerID string `db:"manager_id"`
	Records   int    `db:"records"`
}

// NewRecordsByCollector counts the records each salesperson with a manager
// entered in [start, end).
func (s *Store) NewRecordsByCollector(ctx context.Context, start, end time.Time) ([]CollectorWeek, error) {
	const q = `SELECT c.created_by AS user_id, u.manager_id, count(*) AS records
		FROM customers c JOIN users u ON u.id = c.created_by
		WHERE c.entered_at >= $1 AND c.entered_at < $2 AND u.manager_id IS NOT NULL
		GROUP BY c.created_by, u.manager_id ORDER BY c.created_by`
	out := []CollectorWeek{}
	err := s.db.SelectContext(ctx, &out, q, start, end)
	return out, err
}

// OpenWeeklyCheck opens the manager's weekly_check task for one
// salesperson's week, once, audited on the salesperson.
func (s *Store) OpenWeeklyCheck(ctx context.Context, t NewTask, week string, records int) error {
	step := Step{Key: "weekly-check/" + t.ID, Action: "customer.weekly_check_opened",
		Detail: map[string]any{"week": week, "records": records, "task_id": t.ID}}
	return s.runStep(ctx, "user", t.AuthorID, step, func(tx *sqlx.Tx) error { return OpenTask(ctx, tx, t) })
}

// DecideWeeklyCheck records the manager's check of a salesperson's week;
// key makes a retried request one decision, and a task already decided
// otherwise is ErrConflict.
func (s *Store) DecideWeeklyCheck(ctx context.Context, t Task, decision, comment, actorID, key string) error {
	step := Step{Key: "weekly-check/" + t.ID + "/" + key, ActorID: actorID, Action: "customer.weekly_check_" + decision,
		Detail: map[string]any{"task_id": t.ID, "comment": comment}}
	return s.runStep(ctx, "user", t.SubjectID, step, func(tx *sqlx.Tx) error {
		return DecideTask(ctx, tx, t.ID, decision, comment, actorID)
	})
}
