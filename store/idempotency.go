package store

import (
	"bytes"
	"context"
	"errors"
	"time"
)

// ErrIdempotencyMismatch: the key was used before, by the same user for the
// same method and path, with another request body.
var ErrIdempotencyMismatch = errors.New("idempotency key used for a different request")

// IdempotencyClaim names one use of an Idempotency-Key: whose, which key,
// the request's method and path (scope) and the SHA-256 of its body.
type IdempotencyClaim struct {
	UserID, Key, Scope string
	RequestHash        []byte
}

// ClaimIdempotencyKey records the claim the first time and reports fresh;
// the same claim again (a retry) is accepted, not fresh; the same user, key
// and scope with another hash is ErrIdempotencyMismatch. The claim is a
// prepared statement: it is on every request with a key (issue 12).
//
// Its commit does not wait for the WAL to reach the disk (claimQuery).
func (s *Store) ClaimIdempotencyKey(ctx context.Context, c IdempotencyClaim) (fresh bool, err error) {
	const existing = `SELECT request_hash FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND scope = $3`
	for range 2 { // a claim released between the two statements is claimed again
		var claimed []bool
		if err := s.selectPrepared(ctx, &claimed, claimQuery, c.UserID, c.Key, c.Scope, c.RequestHash); err != nil {
			return false, err
		}
		if len(claimed) == 1 {
			return true, nil
		}
		var hash []byte
		err = s.db.GetContext(ctx, &hash, existing, c.UserID, c.Key, c.Scope)
		if errors.Is(mapErr(err), ErrNotFound) {
			continue
		}
		if err != nil {
			return false, err
		}
		if !bytes.Equal(hash, c.RequestHash) {
			return false, ErrIdempotencyMismatch
		}
		return false, nil
	}
	return false, ErrConflict
}

// claimQuery records a claim without waiting for its flush (asyncCommit).
// A keyed request's commit waited behind whatever else was being flushed,
// up to 40 ms in the tail of a decision's time (issue 12), for a row whose
// durability is owed to nothing on its own:
//   - WAL is one stream, so the request's own write, committed
//     synchronously after the claim (a step, a new customer), flushes the
//     claim with it: when the write is durable, so is its claim.
//   - A claim lost in a database crash belongs to a request whose write had
//     not committed. Its retry claims the key again and does what the key
//     names: the record the key derives or the Update whose ID it is, which
//     Temporal runs once. Only a different body sent with that key in that
//     window is then not refused with a 422 (as after the keys' retention).
const claimQuery = `INSERT INTO idempotency_keys (user_id, key, scope, request_hash)
		SELECT $1, $2, $3, $4 FROM ` + asyncCommit + `
		ON CONFLICT DO NOTHING RETURNING true`

// asyncCommit is a one-row subquery that turns synchronous_commit off for
// the transaction of the statement it is in, and only for it (set_config's
// third argument): that commit returns without waiting for its WAL record
// to reach the disk. It is for the rows a crash may lose without anything
// being lost or done twice, each of which says why.
const asyncCommit = `(SELECT set_config('synchronous_commit', 'off', true)) AS async_commit`

// ReleaseIdempotencyKey forgets a fresh claim whose request was refused
// before anything was done, so the corrected request may use the key.
func (s *Store) ReleaseIdempotencyKey(ctx context.Context, c IdempotencyClaim) error {
	const q = `DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND scope = $3 AND request_hash = $4`
	_, err := s.db.ExecContext(ctx, q, c.UserID, c.Key, c.Scope, c.RequestHash)
	return err
}

// PurgeIdempotencyKeys deletes up to limit claims made before olderThan
// ago, oldest first, and answers how many went. A key past its retention
// no longer refuses another body (422); nothing it guarded can happen
// twice, as what each use does is named by the key itself (a record's ID,
// an Update's ID derived from it), not by this row.
func (s *Store) PurgeIdempotencyKeys(ctx context.Context, olderThan time.Duration, limit int) (int, error) {
	const q = `DELETE FROM idempotency_keys WHERE (user_id, key, scope) IN (
		SELECT user_id, key, scope FROM idempotency_keys WHERE created_at < now() - make_interval(secs => $1)
		ORDER BY created_at LIMIT $2)`
	res, err := s.db.ExecContext(ctx, q, olderThan.Seconds(), limit)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}
