package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
)

// Holds (订位, issue 13): a submitted proposal's resource lines are held
// until ExpiresAt. The claims of one submission carry the ID of the
// workflow that watches them (workflow_id), so a later submission, whose
// workflow takes them over, leaves the earlier watcher nothing to do.

// HoldRequest holds the resource lines of a proposal's current version.
type HoldRequest struct {
	ProposalID, WorkflowID, HolderID, StepKey string
	ExpiresAt                                 time.Time
}

// HoldOutcome is what holding changed: the claims now held, and the
// claims released because their line is gone (for the waiting list).
type HoldOutcome struct {
	Held     []ResourceClaim `json:"held"`
	Released []string        `json:"released"`
}

// resourceLine is one line of a version that names a resource and dates.
type resourceLine struct {
	LineNo     int    `db:"line_no"`
	ResourceID string `db:"resource_id"`
	StartsOn   string `db:"starts_on"`
	EndsOn     string `db:"ends_on"`
}

func (l resourceLine) key() string { return l.ResourceID + "|" + l.StartsOn + "|" + l.EndsOn }

// liveClaim is a live claim as a hold step sees it.
type liveClaim struct {
	ID string `db:"id"`
	resourceLine
}

// HoldProposalLines holds every resource line of the proposal's current
// version, all or none, in one transaction: a line already held by this
// proposal for the same resource and dates keeps its slot (its expiry and
// watcher move to this submission); a held line the version no longer has
// is released; a new line takes the holder's waiting-list offer for it, if
// any, and claims a slot. A line no slot is free for is a *ClaimTaken and
// nothing is written. A retried step finds its own rows and writes nothing
// twice.
func (s *Store) HoldProposalLines(ctx context.Context, r HoldRequest) (HoldOutcome, error) {
	var out HoldOutcome
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		var version int
		if err := tx.GetContext(ctx, &version, `SELECT version FROM proposals WHERE id = $1 FOR UPDATE`, r.ProposalID); err != nil {
			return mapErr(err)
		}
		var lines []resourceLine
		if err := tx.SelectContext(ctx, &lines, `SELECT line_no, resource_id, starts_on::text AS starts_on, ends_on::text AS ends_on
			FROM proposal_items WHERE proposal_id = $1 AND version = $2 AND resource_id IS NOT NULL ORDER BY line_no`,
			r.ProposalID, version); err != nil {
			return mapErr(err)
		}
		live, err := liveHolds(ctx, tx, r.ProposalID)
		if err != nil {
			return err
		}
		kept, dropped := matchLines(lines, live)
		if _, err := releaseClaims(ctx, tx, dropped, r.StepKey, r.HolderID, "revised"); err != nil {
			return err
		}
		// Claim in the order of resource and dates, the same in every
		// transaction, so two proposals claiming the same slots in other
		// line orders queue instead of deadlocking.
		sorted := slices.SortedFunc(slices.Values(lines), func(a, b resourceLine) int { return strings.Compare(a.key(), b.key()) })
		for _, l := range sorted {
			if err := holdLine(ctx, tx, r, l, kept[l.key()]); err != nil {
				return err
			}
		}
		if out.Released, err = releasedBy(ctx, tx, r.StepKey); err != nil {
			return err
		}
		out.Held = []ResourceClaim{}
		return mapErr(tx.SelectContext(ctx, &out.Held, claimSelect+` WHERE c.workflow_id = $1 AND c.state = 'held' ORDER BY c.line_no`, r.WorkflowID))
	})
	return out, err
}

// liveHolds locks the proposal's held claims not yet taken over by its
// contract.
func liveHolds(ctx context.Context, tx *sqlx.Tx, proposalID string) ([]liveClaim, error) {
	var live []liveClaim
	err := tx.SelectContext(ctx, &live, `SELECT id, COALESCE(line_no, 0) AS line_no, resource_id,
		lower(period)::text AS starts_on, (upper(period) - 1)::text AS ends_on
		FROM resource_claims WHERE proposal_id = $1 AND state = 'held' AND contract_id IS NULL ORDER BY id FOR UPDATE`, proposalID)
	return live, mapErr(err)
}

