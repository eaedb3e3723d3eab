package store

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"
)

// Class change sources (R4.1): a person's edit, or the contract hand-off.
const (
	ClassSourceManual   = "manual"
	ClassSourceContract = "contract_signed"
)

// TaskKindHardCustomer is R3.4's escalation of a large or difficult
// customer to the owner's sales manager.
const TaskKindHardCustomer = "hard_customer"

// ClassEvent is one change of a customer's class as the customer file
// shows it (R4.1): who, when (server time) and why.
type ClassEvent struct {
	FromClass  string    `json:"from_class" db:"from_class"`
	ToClass    string    `json:"to_class" db:"to_class"`
	Source     string    `json:"source" db:"source"`
	Reason     string    `json:"reason" db:"reason"`
	ContractID *string   `json:"contract_id,omitempty" db:"contract_id"`
	ActorID    *string   `json:"actor_id" db:"actor_id"`
	ActorName  *string   `json:"actor_name" db:"actor_name"`
	CreatedAt  time.Time `json:"created_at" db:"created_at"`
}

// classChange is a change to record; the customer row is locked first so
// concurrent changes each see the class the other left.
type classChange struct {
	CustomerID, ToClass, Source, Reason, ContractID, ActorID string
}

// setClass moves the customer to ch.ToClass inside tx and records the
// event; setting the class it already has records nothing.
func setClass(ctx context.Context, tx *sqlx.Tx, ch classChange) error {
	var from string
	if err := tx.GetContext(ctx, &from, `SELECT class FROM customers WHERE id = $1 FOR UPDATE`, ch.CustomerID); err != nil {
		return mapErr(err)
	}
	if from == ch.ToClass {
		return nil
	}
	const q = `INSERT INTO customer_class_events (customer_id, from_class, to_class, source, reason, contract_id, actor_id)
		VALUES ($1, $2, $3, $4, $5, NULLIF($6, ''), NULLIF($7, ''))`
	if _, err := tx.ExecContext(ctx, q, ch.CustomerID, from, ch.ToClass, ch.Source, ch.Reason, ch.ContractID, ch.ActorID); err != nil {
		return mapErr(err)
	}
	_, err := tx.ExecContext(ctx, `UPDATE customers SET class = $2, updated_at = now() WHERE id = $1`, ch.CustomerID, ch.ToClass)
	return mapErr(err)
}

// ClassHistory lists a customer's class changes, oldest first.
func (s *Store) ClassHistory(ctx context.Context, customerID string) ([]ClassEvent, error) {
	const q = `SELECT e.from_class, e.to_class, e.source, e.reason, e.contract_id, e.actor_id, u.name AS actor_name,
		e.created_at FROM customer_class_events e LEFT JOIN users u ON u.id = e.actor_id
		WHERE e.customer_id = $1 ORDER BY e.id`
	out := []ClassEvent{}
	err := s.selectPrepared(ctx, &out, q, customerID)
	return out, err
}

// FlagDifficult marks a customer large or difficult with the owner's reason
// and opens the manager's hard_customer task, as one audited step (R3.4).
// While an earlier escalation is open the task's unique index refuses a
// second one (ErrDuplicate).
func (s *Store) FlagDifficult(ctx context.Context, t NewTask, reason string) error {
	step := Step{Key: "hard-customer/" + t.ID, ActorID: t.AuthorID, Action: "customer.flagged_difficult",
		Detail: map[string]any{"task_id": t.ID, "reason": reason}}
	return s.runStep(ctx, "customer", t.SubjectID, step, func(tx *sqlx.Tx) error {
		const q = `UPDATE customers SET difficult = true, difficulty_reason = $2, difficulty_by = $3,
			difficulty_at = now(), updated_at = now() WHERE id = $1`
		if _, err := tx.ExecContext(ctx, q, t.SubjectID, reason, t.AuthorID); err != nil {
			return mapErr(err)
		}
		return mapErr(OpenTask(ctx, tx, t))
	})
}

// DecideHardCustomer records the manager's answer to a hard_customer task:
// approve keeps comment as the joint approach plan on the customer; reject
// (not a hard customer after all) clears the flag. key makes a retried
// request one decision; a task decided otherwise is ErrConflict.
func (s *Store) DecideHardCustomer(ctx context.Context, t Task, decision, comment, actorID, key string) error {
	step := Step{Key: "hard-customer/" + t.ID + "/" + key, ActorID: actorID, Action: "customer.hard_plan_" + decision,
		Detail: map[string]any{"task_id": t.ID, "comment": comment}}
	return s.runStep(ctx, "customer", t.SubjectID, step, func(tx *sqlx.Tx) error {
		if err := DecideTask(ctx, tx, t.ID, decision, comment, actorID); err != nil {
			return err
		}
		q := `UPDATE customers SET hard_plan = $2, hard_plan_by = $3, hard_plan_at = now(), updated_at = now() WHERE id = $1`
		args := []any{t.SubjectID, comment, actorID}
		if decision != "approve" {
			q = `UPDATE customers SET difficult = false, updated_at = now() WHERE id = $1`
			args = args[:1]
		}
		_, err := tx.ExecContext(ctx, q, args...)
		return mapErr(err)
	})
}
