package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"salesflow/policy"
)

// WaitlistEntry is one salesperson waiting for a resource's dates (issue
// 13): first come first served by JoinedAt.
type WaitlistEntry struct {
	ID           int64      `json:"id" db:"id"`
	ResourceID   string     `json:"resource_id" db:"resource_id"`
	StartsOn     string     `json:"from" db:"starts_on"`
	EndsOn       string     `json:"to" db:"ends_on"`
	UserID       string     `json:"user_id" db:"user_id"`
	CustomerID   string     `json:"customer_id,omitempty" db:"customer_id"`
	State        string     `json:"state" db:"state"`
	OfferClaimID string     `json:"offer_claim_id,omitempty" db:"offer_claim_id"`
	OfferedUntil *time.Time `json:"offered_until,omitempty" db:"offered_until"`
	JoinedAt     time.Time  `json:"joined_at" db:"joined_at"`
	UpdatedAt    time.Time  `json:"updated_at" db:"updated_at"`
}

const waitlistSelect = `SELECT id, resource_id, lower(period)::text AS starts_on, (upper(period) - 1)::text AS ends_on,
	user_id, COALESCE(customer_id, '') AS customer_id, state, COALESCE(offer_claim_id, '') AS offer_claim_id,
	offered_until, joined_at, updated_at FROM resource_waitlist`

// NewWaitlistEntry is a salesperson joining a resource's queue.
type NewWaitlistEntry struct {
	ResourceID, StartsOn, EndsOn, UserID, CustomerID string
}

// JoinWaitlist adds the entry; the same person waiting for the same
// resource and dates already is ErrDuplicate, a resource that does not
// exist ErrNotFound.
func (s *Store) JoinWaitlist(ctx context.Context, e NewWaitlistEntry) (WaitlistEntry, error) {
	var out WaitlistEntry
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		var id int64
		err := tx.GetContext(ctx, &id, `INSERT INTO resource_waitlist (resource_id, period, user_id, customer_id, state)
			SELECT r.id, daterange($2::date, $3::date, '[]'), $4, NULLIF($5, ''), 'waiting' FROM media_resources r WHERE r.id = $1
			RETURNING id`, e.ResourceID, e.StartsOn, e.EndsOn, e.UserID, e.CustomerID)
		if err != nil {
			return mapErr(err)
		}
		return mapErr(tx.GetContext(ctx, &out, waitlistSelect+` WHERE id = $1`, id))
	})
	return out, err
}

// WaitlistEntryByID returns one entry.
func (s *Store) WaitlistEntryByID(ctx context.Context, id int64) (WaitlistEntry, error) {
	var e WaitlistEntry
	err := s.db.GetContext(ctx, &e, waitlistSelect+` WHERE id = $1`, id)
	return e, mapErr(err)
}

// WaitlistOf lists a resource's entries still waiting or offered, in the
// queue's order.
func (s *Store) WaitlistOf(ctx context.Context, resourceID string) ([]WaitlistEntry, error) {
	list := []WaitlistEntry{}
	err := s.db.SelectContext(ctx, &list, waitlistSelect+` WHERE resource_id = $1 AND state IN ('waiting','offered')
		ORDER BY joined_at, id`, resourceID)
	return list, mapErr(err)
}

// WaitlistOfUser lists userID's entries in every state, the newest first
// (the /waitlist page).
func (s *Store) WaitlistOfUser(ctx context.Context, userID string) ([]WaitlistEntry, error) {
	list := []WaitlistEntry{}
	err := s.db.SelectContext(ctx, &list, waitlistSelect+` WHERE user_id = $1 ORDER BY joined_at DESC, id DESC LIMIT 200`, userID)
	return list, mapErr(err)
}

