package store

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"time"

	"github.com/jmoiron/sqlx"
)

// Throttle scopes: a count per username typed and per client address.
const (
	ThrottleAccount = "account"
	ThrottleSource  = "source"
)

// ThrottleKey names one count of sign-in attempts.
type ThrottleKey struct{ Scope, Key string }

// LoginThrottle is one count of failed sign-ins (issue 11, point 8).
// BlockedUntil is zero when the next attempt may come at once.
type LoginThrottle struct {
	ThrottleKey
	Failures      int
	LastAttemptAt time.Time
	BlockedUntil  time.Time
}

type throttleRow struct {
	Scope         string       `db:"scope"`
	Key           string       `db:"key"`
	Failures      int          `db:"failures"`
	LastAttemptAt time.Time    `db:"last_attempt_at"`
	BlockedUntil  sql.NullTime `db:"blocked_until"`
	Now           time.Time    `db:"now"`
}

func (r throttleRow) toThrottle() LoginThrottle {
	return LoginThrottle{ThrottleKey: ThrottleKey{r.Scope, r.Key}, Failures: r.Failures,
		LastAttemptAt: r.LastAttemptAt, BlockedUntil: r.BlockedUntil.Time}
}

// throttleKept is how long a count nobody touches is kept; it bounds the
// table when someone types a thousand made-up names, and is longer than
// any rule's Forget.
const throttleKept = 24 * time.Hour

// WithLoginThrottles locks the counts of keys in one transaction (a count
// not kept yet starts at zero), calls fn with them and the database's
// clock — one clock for every API process — and writes back what fn left
// in them; a count left at zero failures is removed. When fn fails nothing
// is written. Locking both counts of one attempt is what makes parallel
// guesses wait their turn instead of all passing one check.
func (s *Store) WithLoginThrottles(ctx context.Context, keys []ThrottleKey, fn func(now time.Time, counts []*LoginThrottle) error) error {
	keys = slices.Clone(keys) // one order for every transaction: no deadlocks
	slices.SortFunc(keys, func(a, b ThrottleKey) int { return cmp.Or(cmp.Compare(a.Scope, b.Scope), cmp.Compare(a.Key, b.Key)) })
	return s.inTx(ctx, func(tx *sqlx.Tx) error {
		var now time.Time
		counts := make([]*LoginThrottle, len(keys))
		for i, k := range keys {
			const ins = `INSERT INTO login_throttles (scope, key, failures, last_attempt_at)
				VALUES ($1, $2, 0, now()) ON CONFLICT DO NOTHING`
			if _, err := tx.ExecContext(ctx, ins, k.Scope, k.Key); err != nil {
				return mapErr(err)
			}
			var r throttleRow
			const sel = `SELECT scope, key, failures, last_attempt_at, blocked_until, now() AS now
				FROM login_throttles WHERE scope = $1 AND key = $2 FOR UPDATE`
			if err := tx.GetContext(ctx, &r, sel, k.Scope, k.Key); err != nil {
				return mapErr(err)
			}
			t := r.toThrottle()
			counts[i], now = &t, r.Now
		}
		if err := fn(now, counts); err != nil {
			return err
		}
		for _, t := range counts {
			if err := putThrottle(ctx, tx, t); err != nil {
				return err
			}
		}
		return pruneThrottles(ctx, tx)
	})
}

func putThrottle(ctx context.Context, tx *sqlx.Tx, t *LoginThrottle) error {
	if t.Failures <= 0 {
		_, err := tx.ExecContext(ctx, `DELETE FROM login_throttles WHERE scope = $1 AND key = $2`, t.Scope, t.Key)
		return err
	}
	const q = `UPDATE login_throttles SET failures = $3, last_attempt_at = $4, blocked_until = $5
		WHERE scope = $1 AND key = $2`
	_, err := tx.ExecContext(ctx, q, t.Scope, t.Key, t.Failures, t.LastAttemptAt,
		sql.NullTime{Time: t.BlockedUntil, Valid: !t.BlockedUntil.IsZero()})
	return err
}

// pruneThrottles drops a few counts nobody has touched for throttleKept;
// SKIP LOCKED leaves alone one another attempt is holding right now.
func pruneThrottles(ctx context.Context, tx *sqlx.Tx) error {
	const q = `DELETE FROM login_throttles WHERE ctid IN (SELECT ctid FROM login_throttles
		WHERE last_attempt_at < now() - make_interval(secs => $1)
		  AND (blocked_until IS NULL OR blocked_until < now())
		LIMIT 100 FOR UPDATE SKIP LOCKED)`
	_, err := tx.ExecContext(ctx, q, throttleKept.Seconds())
	return err
}

// LoginThrottles lists every count with failures, the latest first, for
// the admin; now is the database's clock.
func (s *Store) LoginThrottles(ctx context.Context) ([]LoginThrottle, time.Time, error) {
	const q = `SELECT scope, key, failures, last_attempt_at, blocked_until, now() AS now
		FROM login_throttles WHERE failures > 0 ORDER BY last_attempt_at DESC LIMIT 500`
	var rows []throttleRow
	if err := s.db.SelectContext(ctx, &rows, q); err != nil {
		return nil, time.Time{}, err
	}
	now := time.Now()
	out := make([]LoginThrottle, len(rows))
	for i, r := range rows {
		out[i], now = r.toThrottle(), r.Now
	}
	return out, now, nil
}

// ClearLoginThrottle forgets one count (an admin lifting a lock);
// ErrNotFound when there is none.
func (s *Store) ClearLoginThrottle(ctx context.Context, k ThrottleKey) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM login_throttles WHERE scope = $1 AND key = $2`, k.Scope, k.Key)
	if err != nil {
		return mapErr(err)
	}
	if rows, err := res.RowsAffected(); err != nil || rows == 0 {
		return ErrNotFound
	}
	return nil
}
