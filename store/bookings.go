package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// Bookings (issue 13, R5.5): a contract's resource lines are taken over
// from its proposal's holds at the last approval, and become bookings with
// the signature that makes the contract valid, each in the transaction of
// that step, so a line whose slot is taken refuses the approval or the
// signature before it is recorded.

// contractHoldDays is how long, counted in calendar days, a claim made or
// taken over for a contract shows as held; it does not lapse (nothing
// watches it): the signature books it or a manager releases it.
const contractHoldDays = 30

// secureContractLines takes the contract's resource lines over: the
// proposal's hold of the same resource and dates, or the contract's own
// claim, is marked as the contract's; a line nothing holds claims a slot
// now (a line the contract's revision added or changed). A line no slot
// is free for is a *ClaimTaken.
func secureContractLines(ctx context.Context, tx *sqlx.Tx, contractID, stepKey, actorID string) error {
	var k struct {
		ProposalID string `db:"proposal_id"`
		OwnerID    string `db:"owner_id"`
		WorkflowID string `db:"workflow_id"`
		Version    int    `db:"version"`
	}
	if err := tx.GetContext(ctx, &k, `SELECT proposal_id, owner_id, workflow_id, version FROM contracts WHERE id = $1 FOR UPDATE`,
		contractID); err != nil {
		return mapErr(err)
	}
	var lines []resourceLine
	if err := tx.SelectContext(ctx, &lines, `SELECT line_no, resource_id, starts_on::text AS starts_on, ends_on::text AS ends_on
		FROM contract_items WHERE contract_id = $1 AND version = $2 AND resource_id IS NOT NULL ORDER BY line_no`,
		contractID, k.Version); err != nil {
		return mapErr(err)
	}
	var now time.Time
	if err := tx.GetContext(ctx, &now, `SELECT now()`); err != nil {
		return err
	}
	until := now.AddDate(0, 0, contractHoldDays)
	secured := []string{}
	for _, l := range lines {
		var id string
		err := tx.GetContext(ctx, &id, `SELECT id FROM resource_claims WHERE resource_id = $1
			AND period = daterange($2::date, $3::date, '[]') AND state IN ('held','booked')
			AND (contract_id = $4 OR (proposal_id = $5 AND contract_id IS NULL))
			ORDER BY (contract_id IS NOT NULL) DESC, id LIMIT 1 FOR UPDATE`, l.ResourceID, l.StartsOn, l.EndsOn, contractID, k.ProposalID)
		switch {
		case err == nil:
			if err := attachClaim(ctx, tx, id, contractID, k.WorkflowID, l.LineNo, until, stepKey, actorID); err != nil {
				return err
			}
			secured = append(secured, id)
			continue
		case !errors.Is(err, sql.ErrNoRows):
			return mapErr(err)
		}
		id = fmt.Sprintf("%s.v%d.line-%d", k.WorkflowID, k.Version, l.LineNo)
		slot, err := claimSlot(ctx, tx, newClaim{ID: id, ResourceID: l.ResourceID, StartsOn: l.StartsOn, EndsOn: l.EndsOn,
			State: ClaimHeld, HolderID: k.OwnerID, ProposalID: k.ProposalID, ContractID: contractID, WorkflowID: k.WorkflowID,
			LineNo: l.LineNo, ExpiresAt: sql.NullTime{Time: until, Valid: true}})
		if err != nil {
			return err
		}
		if err := claimEvent(ctx, tx, stepKey, id, actorID, "claim.held",
			map[string]any{"contract_id": contractID, "line": l.LineNo, "slot": slot}); err != nil {
			return err
		}
		secured = append(secured, id)
	}
	// A line the contract does not have (a revision dropped it) lets its
	// claim go, the proposal's hold of it too: the contract's lines are
	// what is booked.
	var stale []string
	if err := tx.SelectContext(ctx, &stale, `SELECT id FROM resource_claims WHERE state = 'held'
		AND (contract_id = $1 OR (proposal_id = $3 AND contract_id IS NULL))
		AND NOT (id = ANY($2)) ORDER BY id FOR UPDATE`, contractID, pq.StringArray(secured), k.ProposalID); err != nil {
		return mapErr(err)
	}
	_, err := releaseClaims(ctx, tx, stale, stepKey, actorID, "contract_revised")
	return err
}

// attachClaim marks claim id as the contract's line.
func attachClaim(ctx context.Context, tx *sqlx.Tx, id, contractID, workflowID string, lineNo int, until time.Time, stepKey, actorID string) error {
	res, err := tx.ExecContext(ctx, `UPDATE resource_claims SET contract_id = $2, workflow_id = $3, line_no = $4,
		expires_at = GREATEST(expires_at, $5), updated_at = now()
		WHERE id = $1 AND state = 'held' AND (contract_id IS NULL OR workflow_id IS DISTINCT FROM $3)`,
		id, contractID, workflowID, lineNo, until)
	if err != nil {
		return mapErr(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil // the contract's already
	}
	return claimEvent(ctx, tx, stepKey, id, actorID, "claim.secured", map[string]any{"contract_id": contractID, "line": lineNo})
}

// bookContract turns the contract's held lines into bookings (held →
// booked in place, so no one can take the slot in between), claiming
// first any line that lost its hold.
func bookContract(ctx context.Context, tx *sqlx.Tx, contractID, stepKey, actorID string) error {
	if err := secureContractLines(ctx, tx, contractID, stepKey, actorID); err != nil {
		return err
	}
	var ids []string
	if err := tx.SelectContext(ctx, &ids, `UPDATE resource_claims SET state = 'booked', expires_at = NULL, updated_at = now()
		WHERE contract_id = $1 AND state = 'held' RETURNING id`, contractID); err != nil {
		return mapErr(err)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if err := claimEvent(ctx, tx, stepKey, id, actorID, "claim.booked", map[string]any{"contract_id": contractID}); err != nil {
			return err
		}
	}
	return nil
}
