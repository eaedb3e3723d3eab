package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/jmoiron/sqlx"
)

// Claim states (migration 00019): a hold of a submitted proposal's line
// (订位), an offer kept for the next of a waiting list, a valid contract's
// booking, and a released claim kept for the record.
const (
	ClaimHeld     = "held"
	ClaimOffered  = "offered"
	ClaimBooked   = "booked"
	ClaimReleased = "released"
)

// ResourceClaim is one claim on one slot of a media resource for a date range
// (both ends inclusive).
type ResourceClaim struct {
	ID            string     `json:"id" db:"id"`
	ResourceID    string     `json:"resource_id" db:"resource_id"`
	Slot          int        `json:"slot" db:"slot"`
	StartsOn      string     `json:"starts_on" db:"starts_on"`
	EndsOn        string     `json:"ends_on" db:"ends_on"`
	State         string     `json:"state" db:"state"`
	HolderID      string     `json:"holder_id,omitempty" db:"holder_id"`
	HolderName    string     `json:"holder_name,omitempty" db:"holder_name"`
	ProposalID    string     `json:"proposal_id,omitempty" db:"proposal_id"`
	LineNo        int        `json:"line_no,omitempty" db:"line_no"`
	ContractID    string     `json:"contract_id,omitempty" db:"contract_id"`
	CustomerID    string     `json:"customer_id,omitempty" db:"customer_id"`
	CustomerName  string     `json:"customer_name,omitempty" db:"customer_name"`
	ExpiresAt     *time.Time `json:"expires_at,omitempty" db:"expires_at"`
	WorkflowID    string     `json:"-" db:"workflow_id"`
	Renewals      int        `json:"renewals" db:"renewals"`
	CreatedAt     time.Time  `json:"created_at" db:"created_at"`
	UpdatedAt     time.Time  `json:"updated_at" db:"updated_at"`
	ReleasedAt    *time.Time `json:"released_at,omitempty" db:"released_at"`
	ReleaseReason string     `json:"release_reason,omitempty" db:"release_reason"`
}

// Live reports whether the claim still blocks its slot.
func (c ResourceClaim) Live() bool { return c.State != ClaimReleased }

const claimSelect = `SELECT c.id, c.resource_id, c.slot, lower(c.period)::text AS starts_on,
	(upper(c.period) - 1)::text AS ends_on, c.state, c.holder_id, u.name AS holder_name,
	COALESCE(c.proposal_id, '') AS proposal_id, COALESCE(c.line_no, 0) AS line_no,
	COALESCE(c.contract_id, '') AS contract_id, COALESCE(p.customer_id, k.customer_id, '') AS customer_id,
	COALESCE(cu.name, '') AS customer_name, c.expires_at, COALESCE(c.workflow_id, '') AS workflow_id,
	c.renewals, c.created_at, c.updated_at, c.released_at, COALESCE(c.release_reason, '') AS release_reason
	FROM resource_claims c JOIN users u ON u.id = c.holder_id
	LEFT JOIN proposals p ON p.id = c.proposal_id
	LEFT JOIN contracts k ON k.id = c.contract_id
	LEFT JOIN customers cu ON cu.id = COALESCE(p.customer_id, k.customer_id)`

// ClaimByID returns one claim whatever its state.
func (s *Store) ClaimByID(ctx context.Context, id string) (ResourceClaim, error) {
	var c ResourceClaim
	err := s.db.GetContext(ctx, &c, claimSelect+` WHERE c.id = $1`, id)
	return c, mapErr(err)
}

// ClaimsOn lists the live claims on a resource overlapping [from, to],
// by start date and slot.
func (s *Store) ClaimsOn(ctx context.Context, resourceID, from, to string) ([]ResourceClaim, error) {
	list := []ResourceClaim{}
	q := claimSelect + ` WHERE c.resource_id = $1 AND c.state <> 'released'
		AND c.period && daterange($2::date, $3::date, '[]') ORDER BY lower(c.period), c.slot, c.id`
	err := s.db.SelectContext(ctx, &list, q, resourceID, from, to)
	return list, mapErr(err)
}

// ClaimsOfProposal lists a proposal's claims, live ones first.
func (s *Store) ClaimsOfProposal(ctx context.Context, proposalID string) ([]ResourceClaim, error) {
	list := []ResourceClaim{}
	q := claimSelect + ` WHERE c.proposal_id = $1 ORDER BY (c.state = 'released'), c.line_no, c.created_at, c.id`
	err := s.db.SelectContext(ctx, &list, q, proposalID)
	return list, mapErr(err)
}

