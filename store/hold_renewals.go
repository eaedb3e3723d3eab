package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"salesflow/policy"
)

// TaskKindHoldRenewal is the owner's request to keep a proposal's holds
// longer, decided by their sales manager (issue 13).
const TaskKindHoldRenewal = "hold_renewal"

// OpenHoldRenewal opens the renewal task t of a proposal's holds, audited
// as step.
func (s *Store) OpenHoldRenewal(ctx context.Context, proposalID string, t NewTask, step Step) error {
	return s.runStep(ctx, "proposal", proposalID, step, func(tx *sqlx.Tx) error {
		var live int
		if err := tx.GetContext(ctx, &live, `SELECT count(*) FROM resource_claims WHERE workflow_id = $1 AND state = 'held'`,
			t.WorkflowID); err != nil {
			return mapErr(err)
		}
		if live == 0 {
			return fmt.Errorf("no holds left to renew: %w", ErrConflict)
		}
		return OpenTask(ctx, tx, t)
	})
}

// RenewalDecision is the manager's answer to a renewal request; approved,
// every hold the workflow watches is extended to Extend(its expiry).
type RenewalDecision struct {
	ProposalID, WorkflowID, TaskID, ActorID, Comment string
	Approve                                          bool
	Extend                                           func(time.Time) time.Time
}

// DecideHoldRenewal records the decision and, approved, renews the holds
// in the same transaction; it answers the new earliest expiry.
func (s *Store) DecideHoldRenewal(ctx context.Context, d RenewalDecision, step Step) (*time.Time, error) {
	err := s.runStep(ctx, "proposal", d.ProposalID, step, func(tx *sqlx.Tx) error {
		decision := "reject"
		if d.Approve {
			decision = "approve"
		}
		if err := DecideTask(ctx, tx, d.TaskID, decision, d.Comment, d.ActorID); err != nil {
			return err
		}
		if !d.Approve {
			return nil
		}
		var held []struct {
			ID        string    `db:"id"`
			ExpiresAt time.Time `db:"expires_at"`
		}
		if err := tx.SelectContext(ctx, &held, `SELECT id, expires_at FROM resource_claims WHERE workflow_id = $1
			AND state = 'held' ORDER BY id FOR UPDATE`, d.WorkflowID); err != nil {
			return mapErr(err)
		}
		for _, h := range held {
			if err := extendClaim(ctx, tx, h.ID, d.Extend(h.ExpiresAt), true, step.Key, d.ActorID, "renewal_approved"); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var until *time.Time
	err = s.db.GetContext(ctx, &until, `SELECT min(expires_at) FROM resource_claims WHERE workflow_id = $1 AND state = 'held'`, d.WorkflowID)
	return until, mapErr(err)
}

// HoldWarning is the notice to the owner that a proposal's holds lapse in
// a working day.
type HoldWarning struct {
	WorkflowID, ProposalID, OwnerID string
	ExpiresAt                       time.Time
}

// WarnHolds writes the warning once per expiry (its id names workflow and
// expiry), and only while claims with that expiry are still held and no
// contract is pending; it reports whether there was anything to warn of.
func (s *Store) WarnHolds(ctx context.Context, w HoldWarning) (bool, error) {
	warned := false
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		var n int
		if err := tx.GetContext(ctx, &n, `SELECT count(*) FROM resource_claims WHERE workflow_id = $1 AND state = 'held'
			AND expires_at <= $2`, w.WorkflowID, w.ExpiresAt); err != nil {
			return mapErr(err)
		}
		pending, err := contractPending(ctx, tx, w.ProposalID)
		if err != nil || n == 0 || pending {
			return err
		}
		warned = true
		at := w.ExpiresAt.In(policy.Shanghai).Format("2006-01-02 15:04")
		return Notify(ctx, tx, Notification{ID: fmt.Sprintf("hold-warning/%s/%d", w.WorkflowID, w.ExpiresAt.Unix()),
			UserID: w.OwnerID, Kind: "hold_expiring", SubjectType: "proposal", SubjectID: w.ProposalID,
			TitleZH: "订位将于 " + at + " 到期", TitleEN: "Your hold lapses at " + at,
			Body: subjectPath("proposal", w.ProposalID), Detail: jsonDetail(map[string]any{"expires_at": w.ExpiresAt, "held": n})})
	})
	return warned, err
}

// jsonDetail marshals a notification's detail (plain values only).
func jsonDetail(v map[string]any) json.RawMessage {
	b, _ := json.Marshal(v)
	return b
}

// HoldWorkflowOf is the workflow watching the proposal's current holds.
func (s *Store) HoldWorkflowOf(ctx context.Context, proposalID string) (string, error) {
	var id string
	err := s.db.GetContext(ctx, &id, `SELECT workflow_id FROM resource_claims WHERE proposal_id = $1 AND state = 'held'
		AND contract_id IS NULL AND workflow_id IS NOT NULL ORDER BY updated_at DESC, id LIMIT 1`, proposalID)
	return id, mapErr(err)
}
