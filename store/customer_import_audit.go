package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// auditImported appends the "customer.created" event of every customer
// just imported (staged at ords), as RecordCustomer's step writes it for
// one. Each customer is a chain of its own that starts here: nobody else
// can write to it before this transaction commits the customer, so there
// is no head to lock and wait for (appendEvent's upsert). The events are
// chained to the genesis hash and hashed here in one pass, at one read of
// the database server's clock (R5.4), with their seqs drawn from the
// trail's sequence in the same query — after the customers' insert gave
// the transaction its id, as settledSeq counts on — and COPYed in with
// their new heads. A head that exists already (it cannot, for a new
// customer) fails the import rather than fork a chain.
func auditImported(ctx context.Context, tx *sqlx.Tx, staged []Customer, ords []int) error {
	n := len(ords)
	if n == 0 {
		return nil
	}
	var drawn struct {
		Seqs pq.Int64Array `db:"seqs"`
		At   time.Time     `db:"at"`
	}
	if err := tx.GetContext(ctx, &drawn, `SELECT array_agg(nextval('audit_events_seq_seq') ORDER BY g) AS seqs,
		clock_timestamp() AS at FROM generate_series(1, $1) g`, n); err != nil {
		return err
	}
	events := make([]Event, n)
	for k, i := range ords {
		e, err := createdEvent(staged[i], drawn.At)
		if err != nil {
			return err
		}
		e.Seq = drawn.Seqs[k]
		events[k] = e
	}
	err := copyRows(ctx, tx, "audit_events", []string{"seq", "event_key", "subject_type", "subject_id", "actor_id",
		"action", "detail", "at", "prev_hash", "hash"}, n, func(k int) []any {
		e := events[k]
		var actor any
		if e.ActorID != "" {
			actor = e.ActorID
		}
		return []any{e.Seq, e.Key, e.SubjectType, e.SubjectID, actor, e.Action, string(e.Detail), e.At, e.PrevHash, e.Hash}
	})
	if err != nil {
		return err
	}
	err = copyRows(ctx, tx, "audit_heads", []string{"subject_type", "subject_id", "head_seq", "head_hash"}, n,
		func(k int) []any {
			e := events[k]
			return []any{e.SubjectType, e.SubjectID, e.Seq, e.Hash}
		})
	if err != nil {
		return fmt.Errorf("audit: a new customer already had a chain: %w", err)
	}
	return nil
}
