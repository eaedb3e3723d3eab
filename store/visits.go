package store

import (
	"context"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"salesflow/policy"
)

// Visit is one customer visit: the plan, its approval, the visit slip kept
// by the front desk and the report (R3.5–R3.8, R4.2).
type Visit struct {
	ID                   string       `json:"id" db:"id"`
	CustomerID           string       `json:"customer_id" db:"customer_id"`
	CustomerName         string       `json:"customer_name" db:"customer_name"`
	OwnerID              string       `json:"owner_id" db:"owner_id"`
	OwnerName            string       `json:"owner_name" db:"owner_name"`
	ManagerID            *string      `json:"manager_id,omitempty" db:"manager_id"`
	Status               string       `json:"status" db:"status"`
	Goals                string       `json:"goals" db:"goals"`
	ProgressReport       *string      `json:"progress_report,omitempty" db:"progress_report"`
	PlannedStart         time.Time    `json:"planned_start" db:"planned_start"`
	PlannedReturn        time.Time    `json:"planned_return" db:"planned_return"`
	WorkflowID           string       `json:"workflow_id" db:"workflow_id"`
	DecidedBy            *string      `json:"decided_by,omitempty" db:"decided_by"`
	DecisionComment      *string      `json:"decision_comment,omitempty" db:"decision_comment"`
	DepartedAt           *time.Time   `json:"departed_at,omitempty" db:"departed_at"`
	DepartedRecordedBy   *string      `json:"departed_recorded_by,omitempty" db:"departed_recorded_by"`
	ExpectedReturn       *time.Time   `json:"expected_return,omitempty" db:"expected_return"`
	ExpectedReturnReason *string      `json:"expected_return_reason,omitempty" db:"expected_return_reason"`
	LateAlertedAt        *time.Time   `json:"late_alerted_at,omitempty" db:"late_alerted_at"`
	ReturnedAt           *time.Time   `json:"returned_at,omitempty" db:"returned_at"`
	ReturnedRecordedBy   *string      `json:"returned_recorded_by,omitempty" db:"returned_recorded_by"`
	ReportDueAt          *time.Time   `json:"report_due_at,omitempty" db:"report_due_at"`
	ReportRemindedAt     *time.Time   `json:"report_reminded_at,omitempty" db:"report_reminded_at"`
	ReportEscalatedAt    *time.Time   `json:"report_escalated_at,omitempty" db:"report_escalated_at"`
	ReportedAt           *time.Time   `json:"reported_at,omitempty" db:"reported_at"`
	CreatedAt            time.Time    `json:"created_at" db:"created_at"`
	OpenTaskID           *string      `json:"open_task_id" db:"open_task_id"`
	Report               *VisitReport `json:"report,omitempty" db:"-"`
	History              []Event      `json:"history,omitempty" db:"-"`
}

// VisitReport is what the salesperson learnt at the meeting (R3.3, R3.8).
type VisitReport struct {
	Notes           string    `json:"notes" db:"notes"`
	MetName         string    `json:"met_name" db:"met_name"`
	MetTitle        string    `json:"met_title" db:"met_title"`
	IsDecisionMaker bool      `json:"is_decision_maker" db:"is_decision_maker"`
	Needs           string    `json:"needs" db:"needs"`
	AuthorID        string    `json:"author_id" db:"author_id"`
	CreatedAt       time.Time `json:"created_at" db:"created_at"`
	Late            bool      `json:"late" db:"late"`
}

// NewVisit is the plan CreateVisit writes.
type NewVisit struct {
	ID, CustomerID, OwnerID, ManagerID, WorkflowID string
	Goals, ProgressReport                          string
	PlannedStart, PlannedReturn                    time.Time
}

// VisitChange is one audited change to a visit: the columns it sets (SQL
// with $2… placeholders), their values, and the tasks and notifications it
// opens or closes in the same transaction.
type VisitChange struct {
	Set           string
	Args          []any
	OpenTask      *NewTask
	CloseKinds    []string // open tasks of these kinds on the visit are cancelled
	DecideTask    *TaskDecision
	Notifications []Notification
	Report        *VisitReport
}

