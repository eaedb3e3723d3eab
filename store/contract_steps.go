package store

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"

	"salesflow/policy"
)

// ApprovalDecision is one decision of an approval step, bound to the
// content hash it decided on.
type ApprovalDecision struct {
	ContractID, ContentHash, TaskID string
	Version, Round                  int
	Role                            policy.Role
	DecidedBy, OnBehalfOf           string
	Decision, Comment               string
}

// RecordApprovalDecision stores the decision, closes its task and moves the
// contract to status; next, when set, opens the following step's task in
// the same transaction.
func (s *Store) RecordApprovalDecision(ctx context.Context, d ApprovalDecision, status policy.ContractStatus, next *NewTask, step Step) error {
	return s.runStep(ctx, "contract", d.ContractID, step, func(tx *sqlx.Tx) error {
		if err := DecideTask(ctx, tx, d.TaskID, d.Decision, d.Comment, d.DecidedBy); err != nil {
			return err
		}
		const q = `INSERT INTO contract_approvals (contract_id, version, content_hash, round, role, decided_by,
			on_behalf_of, decision, comment, task_id) VALUES ($1, $2, $3, $4, $5, $6, NULLIF($7, ''), $8, NULLIF($9, ''), $10)`
		if _, err := tx.ExecContext(ctx, q, d.ContractID, d.Version, d.ContentHash, d.Round, string(d.Role),
			d.DecidedBy, d.OnBehalfOf, d.Decision, d.Comment, d.TaskID); err != nil {
			return mapErr(err)
		}
		if next != nil {
			if err := OpenTask(ctx, tx, *next); err != nil {
				return err
			}
		}
		if status == policy.ContractApproved { // issue 13: the last approval takes the resource lines over
			if err := secureContractLines(ctx, tx, d.ContractID, step.Key, step.ActorID); err != nil {
				return err
			}
		}
		return setContractStatus(ctx, tx, d.ContractID, status)
	})
}

// SetContractStatus moves a contract to status; extra runs in the same
// transaction (cancelling a task on recall).
func (s *Store) SetContractStatus(ctx context.Context, id string, status policy.ContractStatus, step Step, extra func(tx *sqlx.Tx) error) error {
	return s.runStep(ctx, "contract", id, step, func(tx *sqlx.Tx) error {
		if extra != nil {
			if err := extra(tx); err != nil {
				return err
			}
		}
		return setContractStatus(ctx, tx, id, status)
	})
}

func setContractStatus(ctx context.Context, tx *sqlx.Tx, id string, status policy.ContractStatus) error {
	_, err := tx.ExecContext(ctx, `UPDATE contracts SET status = $2, updated_at = now() WHERE id = $1`, id, string(status))
	return err
}

// StoreSigningDocument keeps the exact PDF put before the signers (R5.5);
// the first stored document wins.
func (s *Store) StoreSigningDocument(ctx context.Context, id string, version int, sha string, pdf []byte, step Step) error {
	return s.runStep(ctx, "contract", id, step, func(tx *sqlx.Tx) error {
		const q = `INSERT INTO contract_documents (contract_id, version, sha256, pdf) VALUES ($1, $2, $3, $4)
			ON CONFLICT (contract_id) DO NOTHING`
		_, err := tx.ExecContext(ctx, q, id, version, sha, pdf)
		return err
	})
}

// Now is the database server's clock: the system's own time for documents
// and signatures (R5.4).
func (s *Store) Now(ctx context.Context) (time.Time, error) {
	var t time.Time
	err := s.db.GetContext(ctx, &t, `SELECT clock_timestamp()`)
	return t.UTC().Truncate(time.Microsecond), err
}