// ClaimTaken refuses a claim: every slot of the resource is claimed by
// someone else for dates overlapping the line's. It says until when the
// slot is taken (the earliest expiry of a hold or an offer that blocks it;
// nil when a booking does) and by whom, which the API shows only to those
// who may see other people's customers.
type ClaimTaken struct {
	LineNo       int        `json:"line"`
	ResourceID   string     `json:"resource_id"`
	StartsOn     string     `json:"starts_on"`
	EndsOn       string     `json:"ends_on"`
	State        string     `json:"state"`
	TakenUntil   *time.Time `json:"taken_until,omitempty"`
	HolderID     string     `json:"holder_id"`
	HolderName   string     `json:"holder_name"`
	CustomerName string     `json:"customer_name"`
}

func (e *ClaimTaken) Error() string {
	return fmt.Sprintf("line %d: resource %s is %s for %s to %s", e.LineNo, e.ResourceID, e.State, e.StartsOn, e.EndsOn)
}

// Unwrap makes a ClaimTaken a conflict for callers that know no better.
func (e *ClaimTaken) Unwrap() error { return ErrConflict }

// AsClaimTaken returns the ClaimTaken in err's chain, if any.
func AsClaimTaken(err error) (*ClaimTaken, bool) {
	var t *ClaimTaken
	ok := errors.As(err, &t)
	return t, ok
}

// newClaim is a claim to insert.
type newClaim struct {
	ID, ResourceID, StartsOn, EndsOn, State, HolderID string
	ProposalID, ContractID, WorkflowID                string
	LineNo                                            int
	ExpiresAt                                         sql.NullTime
}

// claimSlot inserts n on the first free slot of its resource: PostgreSQL's
// exclusion constraint refuses a slot claimed for overlapping dates
// (23P01, under its own locks, so two transactions never both win), and
// the next slot is tried. A claim id stored before (a retried step) is
// answered as it is. No slot left is a ClaimTaken.
func claimSlot(ctx context.Context, tx *sqlx.Tx, n newClaim) (int, error) {
	var capacity int
	if err := tx.GetContext(ctx, &capacity, `SELECT capacity FROM media_resources WHERE id = $1`, n.ResourceID); err != nil {
		return 0, fmt.Errorf("resource %s: %w", n.ResourceID, mapErr(err))
	}
	const q = `INSERT INTO resource_claims (id, resource_id, slot, period, state, holder_id, proposal_id, line_no,
		contract_id, expires_at, workflow_id)
		VALUES ($1, $2, $3, daterange($4::date, $5::date, '[]'), $6, $7, NULLIF($8, ''), NULLIF($9, 0), NULLIF($10, ''), $11, NULLIF($12, ''))
		ON CONFLICT (id) DO NOTHING`
	for slot := 1; slot <= capacity; slot++ {
		if _, err := tx.ExecContext(ctx, `SAVEPOINT claim_slot`); err != nil {
			return 0, err
		}
		res, err := tx.ExecContext(ctx, q, n.ID, n.ResourceID, slot, n.StartsOn, n.EndsOn, n.State, n.HolderID,
			n.ProposalID, n.LineNo, n.ContractID, n.ExpiresAt, n.WorkflowID)
		if pgCode(err) == "23P01" { // exclusion_violation: this slot is taken for these dates
			if _, err := tx.ExecContext(ctx, `ROLLBACK TO SAVEPOINT claim_slot`); err != nil {
				return 0, err
			}
			continue
		}
		if err != nil {
			return 0, mapErr(err)
		}
		if _, err := tx.ExecContext(ctx, `RELEASE SAVEPOINT claim_slot`); err != nil {
			return 0, err
		}
		if rows, _ := res.RowsAffected(); rows == 0 {
			return existingClaim(ctx, tx, n.ID)
		}
		return slot, nil
	}
	return 0, takenBy(ctx, tx, n)
}

// existingClaim answers a claim id inserted before: its slot while it is
// live, a conflict once released (the step that made it was undone).
func existingClaim(ctx context.Context, tx *sqlx.Tx, id string) (int, error) {
	var c struct {
		Slot  int    `db:"slot"`
		State string `db:"state"`
	}
	if err := tx.GetContext(ctx, &c, `SELECT slot, state FROM resource_claims WHERE id = $1`, id); err != nil {
		return 0, mapErr(err)
	}
	if c.State == ClaimReleased {
		return 0, fmt.Errorf("claim %s was released: %w", id, ErrConflict)
	}
	return c.Slot, nil
}