// CreateVisit writes a new plan waiting for approval, once per step key.
func (s *Store) CreateVisit(ctx context.Context, v NewVisit, ch VisitChange, step Step) error {
	return s.runStep(ctx, "visit", v.ID, step, func(tx *sqlx.Tx) error {
		const q = `INSERT INTO visits (id, customer_id, owner_id, manager_id, status, goals, progress_report,
			planned_start, planned_return, workflow_id)
			VALUES ($1, $2, $3, NULLIF($4, ''), 'pending_approval', $5, NULLIF($6, ''), $7, $8, $9)`
		if _, err := tx.ExecContext(ctx, q, v.ID, v.CustomerID, v.OwnerID, v.ManagerID, v.Goals,
			v.ProgressReport, v.PlannedStart, v.PlannedReturn, v.WorkflowID); err != nil {
			return mapErr(err)
		}
		return applyVisitChange(ctx, tx, v.ID, ch)
	})
}

// ChangeVisit applies ch to visit id with its audit event, once per step key.
func (s *Store) ChangeVisit(ctx context.Context, id string, ch VisitChange, step Step) error {
	return s.runStep(ctx, "visit", id, step, func(tx *sqlx.Tx) error {
		if ch.Set != "" {
			q := `UPDATE visits SET ` + ch.Set + `, updated_at = now() WHERE id = $1`
			res, err := tx.ExecContext(ctx, q, append([]any{id}, ch.Args...)...)
			if err != nil {
				return mapErr(err)
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return ErrNotFound
			}
		}
		return applyVisitChange(ctx, tx, id, ch)
	})
}

func applyVisitChange(ctx context.Context, tx *sqlx.Tx, id string, ch VisitChange) error {
	if ch.DecideTask != nil {
		d := ch.DecideTask
		if err := DecideTask(ctx, tx, d.ID, d.Decision, d.Comment, d.ActorID); err != nil {
			return err
		}
	}
	if len(ch.CloseKinds) > 0 {
		const q = `UPDATE tasks SET status = 'cancelled' WHERE subject_type = 'visit' AND subject_id = $1
			AND kind = ANY($2) AND status = 'open'`
		if _, err := tx.ExecContext(ctx, q, id, pq.StringArray(ch.CloseKinds)); err != nil {
			return err
		}
	}
	if ch.OpenTask != nil {
		if err := OpenTask(ctx, tx, *ch.OpenTask); err != nil {
			return err
		}
	}
	if ch.Report != nil {
		if err := insertVisitReport(ctx, tx, id, *ch.Report); err != nil {
			return err
		}
	}
	for _, n := range ch.Notifications {
		if err := Notify(ctx, tx, n); err != nil {
			return err
		}
	}
	return nil
}

func insertVisitReport(ctx context.Context, tx *sqlx.Tx, id string, r VisitReport) error {
	const q = `INSERT INTO visit_reports (visit_id, notes, met_name, met_title, is_decision_maker, needs, author_id, late)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`
	if _, err := tx.ExecContext(ctx, q, id, r.Notes, r.MetName, r.MetTitle, r.IsDecisionMaker, r.Needs,
		r.AuthorID, r.Late); err != nil {
		return mapErr(err)
	}
	return recordVisitInteraction(ctx, tx, id, r)
}

// recordVisitInteraction puts the visit report on the customer's timeline
// as an interaction of kind "visit" (R1.5, R3.8), in the report's
// transaction, dated the day of the return (Shanghai). Its id is derived
// from the visit, so a retried step adds it once; being an interaction it
// also counts as contact for the one-week rule (R2.5).
func recordVisitInteraction(ctx context.Context, tx *sqlx.Tx, visitID string, r VisitReport) error {
	const q = `INSERT INTO customer_interactions (id, customer_id, kind, summary, occurred_on, actor_id)
		SELECT 'visit-' || v.id, v.customer_id, 'visit', $2,
		       (COALESCE(v.returned_at, v.departed_at, now()) AT TIME ZONE 'Asia/Shanghai')::date, $3
		FROM visits v WHERE v.id = $1
		ON CONFLICT (id) DO NOTHING`
	_, err := tx.ExecContext(ctx, q, visitID, visitSummary(r), r.AuthorID)
	return mapErr(err)
}

