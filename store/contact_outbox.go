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

// The outbox (contact_deadline_outbox, migrations/00027) holds one row per
// ownership whose deadline workflow is not started yet. It is written in
// the same statement or transaction as the ownership, by these pieces:

// outboxOfInserted is the data-modifying CTE that puts every owned row of
// the CTE named c — customers just inserted, RETURNING * — in the outbox.
const outboxOfInserted = `ob AS (INSERT INTO contact_deadline_outbox (customer_id, generation, owned_since)
		SELECT c.id, c.owner_generation, c.owned_since FROM c WHERE c.owner_id IS NOT NULL)`

// outboxNewOwnership replaces whatever the outbox holds of customer $1
// (an earlier ownership's start that never came) with its generation $2,
// owned from now, unless $3 says the new ownership's workflow is started
// another way.
const outboxNewOwnership = `WITH gone AS (DELETE FROM contact_deadline_outbox WHERE customer_id = $1)
	INSERT INTO contact_deadline_outbox (customer_id, generation, owned_since)
	SELECT $1, $2, now() WHERE $3`

// pendingOwnerships is the outbox's rows with their customers, guarded to
// the customer's current ownership (which every row is, see
// ContactOutboxBacklog). Each row looks its customer up by key, the LIMIT
// keeping the subquery a lookup per row: joined plainly, the planner
// hashed all 1,000,000 customers whenever the outbox had grown since it
// was last analysed, as an import makes it in seconds (0.2–0.4 s a sweep
// instead of 2 ms).
const pendingOwnerships = `FROM contact_deadline_outbox o
	CROSS JOIN LATERAL (SELECT c.id, c.owner_id, c.owner_generation FROM customers c
		WHERE c.id = o.customer_id AND c.owner_generation = o.generation AND c.owner_id IS NOT NULL LIMIT 1) c`

// PendingContactDeadlines lists up to limit ownerships waiting for their
// deadline workflow, oldest first.
func (s *Store) PendingContactDeadlines(ctx context.Context, limit int) ([]PendingDeadline, error) {
	const q = `SELECT c.id, c.owner_id, c.owner_generation ` + pendingOwnerships + `
		ORDER BY o.owned_since, o.customer_id LIMIT $1`
	var out []PendingDeadline
	err := s.db.SelectContext(ctx, &out, q, limit)
	return out, err
}

// MarkDeadlineStarted records that ownership generation of customerID has
// its deadline workflow: its outbox row, and any older one, goes. It
// writes only the outbox, never the customer's row and its indexes.
func (s *Store) MarkDeadlineStarted(ctx context.Context, customerID string, generation int) error {
	_, err := s.db.ExecContext(ctx, markStartedQuery, customerID, generation)
	return err
}

// markStartedQuery deletes the outbox rows without waiting for the flush
// (asyncCommit): every create starts its deadline right after answering,
// and this commit's flush sat in the way of the next create's (issue 12).
// A deletion a crash loses leaves the ownership pending again; the
// sweeper's start then meets the workflow by its ID (StartOnce) and marks
// it once more, so nothing is started twice.
const markStartedQuery = `DELETE FROM contact_deadline_outbox USING ` + asyncCommit + `
	WHERE customer_id = $1 AND generation <= $2`

// ContactOutboxBacklog counts the ownerships PendingContactDeadlines would
// list (the metrics' backlog gauge): the outbox's rows, as every one is a
// current ownership — the only change of owner (AssignCustomer) replaces
// the customer's rows, a start removes them — and counting them is cheap
// at any backlog, where looking up each one's customer took a second at
// 100,000 pending.
func (s *Store) ContactOutboxBacklog(ctx context.Context) (int, error) {
	var n int
	err := s.db.GetContext(ctx, &n, `SELECT count(*) FROM contact_deadline_outbox`)
	return n, err
}