// matchLines pairs each line with a live claim for the same resource and
// dates (kept, by line key) and lists the claims no line has (dropped).
func matchLines(lines []resourceLine, live []liveClaim) (map[string]string, []string) {
	want := map[string]bool{}
	for _, l := range lines {
		want[l.key()] = true
	}
	kept := map[string]string{}
	var dropped []string
	for _, c := range live {
		if k := c.key(); want[k] && kept[k] == "" {
			kept[k] = c.ID
		} else {
			dropped = append(dropped, c.ID)
		}
	}
	return kept, dropped
}

// holdLine keeps claim keptID for line l or claims a slot for it.
func holdLine(ctx context.Context, tx *sqlx.Tx, r HoldRequest, l resourceLine, keptID string) error {
	detail := map[string]any{"proposal_id": r.ProposalID, "line": l.LineNo, "expires_at": r.ExpiresAt}
	if keptID != "" {
		const q = `UPDATE resource_claims SET expires_at = $2, workflow_id = $3, line_no = $4, updated_at = now() WHERE id = $1`
		if _, err := tx.ExecContext(ctx, q, keptID, r.ExpiresAt, r.WorkflowID, l.LineNo); err != nil {
			return mapErr(err)
		}
		detail["resubmitted"] = true
		return claimEvent(ctx, tx, r.StepKey, keptID, r.HolderID, "claim.held", detail)
	}
	if err := takeOffer(ctx, tx, r.HolderID, l, r.StepKey); err != nil {
		return err
	}
	id := fmt.Sprintf("%s.line-%d", r.WorkflowID, l.LineNo)
	slot, err := claimSlot(ctx, tx, newClaim{ID: id, ResourceID: l.ResourceID, StartsOn: l.StartsOn, EndsOn: l.EndsOn,
		State: ClaimHeld, HolderID: r.HolderID, ProposalID: r.ProposalID, WorkflowID: r.WorkflowID, LineNo: l.LineNo,
		ExpiresAt: sql.NullTime{Time: r.ExpiresAt, Valid: true}})
	if err != nil {
		return err
	}
	detail["slot"] = slot
	return claimEvent(ctx, tx, r.StepKey, id, r.HolderID, "claim.held", detail)
}

// takeOffer: a waiting-list offer to the holder for this resource and
// overlapping dates is used by this hold (the slot it kept is released in
// the same transaction, so only this hold can take it).
func takeOffer(ctx context.Context, tx *sqlx.Tx, holderID string, l resourceLine, stepKey string) error {
	var ids []string
	if err := tx.SelectContext(ctx, &ids, `SELECT id FROM resource_claims WHERE holder_id = $1 AND resource_id = $2
		AND state = 'offered' AND period && daterange($3::date, $4::date, '[]') ORDER BY id FOR UPDATE`,
		holderID, l.ResourceID, l.StartsOn, l.EndsOn); err != nil {
		return mapErr(err)
	}
	for _, id := range ids {
		if err := settleOffer(ctx, tx, id, "taken"); err != nil {
			return err
		}
	}
	_, err := releaseClaims(ctx, tx, ids, stepKey, holderID, "taken")
	return err
}

// ReleaseRequest releases a proposal's holds: all of them (the customer
// declined), or those whose line the current version no longer has.
type ReleaseRequest struct {
	ProposalID, StepKey, ActorID, Reason string
	DroppedOnly                          bool
}

// ReleaseProposalHolds releases the proposal's holds r names and returns
// every claim the step released (the same list when it is retried).
func (s *Store) ReleaseProposalHolds(ctx context.Context, r ReleaseRequest) ([]string, error) {
	var out []string
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		const q = `SELECT c.id FROM resource_claims c WHERE c.proposal_id = $1 AND c.state = 'held' AND c.contract_id IS NULL
			AND (NOT $2 OR NOT EXISTS (SELECT 1 FROM proposal_items i JOIN proposals p ON p.id = i.proposal_id AND p.version = i.version
				WHERE i.proposal_id = c.proposal_id AND i.resource_id = c.resource_id
				AND daterange(i.starts_on, i.ends_on, '[]') = c.period))
			ORDER BY c.id FOR UPDATE OF c`
		var ids []string
		if err := tx.SelectContext(ctx, &ids, q, r.ProposalID, r.DroppedOnly); err != nil {
			return mapErr(err)
		}
		if _, err := releaseClaims(ctx, tx, ids, r.StepKey, r.ActorID, r.Reason); err != nil {
			return err
		}
		var err error
		out, err = releasedBy(ctx, tx, r.StepKey)
		return err
	})
	return out, err
}

