package store

import (
	"context"
)

// PendingDeadline is an ownership whose contact-deadline workflow (R2.5)
// has not been started yet.
type PendingDeadline struct {
	CustomerID string `db:"id"`
	OwnerID    string `db:"owner_id"`
	Generation int    `db:"owner_generation"`
}

// deadlinePending is the outbox's predicate; it matches the partial index
// customers_deadline_pending, so the sweep and the backlog gauge stay cheap.
const deadlinePending = `owner_id IS NOT NULL AND deadline_started_generation < owner_generation`

// PendingContactDeadlines lists up to limit ownerships waiting for their
// deadline workflow, oldest first.
func (s *Store) PendingContactDeadlines(ctx context.Context, limit int) ([]PendingDeadline, error) {
	const q = `SELECT id, owner_id, owner_generation FROM customers WHERE ` + deadlinePending + `
		ORDER BY owned_since, id LIMIT $1`
	var out []PendingDeadline
	err := s.db.SelectContext(ctx, &out, q, limit)
	return out, err
}

// MarkDeadlineStarted records that ownership generation of customerID has
// its deadline workflow; an older generation never overwrites a newer one.
func (s *Store) MarkDeadlineStarted(ctx context.Context, customerID string, generation int) error {
	const q = `UPDATE customers SET deadline_started_generation = GREATEST(deadline_started_generation, $2) WHERE id = $1`
	_, err := s.db.ExecContext(ctx, q, customerID, generation)
	return err
}

// ContactOutboxBacklog counts the ownerships PendingContactDeadlines would
// list (the metrics' backlog gauge).
func (s *Store) ContactOutboxBacklog(ctx context.Context) (int, error) {
	var n int
	err := s.db.GetContext(ctx, &n, `SELECT count(*) FROM customers WHERE `+deadlinePending)
	return n, err
}
