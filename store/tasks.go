package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// Task is an item in the inbox: a decision the policy puts before someone.
type Task struct {
	ID             string     `json:"id" db:"id"`
	Kind           string     `json:"kind" db:"kind"`
	SubjectType    string     `json:"subject_type" db:"subject_type"`
	SubjectID      string     `json:"subject_id" db:"subject_id"`
	SubjectVersion *int       `json:"subject_version,omitempty" db:"subject_version"`
	SubjectTitle   string     `json:"subject_title" db:"subject_title"`
	WorkflowID     string     `json:"workflow_id" db:"workflow_id"`
	AuthorID       string     `json:"author_id" db:"author_id"`
	AuthorName     string     `json:"author_name" db:"author_name"`
	AssigneeRole   *string    `json:"assignee_role,omitempty" db:"assignee_role"`
	AssigneeUserID *string    `json:"assignee_user_id,omitempty" db:"assignee_user_id"`
	Status         string     `json:"status" db:"status"`
	Decision       *string    `json:"decision,omitempty" db:"decision"`
	Comment        *string    `json:"comment,omitempty" db:"comment"`
	DecidedBy      *string    `json:"decided_by,omitempty" db:"decided_by"`
	CreatedAt      time.Time  `json:"created_at" db:"created_at"`
	DueAt          *time.Time `json:"due_at,omitempty" db:"due_at"`
	DecidedAt      *time.Time `json:"decided_at,omitempty" db:"decided_at"`
	RemindedAt     *time.Time `json:"reminded_at,omitempty" db:"reminded_at"`
	EscalatedAt    *time.Time `json:"escalated_at,omitempty" db:"escalated_at"`
}

// NewTask is what an activity opens.
type NewTask struct {
	ID, Kind, SubjectType, SubjectID, WorkflowID, AuthorID string
	SubjectVersion                                         int
	AssigneeRole, AssigneeUserID                           string
	DueAt                                                  time.Time
}

// OpenTask inserts t inside tx; a task that exists already is left alone.
func OpenTask(ctx context.Context, tx *sqlx.Tx, t NewTask) error {
	const q = `INSERT INTO tasks (id, kind, subject_type, subject_id, subject_version, workflow_id, author_id,
		assignee_role, assignee_user_id, due_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, NULLIF($8, ''), NULLIF($9, ''), $10)
		ON CONFLICT (id) DO NOTHING`
	res, err := tx.ExecContext(ctx, q, t.ID, t.Kind, t.SubjectType, t.SubjectID, t.SubjectVersion,
		t.WorkflowID, t.AuthorID, t.AssigneeRole, t.AssigneeUserID, nullTime(t.DueAt))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil // opened before (a retried step)
	}
	return notifyTask(ctx, tx, t.ID, TaskOpened)
}

// TaskDecision closes a task with a decision.
type TaskDecision struct{ ID, Decision, Comment, ActorID string }

// args are decideTaskSQL's parameters.
func (d TaskDecision) args() []any { return []any{d.ID, d.Decision, d.Comment, d.ActorID} }

const decideTaskSQL = `UPDATE tasks SET status = 'decided', decision = $2, comment = NULLIF($3, ''),
	decided_by = $4, decided_at = now() WHERE id = $1 AND status = 'open'`

// DecideTask closes an open task with the decision inside tx.
func DecideTask(ctx context.Context, tx *sqlx.Tx, id, decision, comment, actorID string) error {
	res, err := tx.ExecContext(ctx, decideTaskSQL, id, decision, comment, actorID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return ErrConflict
	}
	return nil
}

// CancelTask withdraws an open task (the subject moved on without it).
func CancelTask(ctx context.Context, tx *sqlx.Tx, id string) error {
	_, err := tx.ExecContext(ctx, `UPDATE tasks SET status = 'cancelled' WHERE id = $1 AND status = 'open'`, id)
	return err
}

// TaskViewer is who is asking: tasks are offered by role or by user.
type TaskViewer struct {
	UserID string
	Roles  []string
}

const taskSelect = `SELECT ` + taskColumns + taskFrom

