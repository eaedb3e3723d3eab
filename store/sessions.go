package store

import (
	"context"
	"crypto/sha256"
	"time"

	"github.com/jmoiron/sqlx"
)

// Session is one signed-in browser or client as its owner sees it: never
// the token, which only its holder knows (the table keeps its SHA-256).
type Session struct {
	ID         string    `db:"id"`
	UserID     string    `db:"user_id"`
	CreatedAt  time.Time `db:"created_at"`
	LastUsedAt time.Time `db:"last_used_at"`
	ExpiresAt  time.Time `db:"expires_at"`
	ClientIP   string    `db:"client_ip"`
	UserAgent  string    `db:"user_agent"`
}

// NewSession is a session about to be opened for a password just checked.
type NewSession struct {
	Token, UserID string
	// PasswordHash is the hash the password was checked against.
	PasswordHash        string
	ClientIP, UserAgent string
	Expires             time.Time
}

const sessionColumns = `s.id, s.user_id, s.created_at, s.last_used_at, s.expires_at, s.client_ip, s.user_agent`

// liveSession is the condition of a session that still signs someone in.
const liveSession = `s.revoked_at IS NULL AND s.expires_at > now()`

// CreateSession stores the hash of n.Token, but only while the user is
// active and still has the password hash that was checked: a password
// change or deactivation between the check and this insert would
// otherwise hand out a session that change was meant to end. ErrNotFound
// when the user no longer qualifies.
func (s *Store) CreateSession(ctx context.Context, n NewSession) error {
	const q = `INSERT INTO sessions (token_hash, user_id, expires_at, client_ip, user_agent)
		SELECT $1, id, $3, left($4, 64), left($5, 256) FROM users
		WHERE id = $2 AND active AND password_hash = $6`
	res, err := s.db.ExecContext(ctx, q, hashToken(n.Token), n.UserID, n.Expires, n.ClientIP, n.UserAgent, n.PasswordHash)
	if err != nil {
		return mapErr(err)
	}
	if rows, err := res.RowsAffected(); err != nil || rows == 0 {
		return ErrNotFound
	}
	return nil
}

// sessionUserRow is a user with the session they are signed in by.
type sessionUserRow struct {
	userRow
	SessionID  string    `db:"session_id"`
	LastUsedAt time.Time `db:"last_used_at"`
}

// UserBySession returns the active user holding a live, unrevoked token
// and that session (ID and LastUsedAt filled).
func (s *Store) UserBySession(ctx context.Context, token string) (User, Session, error) {
	const q = `SELECT u.id, u.username, u.name, u.password_hash, u.roles, u.manager_id,
		u.discount_authority_pct, u.active, u.created_at, s.id AS session_id, s.last_used_at
		FROM sessions s JOIN users u ON u.id = s.user_id
		WHERE s.token_hash = $1 AND ` + liveSession + ` AND u.active`
	var r sessionUserRow
	if err := s.getPrepared(ctx, &r, q, hashToken(token)); err != nil {
		return User{}, Session{}, mapErr(err)
	}
	return r.toUser(), Session{ID: r.SessionID, UserID: r.ID, LastUsedAt: r.LastUsedAt}, nil
}

// TouchSession records that session id was used now. Callers touch at
// most once a minute per session, so reading pages is not a write each.
func (s *Store) TouchSession(ctx context.Context, id string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE sessions SET last_used_at = now() WHERE id = $1`, id)
	return err
}

// RevokeSession ends a session at once.
func (s *Store) RevokeSession(ctx context.Context, token string) error {
	const q = `UPDATE sessions SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL`
	_, err := s.db.ExecContext(ctx, q, hashToken(token))
	return err
}

// SessionsOf lists the user's live sessions, the most recently used first.
func (s *Store) SessionsOf(ctx context.Context, userID string) ([]Session, error) {
	q := `SELECT ` + sessionColumns + ` FROM sessions s WHERE s.user_id = $1 AND ` + liveSession +
		` ORDER BY s.last_used_at DESC, s.created_at DESC`
	out := []Session{}
	return out, s.db.SelectContext(ctx, &out, q, userID)
}

// RevokeUserSession ends the user's live session id; ErrNotFound when it
// is not theirs or not live (so nobody learns another user's session ids).
func (s *Store) RevokeUserSession(ctx context.Context, userID, id string) error {
	const q = `UPDATE sessions s SET revoked_at = now()
		WHERE s.user_id = $1 AND s.id::text = $2 AND ` + liveSession
	res, err := s.db.ExecContext(ctx, q, userID, id)
	if err != nil {
		return mapErr(err)
	}
	if rows, err := res.RowsAffected(); err != nil || rows == 0 {
		return ErrNotFound
	}
	return nil
}

// revokeUserSessions ends every live session of the user, in tx.
func revokeUserSessions(ctx context.Context, tx *sqlx.Tx, userID string) error {
	_, err := tx.ExecContext(ctx, `UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, userID)
	return err
}

func hashToken(token string) []byte {
	sum := sha256.Sum256([]byte(token))
	return sum[:]
}