// visitSummary is the timeline text of a visit report: whom the
// salesperson met, the notes, and the needs the customer named.
func visitSummary(r VisitReport) string {
	var b strings.Builder
	if r.MetName != "" {
		b.WriteString("会见 / Met: " + r.MetName)
		if r.MetTitle != "" {
			b.WriteString("（" + r.MetTitle + "）")
		}
		if r.IsDecisionMaker {
			b.WriteString(" · 决策人 / decision-maker")
		}
		b.WriteString("\n")
	}
	b.WriteString(r.Notes)
	if r.Needs != "" {
		b.WriteString("\n需求 / Needs: " + r.Needs)
	}
	runes := []rune(b.String())
	if len(runes) > 4000 {
		runes = runes[:4000]
	}
	return string(runes)
}

const visitSelect = `SELECT v.id, v.customer_id, c.name AS customer_name, v.owner_id, u.name AS owner_name,
	v.manager_id, v.status, v.goals, v.progress_report, v.planned_start, v.planned_return, v.workflow_id,
	v.decided_by, v.decision_comment, v.departed_at, v.departed_recorded_by, v.expected_return,
	v.expected_return_reason, v.late_alerted_at, v.returned_at, v.returned_recorded_by, v.report_due_at,
	v.report_reminded_at, v.report_escalated_at, v.reported_at, v.created_at,
	(SELECT t.id FROM tasks t WHERE t.subject_type = 'visit' AND t.subject_id = v.id AND t.status = 'open'
	 AND t.kind = 'visit_plan' LIMIT 1) AS open_task_id
	FROM visits v JOIN customers c ON c.id = v.customer_id JOIN users u ON u.id = v.owner_id`

// VisitByID returns one visit with its report and audit history.
func (s *Store) VisitByID(ctx context.Context, id string) (Visit, error) {
	var v Visit
	if err := s.db.GetContext(ctx, &v, visitSelect+` WHERE v.id = $1`, id); err != nil {
		return Visit{}, mapErr(err)
	}
	var r VisitReport
	const q = `SELECT notes, met_name, met_title, is_decision_maker, needs, author_id, created_at, late
		FROM visit_reports WHERE visit_id = $1`
	if err := s.db.GetContext(ctx, &r, q, id); err == nil {
		v.Report = &r
	} else if mapErr(err) != ErrNotFound {
		return Visit{}, err
	}
	var err error
	v.History, _, err = s.EventsFor(ctx, "visit", id, Page{Limit: 200})
	return v, err
}

// VisitFilter narrows ListVisits; OwnerIDs nil means any owner; a zero Day
// means any day, else visits planned to start that day (Asia/Shanghai).
type VisitFilter struct {
	OwnerIDs []string
	Statuses []string
	Day      time.Time
	Page     Page
}

// ListVisits returns visits by planned start, newest first.
func (s *Store) ListVisits(ctx context.Context, f VisitFilter) ([]Visit, string, error) {
	var owners, statuses any
	if f.OwnerIDs != nil {
		owners = pq.StringArray(f.OwnerIDs)
	}
	if f.Statuses != nil {
		statuses = pq.StringArray(f.Statuses)
	}
	var from, to any
	if !f.Day.IsZero() {
		day := policy.AtTimeOfDay(f.Day, 0, policy.Shanghai)
		from, to = day, day.AddDate(0, 0, 1)
	}
	limit := f.Page.clampLimit()
	q := visitSelect + ` WHERE ($1::text[] IS NULL OR v.owner_id = ANY($1)) AND ($2::text[] IS NULL OR v.status = ANY($2))
		AND ($3::timestamptz IS NULL OR (v.planned_start < $4 AND v.planned_return >= $3))
		AND v.id > $5 ORDER BY v.id LIMIT $6`
	var list []Visit
	if err := s.db.SelectContext(ctx, &list, q, owners, statuses, from, to, f.Page.Cursor, limit+1); err != nil {
		return nil, "", err
	}
	return pageOf(list, limit, func(v Visit) string { return v.ID })
}

// EarlierVisits counts the customer's visits that were approved or went
// further — the "visited before" of R4.2.
func (s *Store) EarlierVisits(ctx context.Context, customerID string) (int, error) {
	var n int
	const q = `SELECT count(*) FROM visits WHERE customer_id = $1 AND status IN ('approved','departed','returned','reported')`
	err := s.db.GetContext(ctx, &n, q, customerID)
	return n, err
}