const taskColumns = `t.id, t.kind, t.subject_type, t.subject_id, t.subject_version,
	COALESCE((SELECT v.title FROM proposal_versions v WHERE t.subject_type = 'proposal'
	          AND v.proposal_id = t.subject_id AND v.version = t.subject_version),
	         (SELECT cu.name FROM contracts k JOIN customers cu ON cu.id = k.customer_id
	          WHERE t.subject_type = 'contract' AND k.id = t.subject_id),
	         (SELECT c.name FROM customers c WHERE t.subject_type = 'customer' AND c.id = t.subject_id),
	         (SELECT u.name FROM users u WHERE t.subject_type = 'user' AND u.id = t.subject_id),
	         (SELECT cu.name FROM visits vi JOIN customers cu ON cu.id = vi.customer_id
	          WHERE t.subject_type = 'visit' AND vi.id = t.subject_id), '') AS subject_title,
	t.workflow_id, t.author_id, a.name AS author_name, t.assignee_role, t.assignee_user_id, t.status,
	t.decision, t.comment, t.decided_by, t.created_at, t.due_at, t.decided_at, t.reminded_at, t.escalated_at`

const taskFrom = `
	FROM tasks t JOIN users a ON a.id = t.author_id`

// actionableBy is the inbox rule: offered to one of the viewer's roles or to
// the viewer, and never the viewer's own work (no self-approval).
const actionableBy = ` (t.assignee_role = ANY($1) OR t.assignee_user_id = $2) AND t.author_id <> $2`

// TasksFor lists the tasks the viewer may act on, oldest first. status ""
// means any status.
func (s *Store) TasksFor(ctx context.Context, v TaskViewer, status string, page Page) ([]Task, string, error) {
	after, afterID := parseTimeCursor(page.Cursor)
	limit := page.clampLimit()
	q := taskSelect + ` WHERE` + actionableBy + ` AND ($3 = '' OR t.status = $3) AND (t.created_at, t.id) > ($4, $5)
		ORDER BY t.created_at, t.id LIMIT $6`
	var list []Task
	if err := s.db.SelectContext(ctx, &list, q, pq.StringArray(v.Roles), v.UserID, status, after, afterID, limit+1); err != nil {
		return nil, "", err
	}
	return pageOf(list, limit, func(t Task) string { return timeCursor(t.CreatedAt, t.ID) })
}

// TaskByID returns one task whatever its status.
func (s *Store) TaskByID(ctx context.Context, id string) (Task, error) {
	var t Task
	if err := s.getPrepared(ctx, &t, taskSelect+` WHERE t.id = $1`, id); err != nil {
		return Task{}, mapErr(err)
	}
	return t, nil
}

// TaskForUser returns one task whatever its status with the roles userID
// holds by delegation right now, in one statement: both are read before
// every decision's Update, and two round trips were a tenth of its time
// (issue 12).
func (s *Store) TaskForUser(ctx context.Context, id, userID string) (Task, []string, error) {
	const q = `SELECT ARRAY(SELECT DISTINCT d.role` + activeDelegationsTo + `) AS delegated_roles, ` +
		taskColumns + taskFrom + ` WHERE t.id = $2`
	var row struct {
		Task
		DelegatedRoles pq.StringArray `db:"delegated_roles"`
	}
	if err := s.getPrepared(ctx, &row, q, userID, id); err != nil {
		return Task{}, nil, mapErr(err)
	}
	return row.Task, row.DelegatedRoles, nil
}

// CanActOn reports whether v may act on task t by the inbox rule.
func (t Task) CanActOn(v TaskViewer) bool {
	if t.AuthorID == v.UserID {
		return false
	}
	if t.AssigneeUserID != nil && *t.AssigneeUserID == v.UserID {
		return true
	}
	if t.AssigneeRole != nil {
		for _, r := range v.Roles {
			if r == *t.AssigneeRole {
				return true
			}
		}
	}
	return false
}

// timeCursor and parseTimeCursor page by (time, id), so rows written in
// the same microsecond are neither skipped nor repeated.
func timeCursor(t time.Time, id string) string { return t.UTC().Format(time.RFC3339Nano) + "|" + id }

func parseTimeCursor(cursor string) (time.Time, string) {
	ts, id, _ := strings.Cut(cursor, "|")
	t, err := time.Parse(time.RFC3339Nano, ts)
	if err != nil {
		return time.Time{}, ""
	}
	return t, id
}

// newestBefore is where a newest-first (time, id) page starts: below the
// cursor's pair or, without a cursor, above every row.
func newestBefore(cursor string) (time.Time, string) {
	t, id := parseTimeCursor(cursor)
	if t.IsZero() {
		return time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC), ""
	}
	return t, id
}

func nullTime(t time.Time) sql.NullTime { return sql.NullTime{Time: t, Valid: !t.IsZero()} }
