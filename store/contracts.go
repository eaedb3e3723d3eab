package store

import (
	"context"
	"database/sql"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"salesflow/policy"
)

// ContractDraft is the content of one contract version as the author wrote
// it: lines priced in fen, service terms (R5.1) and the period.
type ContractDraft struct {
	Lines        []policy.Line       `json:"lines"`
	ServiceTerms policy.ServiceTerms `json:"service_terms"`
	StartsOn     string              `json:"starts_on,omitempty"`
	EndsOn       string              `json:"ends_on,omitempty"`
}

// NewContract is what DraftContract writes: a contract drafted from the
// accepted version of a proposal (F1 → F2).
type NewContract struct {
	ID, WorkflowID, ProposalID string
	ProposalVersion            int
}

// ContractHead is what the workflow keeps of the current version.
type ContractHead struct {
	Version         int    `json:"version"`
	ContentHash     string `json:"content_hash"`
	HasServiceTerms bool   `json:"has_service_terms"`
}

// DraftContract writes version 1 of a contract with the accepted proposal
// version's items and agreed prices, and points the proposal at it. The step
// key makes a retry write nothing twice.
func (s *Store) DraftContract(ctx context.Context, c NewContract, step Step) (ContractHead, error) {
	err := s.runStep(ctx, "contract", c.ID, step, func(tx *sqlx.Tx) error {
		var p struct {
			CustomerID string `db:"customer_id"`
			OwnerID    string `db:"owner_id"`
		}
		if err := tx.GetContext(ctx, &p, `SELECT customer_id, owner_id FROM proposals WHERE id = $1`, c.ProposalID); err != nil {
			return mapErr(err)
		}
		var lines []policy.PricedLine
		const qi = `SELECT ` + pricedLineColumns + ` FROM proposal_items i
			WHERE i.proposal_id = $1 AND i.version = $2 ORDER BY i.line_no`
		if err := selectPricedLines(ctx, tx, &lines, qi, c.ProposalID, c.ProposalVersion); err != nil {
			return err
		}
		content := policy.ContractContent{Version: 1, Lines: lines}
		hash := policy.ContentHash(content)
		const q = `INSERT INTO contracts (id, proposal_id, proposal_version, customer_id, owner_id, status, version, content_hash, workflow_id)
			VALUES ($1, $2, $3, $4, $5, 'drafting', 1, $6, $7)`
		if _, err := tx.ExecContext(ctx, q, c.ID, c.ProposalID, c.ProposalVersion, p.CustomerID, p.OwnerID, hash, c.WorkflowID); err != nil {
			return mapErr(err)
		}
		if err := insertContractVersion(ctx, tx, c.ID, p.OwnerID, content, hash); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE proposals SET contract_id = $2, updated_at = now() WHERE id = $1`, c.ProposalID, c.ID)
		return err
	})
	if err != nil {
		return ContractHead{}, err
	}
	return s.contractHead(ctx, c.ID)
}

// SaveContractRevision keeps a new version, priced against the rate card's
// list price now, makes it current and voids every earlier approval: they
// approved other content (R5.2, R5.3).
func (s *Store) SaveContractRevision(ctx context.Context, id string, version int, authorID string, d ContractDraft, step Step) (ContractHead, error) {
	err := s.runStep(ctx, "contract", id, step, func(tx *sqlx.Tx) error {
		lines, err := priceLines(ctx, tx, d.Lines)
		if err != nil {
			return err
		}
		content := policy.ContractContent{Version: version, Lines: lines, ServiceTerms: d.ServiceTerms,
			StartsOn: d.StartsOn, EndsOn: d.EndsOn}
		hash := policy.ContentHash(content)
		if err := insertContractVersion(ctx, tx, id, authorID, content, hash); err != nil {
			return err
		}
		if err := voidApprovals(ctx, tx, id, "revised"); err != nil {
			return err
		}
		const q = `UPDATE contracts SET version = $2, content_hash = $3, updated_at = now() WHERE id = $1`
		_, err = tx.ExecContext(ctx, q, id, version, hash)
		return err
	})
	if err != nil {
		return ContractHead{}, err
	}
	return s.contractHead(ctx, id)
}

// priceLines prices each line against the rate card at this moment
// (priceLine: a resource line at its dated prices, issue 13).
func priceLines(ctx context.Context, tx *sqlx.Tx, in []policy.Line) ([]policy.PricedLine, error) {
	out := make([]policy.PricedLine, len(in))
	for i, l := range in {
		var err error
		if out[i], err = priceLine(ctx, tx, l); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func selectPricedLines(ctx context.Context, q sqlx.QueryerContext, dst *[]policy.PricedLine, query string, args ...any) error {
	rows, err := q.QueryxContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var l policy.PricedLine
		if err := rows.Scan(&l.ProductID, &l.Quantity, &l.UnitPriceFen, &l.ListPriceFen,
			&l.ResourceID, &l.StartsOn, &l.EndsOn, &l.ListTotalFen); err != nil {
			return err
		}
		*dst = append(*dst, l)
	}
	return rows.Err()
}

func insertContractVersion(ctx context.Context, tx *sqlx.Tx, id, authorID string, c policy.ContractContent, hash string) error {
	var total int64
	for _, l := range c.Lines {
		total += l.Quantity * l.UnitPriceFen
	}
	var free sql.NullInt64
	if c.ServiceTerms.FreeRevisions != nil {
		free = sql.NullInt64{Int64: int64(*c.ServiceTerms.FreeRevisions), Valid: true}
	}
	const qv = `INSERT INTO contract_versions (contract_id, version, free_revisions, service_fee, starts_on, ends_on,
		total_fen, content_hash, author_id) VALUES ($1, $2, $3, NULLIF($4, ''), NULLIF($5, '')::date, NULLIF($6, '')::date, $7, $8, $9)`
	if _, err := tx.ExecContext(ctx, qv, id, c.Version, free, c.ServiceTerms.ServiceFee, c.StartsOn, c.EndsOn,
		total, hash, authorID); err != nil {
		return mapErr(err)
	}
	for i, l := range c.Lines {
		if err := insertItem(ctx, tx, "contract_items", "contract_id", id, c.Version, i+1, l); err != nil {
			return err
		}
	}
	return nil
}

func voidApprovals(ctx context.Context, tx *sqlx.Tx, id, reason string) error {
	const q = `UPDATE contract_approvals SET voided = true, voided_at = clock_timestamp(), void_reason = $2
		WHERE contract_id = $1 AND NOT voided`
	_, err := tx.ExecContext(ctx, q, id, reason)
	return err
}

// contractHead reads the current version's hash and whether it states
// service terms (R5.1).
func (s *Store) contractHead(ctx context.Context, id string) (ContractHead, error) {
	var h ContractHead
	const q = `SELECT c.version, c.content_hash, (v.free_revisions IS NOT NULL OR COALESCE(v.service_fee, '') <> '')
		FROM contracts c JOIN contract_versions v ON v.contract_id = c.id AND v.version = c.version WHERE c.id = $1`
	err := s.db.QueryRowxContext(ctx, q, id).Scan(&h.Version, &h.ContentHash, &h.HasServiceTerms)
	return h, mapErr(err)
}

// ApprovalRound is what opening an approval round decided: whether the
// contract is major (R5.3) and the approvals it needs, in order (R5.2).
type ApprovalRound struct {
	Major    bool          `json:"major"`
	Required []policy.Role `json:"required"`
}

// OpenApprovalRound judges the current version against the owner's
// discount authority, voids approvals of earlier rounds, moves the contract
// to in_approval and opens the first step's task (built by task).
func (s *Store) OpenApprovalRound(ctx context.Context, id string, step Step, task func(first policy.Role) NewTask) (ApprovalRound, error) {
	var round ApprovalRound
	err := s.runStep(ctx, "contract", id, step, func(tx *sqlx.Tx) error {
		var pct int
		const qa = `SELECT u.discount_authority_pct FROM contracts c JOIN users u ON u.id = c.owner_id WHERE c.id = $1`
		if err := tx.GetContext(ctx, &pct, qa, id); err != nil {
			return mapErr(err)
		}
		var lines []policy.PricedLine
		const qi = `SELECT ` + pricedLineColumns + ` FROM contract_items i
			JOIN contracts c ON c.id = i.contract_id AND c.version = i.version WHERE c.id = $1 ORDER BY i.line_no`
		if err := selectPricedLines(ctx, tx, &lines, qi, id); err != nil {
			return err
		}
		round.Major = policy.IsMajor(lines, pct)
		round.Required = policy.RequiredApprovals(round.Major)
		if err := voidApprovals(ctx, tx, id, "new_round"); err != nil {
			return err
		}
		roles := make([]string, len(round.Required))
		for i, r := range round.Required {
			roles[i] = string(r)
		}
		const q = `UPDATE contracts SET status = 'in_approval', major = $2, required_approvals = $3, updated_at = now() WHERE id = $1`
		if _, err := tx.ExecContext(ctx, q, id, round.Major, pq.StringArray(roles)); err != nil {
			return err
		}
		return OpenTask(ctx, tx, task(round.Required[0]))
	})
	if err != nil {
		return ApprovalRound{}, err
	}
	return s.approvalRound(ctx, id)
}

func (s *Store) approvalRound(ctx context.Context, id string) (ApprovalRound, error) {
	var major bool
	var roles pq.StringArray
	err := s.db.QueryRowxContext(ctx, `SELECT major, required_approvals FROM contracts WHERE id = $1`, id).Scan(&major, &roles)
	r := ApprovalRound{Major: major}
	for _, role := range roles {
		r.Required = append(r.Required, policy.Role(role))
	}
	return r, mapErr(err)
}
