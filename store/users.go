package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// User is a person who signs in. PasswordHash is never serialised.
type User struct {
	ID                   string    `json:"id"`
	Username             string    `json:"username"`
	Name                 string    `json:"name"`
	Roles                []string  `json:"roles"`
	ManagerID            string    `json:"manager_id,omitempty"`
	DiscountAuthorityPct int       `json:"discount_authority_pct"`
	Active               bool      `json:"active"`
	CreatedAt            time.Time `json:"created_at"`
	PasswordHash         string    `json:"-"`
}

type userRow struct {
	ID                   string         `db:"id"`
	Username             string         `db:"username"`
	Name                 string         `db:"name"`
	PasswordHash         string         `db:"password_hash"`
	Roles                pq.StringArray `db:"roles"`
	ManagerID            sql.NullString `db:"manager_id"`
	DiscountAuthorityPct int            `db:"discount_authority_pct"`
	Active               bool           `db:"active"`
	CreatedAt            time.Time      `db:"created_at"`
}

func (r userRow) toUser() User {
	return User{ID: r.ID, Username: r.Username, Name: r.Name, Roles: []string(r.Roles),
		ManagerID: r.ManagerID.String, DiscountAuthorityPct: r.DiscountAuthorityPct,
		Active: r.Active, CreatedAt: r.CreatedAt, PasswordHash: r.PasswordHash}
}

const userColumns = `id, username, name, password_hash, roles, manager_id,
	discount_authority_pct, active, created_at`

// CreateUser inserts u; a taken username is ErrDuplicate.
func (s *Store) CreateUser(ctx context.Context, u User) (User, error) {
	const q = `INSERT INTO users (id, username, name, password_hash, roles, manager_id, discount_authority_pct)
		VALUES ($1, $2, $3, $4, $5, NULLIF($6, ''), $7) RETURNING ` + userColumns
	var r userRow
	err := s.db.GetContext(ctx, &r, q, u.ID, u.Username, u.Name, u.PasswordHash,
		pq.StringArray(u.Roles), u.ManagerID, u.DiscountAuthorityPct)
	if err != nil {
		return User{}, mapErr(err)
	}
	return r.toUser(), nil
}

// UserPatch holds the fields an admin may change; nil means unchanged.
type UserPatch struct {
	Name                 *string
	Roles                []string
	ManagerID            *string
	DiscountAuthorityPct *int
	Active               *bool
	PasswordHash         *string
}

// UpdateUser applies p to the user id and returns the result. A new
// password or a change of active ends every session the user had, in the
// same transaction: a token from before a password reset must not outlive
// it, nor one from before a deactivation come back with the reactivation.
func (s *Store) UpdateUser(ctx context.Context, id string, p UserPatch) (User, error) {
	const q = `UPDATE users SET
		name = COALESCE($2, name),
		roles = COALESCE($3, roles),
		manager_id = CASE WHEN $4::text IS NULL THEN manager_id ELSE NULLIF($4, '') END,
		discount_authority_pct = COALESCE($5, discount_authority_pct),
		active = COALESCE($6, active),
		password_hash = COALESCE($7, password_hash),
		updated_at = now()
		WHERE id = $1 RETURNING ` + userColumns
	var roles any
	if p.Roles != nil {
		roles = pq.StringArray(p.Roles)
	}
	var r userRow
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		var before userRow
		if err := tx.GetContext(ctx, &before, `SELECT `+userColumns+` FROM users WHERE id = $1 FOR UPDATE`, id); err != nil {
			return mapErr(err)
		}
		if err := tx.GetContext(ctx, &r, q, id, p.Name, roles, p.ManagerID, p.DiscountAuthorityPct, p.Active, p.PasswordHash); err != nil {
			return mapErr(err)
		}
		if r.PasswordHash != before.PasswordHash || r.Active != before.Active {
			return revokeUserSessions(ctx, tx, id)
		}
		return nil
	})
	if err != nil {
		return User{}, err
	}
	return r.toUser(), nil
}

// UserByID returns one user.
func (s *Store) UserByID(ctx context.Context, id string) (User, error) {
	return s.getUser(ctx, `SELECT `+userColumns+` FROM users WHERE id = $1`, id)
}

// UserByUsername returns one user by login name.
func (s *Store) UserByUsername(ctx context.Context, username string) (User, error) {
	return s.getUser(ctx, `SELECT `+userColumns+` FROM users WHERE username = $1`, username)
}

func (s *Store) getUser(ctx context.Context, q string, arg any) (User, error) {
	var r userRow
	if err := s.db.GetContext(ctx, &r, q, arg); err != nil {
		return User{}, mapErr(err)
	}
	return r.toUser(), nil
}

// ListUsers returns every user ordered by username.
func (s *Store) ListUsers(ctx context.Context) ([]User, error) {
	var rows []userRow
	if err := s.db.SelectContext(ctx, &rows, `SELECT `+userColumns+` FROM users ORDER BY username`); err != nil {
		return nil, err
	}
	users := make([]User, len(rows))
	for i, r := range rows {
		users[i] = r.toUser()
	}
	return users, nil
}

// usersByIDs loads names for display, keyed by id.
func usersByIDs(ctx context.Context, db sqlx.QueryerContext, ids []string) (map[string]string, error) {
	names := map[string]string{}
	if len(ids) == 0 {
		return names, nil
	}
	rows, err := db.QueryxContext(ctx, `SELECT id, name FROM users WHERE id = ANY($1)`, pq.StringArray(ids))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		names[id] = name
	}
	return names, rows.Err()
}
