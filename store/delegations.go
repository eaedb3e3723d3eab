package store

import (
	"context"
	"time"
)

// Delegation authorises ToUser to decide and sign in FromUser's name
// between StartsAt and EndsAt ("someone they authorised", R5.5).
type Delegation struct {
	ID           string    `json:"id" db:"id"`
	FromUser     string    `json:"from_user_id" db:"from_user"`
	FromUserName string    `json:"from_user_name" db:"from_user_name"`
	ToUser       string    `json:"to_user_id" db:"to_user"`
	ToUserName   string    `json:"to_user_name" db:"to_user_name"`
	StartsAt     time.Time `json:"starts_at" db:"starts_at"`
	EndsAt       time.Time `json:"ends_at" db:"ends_at"`
	CreatedAt    time.Time `json:"created_at" db:"created_at"`
}

const delegationSelect = `SELECT d.id, d.from_user, f.name AS from_user_name, d.to_user, t.name AS to_user_name,
	d.starts_at, d.ends_at, d.created_at FROM delegations d JOIN users f ON f.id = d.from_user JOIN users t ON t.id = d.to_user`

// CreateDelegation stores d; the database refuses an empty period.
func (s *Store) CreateDelegation(ctx context.Context, d Delegation) (Delegation, error) {
	const q = `INSERT INTO delegations (id, from_user, to_user, starts_at, ends_at) VALUES ($1, $2, $3, $4, $5)`
	if _, err := s.db.ExecContext(ctx, q, d.ID, d.FromUser, d.ToUser, d.StartsAt, d.EndsAt); err != nil {
		return Delegation{}, mapErr(err)
	}
	var out Delegation
	err := s.db.GetContext(ctx, &out, delegationSelect+` WHERE d.id = $1`, d.ID)
	return out, mapErr(err)
}

// DelegationsOf lists the delegations a user gave or received, newest first.
func (s *Store) DelegationsOf(ctx context.Context, userID string) ([]Delegation, error) {
	out := []Delegation{}
	err := s.db.SelectContext(ctx, &out, delegationSelect+` WHERE d.from_user = $1 OR d.to_user = $1
		ORDER BY d.created_at DESC`, userID)
	return out, err
}

// ActiveDelegators returns the active users who have authorised userID at
// this moment of the database clock (R5.4), oldest delegation first.
func (s *Store) ActiveDelegators(ctx context.Context, userID string) ([]User, error) {
	const q = `SELECT ` + "u.id, u.username, u.name, u.password_hash, u.roles, u.manager_id, u.discount_authority_pct, u.active, u.created_at" + `
		FROM delegations d JOIN users u ON u.id = d.from_user
		WHERE d.to_user = $1 AND d.starts_at <= now() AND now() < d.ends_at AND u.active
		ORDER BY d.created_at`
	var rows []userRow
	if err := s.db.SelectContext(ctx, &rows, q, userID); err != nil {
		return nil, err
	}
	out := make([]User, len(rows))
	for i, r := range rows {
		out[i] = r.toUser()
	}
	return out, nil
}

// EscalatedTo reports whether a task of the contract was escalated to
// userID (they may then see and decide it).
func (s *Store) EscalatedTo(ctx context.Context, contractID, userID string) (bool, error) {
	var n int
	err := s.db.GetContext(ctx, &n, `SELECT count(*) FROM tasks WHERE subject_type = 'contract' AND subject_id = $1
		AND assignee_user_id = $2`, contractID, userID)
	return n > 0, err
}