// AddSignature stores one party's signature (R5.5); the first signature of
// a party wins. When completes is set (the other party has signed) the
// contract becomes signed and its customer's class becomes signed (R4.1),
// recorded in the class history with the signer who completed it.
func (s *Store) AddSignature(ctx context.Context, sig Signature, completes bool, step Step) error {
	return s.runStep(ctx, "contract", sig.ContractID, step, func(tx *sqlx.Tx) error {
		if sig.LinkID != "" {
			if err := useCustomerLink(ctx, tx, sig.LinkID, sig.DocumentSHA256); err != nil {
				return err // used, expired or revoked meanwhile, or bound to another document
			}
		}
		const q = `INSERT INTO signatures (contract_id, signer_role, signer_id, on_behalf_of, customer_signatory_name,
			document_sha256, signed_at, server_signature, signing_key_id, method, link_id, signer_contact, paper_scan_sha256)
			VALUES ($1, $2, NULLIF($3, ''), NULLIF($4, ''), NULLIF($5, ''), $6, $7, $8, $9, NULLIF($10, ''), NULLIF($11, ''),
			NULLIF($12, ''), NULLIF($13, ''))`
		if _, err := tx.ExecContext(ctx, q, sig.ContractID, sig.SignerRole, sig.SignerID, sig.OnBehalfOf,
			sig.CustomerSignatoryName, sig.DocumentSHA256, sig.SignedAt, sig.ServerSignature, sig.SigningKeyID,
			sig.Method, sig.LinkID, sig.SignerContact, sig.PaperScanSHA256); err != nil {
			return mapErr(err)
		}
		if !completes {
			return nil
		}
		// Issue 13: the signature that makes the contract valid books its
		// resource lines, or is refused (a *ClaimTaken) before it is kept.
		if err := bookContract(ctx, tx, sig.ContractID, step.Key, step.ActorID); err != nil {
			return err
		}
		if err := setContractStatus(ctx, tx, sig.ContractID, policy.ContractSigned); err != nil {
			return err
		}
		var customerID string
		if err := tx.GetContext(ctx, &customerID, `SELECT customer_id FROM contracts WHERE id = $1`, sig.ContractID); err != nil {
			return mapErr(err)
		}
		return setClass(ctx, tx, classChange{CustomerID: customerID, ToClass: policy.ClassSigned,
			Source: ClassSourceContract, ContractID: sig.ContractID, ActorID: step.ActorID})
	})
}

// MarkTaskReminded records that the waiting approver was reminded.
func (s *Store) MarkTaskReminded(ctx context.Context, subjectID, taskID string, step Step) error {
	return s.runStep(ctx, "contract", subjectID, step, func(tx *sqlx.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE tasks SET reminded_at = now() WHERE id = $1 AND status = 'open'`, taskID); err != nil {
			return err
		}
		return notifyTask(ctx, tx, taskID, TaskReminded)
	})
}

// escalationTarget picks who a waiting step of role goes to: the line
// manager of the role's holders — the manager of most of them, so one
// salesperson who also holds the role does not pull the step to their own
// (the author's) manager — or an admin when no holder has a manager.
const escalationTarget = `WITH managers AS (
		SELECT m.id, m.username, count(*) AS holders FROM users h JOIN users m ON m.id = h.manager_id
		WHERE $1 = ANY(h.roles) AND h.active AND m.active GROUP BY m.id, m.username)
	SELECT id FROM (
		SELECT id, username, holders, 0 AS rank FROM managers
		UNION ALL SELECT id, username, 0, 1 FROM users WHERE active AND 'admin' = ANY(roles)) c
	ORDER BY rank, holders DESC, username LIMIT 1`

// EscalateTask re-offers a waiting task to the manager of the role's
// holders, or to an admin when they have none, and returns that user's id.
func (s *Store) EscalateTask(ctx context.Context, subjectID, taskID string, role policy.Role, step Step) (string, error) {
	err := s.runStep(ctx, "contract", subjectID, step, func(tx *sqlx.Tx) error {
		var target string
		if err := tx.GetContext(ctx, &target, escalationTarget, string(role)); err != nil {
			return mapErr(err)
		}
		const q = `UPDATE tasks SET assignee_user_id = $2, escalated_at = now() WHERE id = $1 AND status = 'open'`
		if _, err := tx.ExecContext(ctx, q, taskID, target); err != nil {
			return err
		}
		return notifyTask(ctx, tx, taskID, TaskEscalated)
	})
	if err != nil {
		return "", err
	}
	var target string
	err = s.db.GetContext(ctx, &target, `SELECT COALESCE(assignee_user_id, '') FROM tasks WHERE id = $1`, taskID)
	return target, mapErr(err)
}
