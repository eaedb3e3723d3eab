package store

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// Delegation authorises ToUser to decide and sign in FromUser's name, in
// one of FromUser's roles, between StartsAt and EndsAt unless revoked
// earlier ("someone they authorised", R5.5).
type Delegation struct {
	ID           string     `json:"id" db:"id"`
	FromUser     string     `json:"from_user_id" db:"from_user"`
	FromUserName string     `json:"from_user_name" db:"from_user_name"`
	ToUser       string     `json:"to_user_id" db:"to_user"`
	ToUserName   string     `json:"to_user_name" db:"to_user_name"`
	Role         string     `json:"role" db:"role"`
	StartsAt     time.Time  `json:"starts_at" db:"starts_at"`
	EndsAt       time.Time  `json:"ends_at" db:"ends_at"`
	CreatedAt    time.Time  `json:"created_at" db:"created_at"`
	RevokedAt    *time.Time `json:"revoked_at" db:"revoked_at"`
}

const delegationSelect = `SELECT d.id, d.from_user, f.name AS from_user_name, d.to_user, t.name AS to_user_name,
	d.role, d.starts_at, d.ends_at, d.created_at, d.revoked_at
	FROM delegations d JOIN users f ON f.id = d.from_user JOIN users t ON t.id = d.to_user`

// CreateDelegation stores d, audited; the database refuses an empty period.
func (s *Store) CreateDelegation(ctx context.Context, d Delegation) (Delegation, error) {
	step := Step{Key: "delegation/" + d.ID + "/created", ActorID: d.FromUser, Action: "delegation.created",
		Detail: map[string]any{"to_user_id": d.ToUser, "role": d.Role, "starts_at": d.StartsAt, "ends_at": d.EndsAt}}
	err := s.runStep(ctx, "delegation", d.ID, step, func(tx *sqlx.Tx) error {
		const q = `INSERT INTO delegations (id, from_user, to_user, role, starts_at, ends_at) VALUES ($1, $2, $3, $4, $5, $6)`
		_, err := tx.ExecContext(ctx, q, d.ID, d.FromUser, d.ToUser, d.Role, d.StartsAt, d.EndsAt)
		return mapErr(err)
	})
	if err != nil {
		return Delegation{}, err
	}
	return s.DelegationByID(ctx, d.ID)
}

// DelegationByID returns one delegation.
func (s *Store) DelegationByID(ctx context.Context, id string) (Delegation, error) {
	var out Delegation
	err := s.db.GetContext(ctx, &out, delegationSelect+` WHERE d.id = $1`, id)
	return out, mapErr(err)
}

// RevokeDelegation ends delegation id at once (the database's time),
// audited; only its delegator or an admin may (the caller checks). A
// delegation already revoked is ErrConflict.
func (s *Store) RevokeDelegation(ctx context.Context, id, actorID, key string) (Delegation, error) {
	step := Step{Key: "delegation/" + id + "/revoked/" + key, ActorID: actorID, Action: "delegation.revoked"}
	err := s.runStep(ctx, "delegation", id, step, func(tx *sqlx.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE delegations SET revoked_at = now(), revoked_by = $2
			WHERE id = $1 AND revoked_at IS NULL`, id, actorID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrConflict
		}
		return nil
	})
	if err != nil {
		return Delegation{}, err
	}
	return s.DelegationByID(ctx, id)
}

// DelegationsOf lists the delegations a user gave or received, newest first.
func (s *Store) DelegationsOf(ctx context.Context, userID string) ([]Delegation, error) {
	out := []Delegation{}
	err := s.db.SelectContext(ctx, &out, delegationSelect+` WHERE d.from_user = $1 OR d.to_user = $1
		ORDER BY d.created_at DESC`, userID)
	return out, err
}

// Delegated is one role userID holds for someone else right now.
type Delegated struct {
	Delegator User
	Role      string
}

// activeDelegationsTo is the FROM and WHERE of the delegations user $1
// holds right now: not revoked, within the period, from an active
// delegator who still holds the role (R5.4); d is the delegation, u the
// delegator.
const activeDelegationsTo = `
	FROM delegations d JOIN users u ON u.id = d.from_user
	WHERE d.to_user = $1 AND d.revoked_at IS NULL AND d.starts_at <= now() AND now() < d.ends_at
	AND u.active AND d.role = ANY(u.roles)`

// ActiveDelegations returns the roles userID holds by delegation at this
// moment of the database clock (R5.4): not revoked, within the period,
// from an active delegator who still holds the role; oldest first.
func (s *Store) ActiveDelegations(ctx context.Context, userID string) ([]Delegated, error) {
	const q = `SELECT d.role, ` + "u.id, u.username, u.name, u.password_hash, u.roles, u.manager_id, u.discount_authority_pct, u.active, u.created_at" +
		activeDelegationsTo + ` ORDER BY d.created_at`
	var rows []struct {
		Role string `db:"role"`
		userRow
	}
	if err := s.selectPrepared(ctx, &rows, q, userID); err != nil {
		return nil, err
	}
	out := make([]Delegated, len(rows))
	for i, r := range rows {
		out[i] = Delegated{Delegator: r.userRow.toUser(), Role: r.Role}
	}
	return out, nil
}

// DelegateSeesContract reports whether a holder of the delegated roles
// needs to see the contract: a step of one of those roles waits on it, a
// company approver's delegate may sign it, or userID already acted on it.
// A delegation passes on a role's work, not sight of every contract.
func (s *Store) DelegateSeesContract(ctx context.Context, contractID, userID string, roles []string) (bool, error) {
	const q = `SELECT EXISTS (SELECT 1 FROM tasks WHERE subject_type = 'contract' AND subject_id = $1
			AND status = 'open' AND assignee_role = ANY($3))
		OR EXISTS (SELECT 1 FROM contracts WHERE id = $1 AND status = 'approved' AND 'company_approver' = ANY($3))
		OR EXISTS (SELECT 1 FROM contract_approvals WHERE contract_id = $1 AND decided_by = $2)
		OR EXISTS (SELECT 1 FROM signatures WHERE contract_id = $1 AND signer_id = $2)`
	var ok bool
	err := s.db.GetContext(ctx, &ok, q, contractID, userID, pq.StringArray(roles))
	return ok, err
}

// EscalatedTo reports whether a task of the contract was escalated to
// userID (they may then see and decide it).
func (s *Store) EscalatedTo(ctx context.Context, contractID, userID string) (bool, error) {
	var n int
	err := s.db.GetContext(ctx, &n, `SELECT count(*) FROM tasks WHERE subject_type = 'contract' AND subject_id = $1
		AND assignee_user_id = $2`, contractID, userID)
	return n > 0, err
}