// WithdrawWaitlist takes userID's entry out of the queue; an offer it holds
// is released (the caller hands it on to the next). Another person's
// entry is not found; one taken or passed already is a conflict.
func (s *Store) WithdrawWaitlist(ctx context.Context, id int64, userID, stepKey string) ([]string, error) {
	var released []string
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		var e WaitlistEntry
		if err := tx.GetContext(ctx, &e, waitlistSelect+` WHERE id = $1 AND user_id = $2 FOR UPDATE`, id, userID); err != nil {
			return mapErr(err)
		}
		switch e.State {
		case "waiting", "offered":
		default:
			return fmt.Errorf("waiting-list entry %d is %s: %w", id, e.State, ErrConflict)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE resource_waitlist SET state = 'withdrawn', updated_at = now() WHERE id = $1`, id); err != nil {
			return mapErr(err)
		}
		var err error
		if e.State == "offered" {
			if _, err = releaseClaims(ctx, tx, []string{e.OfferClaimID}, stepKey, userID, "withdrawn"); err != nil {
				return err
			}
		}
		released, err = releasedBy(ctx, tx, stepKey)
		return err
	})
	return released, err
}

// settleOffer ends the waiting-list entry offered claim claimID: taken,
// passed (the offer lapsed) or withdrawn.
func settleOffer(ctx context.Context, tx *sqlx.Tx, claimID, state string) error {
	_, err := tx.ExecContext(ctx, `UPDATE resource_waitlist SET state = $2, updated_at = now()
		WHERE offer_claim_id = $1 AND state = 'offered'`, claimID, state)
	return mapErr(err)
}

// Offer is a slot kept for one person of a waiting list until ExpiresAt.
type Offer struct {
	ClaimID    string    `json:"claim_id" db:"id"`
	UserID     string    `json:"user_id" db:"holder_id"`
	ExpiresAt  time.Time `json:"expires_at" db:"expires_at"`
	WaitlistID int64     `json:"waitlist_id" db:"waitlist_id"`
}

// OfferRequest offers what claim ReleasedClaimID freed to the waiting list;
// the offers are watched by WorkflowID and last until Until.
type OfferRequest struct {
	ReleasedClaimID, WorkflowID, StepKey string
	Until                                time.Time
}

// OfferNext goes down the queue of the released claim's resource, first
// come first served, and offers the slot to every entry whose dates
// overlap the freed ones and are now free: an offered claim (so nobody
// else takes it meanwhile) and a notification. An entry whose dates are
// still taken elsewhere keeps waiting. It answers every live offer the
// workflow watches, so a retried step answers the same.
func (s *Store) OfferNext(ctx context.Context, r OfferRequest) ([]Offer, error) {
	var out []Offer
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		var freed resourceLine
		if err := tx.GetContext(ctx, &freed, `SELECT 0 AS line_no, resource_id, lower(period)::text AS starts_on,
			(upper(period) - 1)::text AS ends_on FROM resource_claims WHERE id = $1`, r.ReleasedClaimID); err != nil {
			return mapErr(err)
		}
		var queue []WaitlistEntry
		if err := tx.SelectContext(ctx, &queue, waitlistSelect+` WHERE resource_id = $1 AND state = 'waiting'
			AND period && daterange($2::date, $3::date, '[]') ORDER BY joined_at, id FOR UPDATE`,
			freed.ResourceID, freed.StartsOn, freed.EndsOn); err != nil {
			return mapErr(err)
		}
		for _, e := range queue {
			if err := offer(ctx, tx, r, e); err != nil {
				return err
			}
		}
		return mapErr(tx.SelectContext(ctx, &out, `SELECT c.id, c.holder_id, c.expires_at, w.id AS waitlist_id
			FROM resource_claims c JOIN resource_waitlist w ON w.offer_claim_id = c.id
			WHERE c.workflow_id = $1 AND c.state = 'offered' ORDER BY c.expires_at, c.id`, r.WorkflowID))
	})
	return out, err
}

// offer claims a slot for entry e, if one is free for its dates.
func offer(ctx context.Context, tx *sqlx.Tx, r OfferRequest, e WaitlistEntry) error {
	id := fmt.Sprintf("offer-%d.%s", e.ID, r.ReleasedClaimID)
	slot, err := claimSlot(ctx, tx, newClaim{ID: id, ResourceID: e.ResourceID, StartsOn: e.StartsOn, EndsOn: e.EndsOn,
		State: ClaimOffered, HolderID: e.UserID, WorkflowID: r.WorkflowID, ExpiresAt: sql.NullTime{Time: r.Until, Valid: true}})
	if _, taken := AsClaimTaken(err); taken || errors.Is(err, ErrConflict) {
		return nil // still taken for these dates: the entry keeps waiting
	}
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE resource_waitlist SET state = 'offered', offer_claim_id = $2, offered_until = $3,
		updated_at = now() WHERE id = $1`, e.ID, id, r.Until); err != nil {
		return mapErr(err)
	}
	if err := claimEvent(ctx, tx, r.StepKey, id, "", "claim.offered",
		map[string]any{"waitlist_id": e.ID, "slot": slot, "until": r.Until}); err != nil {
		return err
	}
	at := r.Until.In(policy.Shanghai).Format("2006-01-02 15:04")
	return Notify(ctx, tx, Notification{ID: "waitlist-offer/" + id, UserID: e.UserID, Kind: "waitlist_offer",
		SubjectType: "resource", SubjectID: e.ResourceID,
		TitleZH: "候补点位已为您保留至 " + at, TitleEN: "A slot you waited for is kept for you until " + at,
		Body:   "/waitlist", // the person's waiting list, where the offer is used
		Detail: jsonDetail(map[string]any{"claim_id": id, "from": e.StartsOn, "to": e.EndsOn, "until": r.Until})})
}

// LapseOffer passes on an offer whose time is up: the entry is passed and
// the claim released. It reports whether the step released it (true again
// when retried); an offer taken, withdrawn or not yet due is left alone.
func (s *Store) LapseOffer(ctx context.Context, claimID, stepKey string) (bool, error) {
	lapsed := false
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		var c struct {
			State      string         `db:"state"`
			Due        bool           `db:"due"`
			ReleaseKey sql.NullString `db:"release_key"`
		}
		if err := tx.GetContext(ctx, &c, `SELECT state, COALESCE(expires_at <= now(), false) AS due, release_key
			FROM resource_claims WHERE id = $1 FOR UPDATE`, claimID); err != nil {
			return mapErr(err)
		}
		if c.ReleaseKey.String == stepKey {
			lapsed = true
			return nil
		}
		if c.State != ClaimOffered || !c.Due {
			return nil
		}
		if err := settleOffer(ctx, tx, claimID, "passed"); err != nil {
			return err
		}
		done, err := releaseClaims(ctx, tx, []string{claimID}, stepKey, "", "offer_lapsed")
		lapsed = len(done) == 1
		return err
	})
	return lapsed, err
}