// takenBy builds the ClaimTaken for n from the live claim that frees
// soonest (a booking last: it does not lapse).
func takenBy(ctx context.Context, tx *sqlx.Tx, n newClaim) error {
	t := &ClaimTaken{LineNo: n.LineNo, ResourceID: n.ResourceID, StartsOn: n.StartsOn, EndsOn: n.EndsOn}
	const q = `SELECT c.state, c.expires_at, c.holder_id, u.name, COALESCE(cu.name, '')
		FROM resource_claims c JOIN users u ON u.id = c.holder_id
		LEFT JOIN proposals p ON p.id = c.proposal_id
		LEFT JOIN contracts k ON k.id = c.contract_id
		LEFT JOIN customers cu ON cu.id = COALESCE(p.customer_id, k.customer_id)
		WHERE c.resource_id = $1 AND c.state <> 'released' AND c.period && daterange($2::date, $3::date, '[]')
		ORDER BY (c.state = 'booked'), c.expires_at NULLS LAST, c.id LIMIT 1`
	var until sql.NullTime
	err := tx.QueryRowxContext(ctx, q, n.ResourceID, n.StartsOn, n.EndsOn).Scan(&t.State, &until, &t.HolderID, &t.HolderName, &t.CustomerName)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if until.Valid && t.State != ClaimBooked {
		t.TakenUntil = &until.Time
	}
	return t
}

// claimEvent appends the audit event of one claim's change in tx, keyed by
// the step that made it.
func claimEvent(ctx context.Context, tx *sqlx.Tx, stepKey, claimID, actorID, action string, detail map[string]any) error {
	key := stepKey + "/" + claimID + "/" + action
	if done, err := stepDone(ctx, tx, key); err != nil || done {
		return err // a retried step: its event is there
	}
	b, err := json.Marshal(detail)
	if err != nil {
		return err
	}
	return mapErr(appendEvent(ctx, tx, Event{Key: key, SubjectType: "resource_claim",
		SubjectID: claimID, ActorID: actorID, Action: action, Detail: b}))
}

// releaseClaims releases the live claims ids (sorted, so two transactions
// append their audit events in one order) with reason, recording the step
// key that released them; claims released already are left alone.
func releaseClaims(ctx context.Context, tx *sqlx.Tx, ids []string, stepKey, actorID, reason string) ([]string, error) {
	sort.Strings(ids)
	const q = `UPDATE resource_claims SET state = 'released', released_at = now(), updated_at = now(),
		release_reason = $2, release_key = $3 WHERE id = $1 AND state <> 'released'`
	var done []string
	for _, id := range ids {
		res, err := tx.ExecContext(ctx, q, id, reason, stepKey)
		if err != nil {
			return nil, mapErr(err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			continue
		}
		if err := claimEvent(ctx, tx, stepKey, id, actorID, "claim.released", map[string]any{"reason": reason}); err != nil {
			return nil, err
		}
		done = append(done, id)
	}
	return done, nil
}

// releasedBy lists the claims a step released (what a retried step hands
// on to the waiting list).
func releasedBy(ctx context.Context, q sqlx.QueryerContext, stepKey string) ([]string, error) {
	ids := []string{}
	err := sqlx.SelectContext(ctx, q, &ids, `SELECT id FROM resource_claims WHERE release_key = $1 ORDER BY id`, stepKey)
	return ids, mapErr(err)
}

// ClaimsReleasedBy lists the claims the step with key released (a
// contract's last approval or signature lets go of lines it dropped).
func (s *Store) ClaimsReleasedBy(ctx context.Context, stepKey string) ([]string, error) {
	return releasedBy(ctx, s.db, stepKey)
}

// ReleaseClaim releases one claim on a person's decision: its holder gives
// up a hold or an offer, or a manager releases any claim, a booking
// included (the API checks who may). The reason is audited; the claims
// released are handed to the waiting list by the caller. The same key
// again releases nothing more.
func (s *Store) ReleaseClaim(ctx context.Context, id, actorID, reason, stepKey string) ([]string, error) {
	var out []string
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		if done, err := stepDone(ctx, tx, stepKey+"/"+id+"/claim.released"); err != nil || done {
			out, err = releasedBy(ctx, tx, stepKey)
			return err
		}
		var state string
		if err := tx.GetContext(ctx, &state, `SELECT state FROM resource_claims WHERE id = $1 FOR UPDATE`, id); err != nil {
			return mapErr(err)
		}
		if state == ClaimReleased {
			return fmt.Errorf("claim %s is released already: %w", id, ErrConflict)
		}
		if state == ClaimOffered {
			if err := settleOffer(ctx, tx, id, "withdrawn"); err != nil {
				return err
			}
		}
		var err error
		out, err = releaseClaims(ctx, tx, []string{id}, stepKey, actorID, reason)
		return err
	})
	return out, err
}