// HoldSet is what the workflow watching one submission's holds needs to
// know: how many are live, when the first lapses, and whether the
// proposal's contract is under way (its holds then do not lapse).
type HoldSet struct {
	Live            int        `json:"live"`
	ExpiresAt       *time.Time `json:"expires_at,omitempty"`
	ContractPending bool       `json:"contract_pending"`
}

// HoldSetOf reads the held claims watched by workflowID.
func (s *Store) HoldSetOf(ctx context.Context, workflowID, proposalID string) (HoldSet, error) {
	var h HoldSet
	err := s.db.QueryRowxContext(ctx, `SELECT count(*), min(expires_at) FROM resource_claims
		WHERE workflow_id = $1 AND state = 'held'`, workflowID).Scan(&h.Live, &h.ExpiresAt)
	if err != nil {
		return h, mapErr(err)
	}
	h.ContractPending, err = contractPending(ctx, s.db, proposalID)
	return h, err
}

// contractPending: the customer accepted and the contract is drafted or
// in approval (R5.5 not yet reached; the last approval takes the lines
// over, bookings.go).
func contractPending(ctx context.Context, q sqlx.QueryerContext, proposalID string) (bool, error) {
	var pending bool
	err := sqlx.GetContext(ctx, q, &pending, `SELECT p.status = 'accepted' AND COALESCE(k.status NOT IN ('approved','signed'), true)
		FROM proposals p LEFT JOIN contracts k ON k.proposal_id = p.id WHERE p.id = $1`, proposalID)
	return pending, mapErr(err)
}

// LapseRequest lapses the held claims of workflowID whose time is up.
// While the proposal's contract is pending they are extended instead, to
// Extend(their expiry).
type LapseRequest struct {
	WorkflowID, ProposalID, StepKey string
	Extend                          func(time.Time) time.Time
}

// LapseHolds releases (or, with a contract pending, extends) the due held
// claims of r.WorkflowID and answers the claims the step released. With
// nothing left held, an open renewal request is withdrawn.
func (s *Store) LapseHolds(ctx context.Context, r LapseRequest) ([]string, error) {
	var out []string
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		var due []struct {
			ID        string    `db:"id"`
			ExpiresAt time.Time `db:"expires_at"`
		}
		if err := tx.SelectContext(ctx, &due, `SELECT id, expires_at FROM resource_claims WHERE workflow_id = $1
			AND state = 'held' AND expires_at <= now() ORDER BY id FOR UPDATE`, r.WorkflowID); err != nil {
			return mapErr(err)
		}
		pending, err := contractPending(ctx, tx, r.ProposalID)
		if err != nil {
			return err
		}
		ids := make([]string, len(due))
		for i, d := range due {
			ids[i] = d.ID
			if pending {
				if err := extendClaim(ctx, tx, d.ID, r.Extend(d.ExpiresAt), false, r.StepKey, "", "contract_pending"); err != nil {
					return err
				}
			}
		}
		if !pending {
			if _, err := releaseClaims(ctx, tx, ids, r.StepKey, "", "lapsed"); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE tasks SET status = 'cancelled' WHERE workflow_id = $1 AND kind = $2
				AND status = 'open' AND NOT EXISTS (SELECT 1 FROM resource_claims WHERE workflow_id = $1 AND state = 'held')`,
				r.WorkflowID, TaskKindHoldRenewal); err != nil {
				return mapErr(err)
			}
		}
		out, err = releasedBy(ctx, tx, r.StepKey)
		return err
	})
	return out, err
}

// extendClaim moves a held claim's expiry to until (renewed counts a
// renewal) and audits it.
func extendClaim(ctx context.Context, tx *sqlx.Tx, id string, until time.Time, renewed bool, stepKey, actorID, reason string) error {
	const q = `UPDATE resource_claims SET expires_at = $2, renewals = renewals + $3::int, updated_at = now()
		WHERE id = $1 AND state = 'held'`
	n := 0
	if renewed {
		n = 1
	}
	if _, err := tx.ExecContext(ctx, q, id, until, n); err != nil {
		return mapErr(err)
	}
	return claimEvent(ctx, tx, stepKey, id, actorID, "claim.renewed", map[string]any{"expires_at": until, "reason": reason})
}
