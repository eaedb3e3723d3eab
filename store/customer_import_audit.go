package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// auditImported appends the "customer.created" event of every customer
// just imported, as RecordCustomer's step writes it for one. Each customer
// is a chain of its own that starts here: nobody else can write to it
// before this transaction commits the customer, so there is no head to
// lock and wait for (appendEvent's upsert) — the events are chained to the
// genesis hash at the database server's clock (R5.4) and their heads
// created in the same statement; a head that exists already (it cannot,
// for a new customer) fails the import rather than fork a chain.
func auditImported(ctx context.Context, tx *sqlx.Tx, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	var rows []struct {
		ID        string    `db:"id"`
		Name      string    `db:"name"`
		Channel   string    `db:"channel"`
		OwnerID   string    `db:"owner_id"`
		CreatedBy string    `db:"created_by"`
		At        time.Time `db:"at"`
	}
	if err := tx.SelectContext(ctx, &rows, `SELECT id, name, channel, owner_id, created_by, clock_timestamp() AS at
		FROM customer_import_rows WHERE id = ANY($1) ORDER BY ord`, pq.StringArray(ids)); err != nil {
		return err
	}
	n := len(rows)
	keys, subjects, actors, details, ats, hashes := make([]string, n), make([]string, n),
		make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	for i, r := range rows {
		detail, err := json.Marshal(map[string]any{"name": r.Name, "channel": r.Channel, "owner_id": r.OwnerID})
		if err != nil {
			return fmt.Errorf("audit detail: %w", err)
		}
		e := Event{Key: "customer/" + r.ID + "/created", SubjectType: "customer", SubjectID: r.ID,
			ActorID: r.CreatedBy, Action: "customer.created", Detail: detail,
			At: r.At.UTC().Truncate(time.Microsecond), PrevHash: genesisHash}
		keys[i], subjects[i], actors[i], details[i] = e.Key, e.SubjectID, e.ActorID, string(e.Detail)
		ats[i], hashes[i] = e.At.Format(time.RFC3339Nano), eventHash(e)
	}
	const q = `WITH e AS (
			INSERT INTO audit_events (event_key, subject_type, subject_id, actor_id, action, detail, at, prev_hash, hash)
			SELECT k, 'customer', sid, NULLIF(a, ''), 'customer.created', d, t::timestamptz, $7, h
			FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
				WITH ORDINALITY AS x(k, sid, a, d, t, h, n) ORDER BY n
			RETURNING seq, subject_id, hash),
		h AS (INSERT INTO audit_heads (subject_type, subject_id, head_seq, head_hash)
			SELECT 'customer', subject_id, seq, hash FROM e ON CONFLICT DO NOTHING RETURNING 1)
		SELECT count(*) FROM h`
	var heads int
	if err := tx.GetContext(ctx, &heads, q, pq.StringArray(keys), pq.StringArray(subjects), pq.StringArray(actors),
		pq.StringArray(details), pq.StringArray(ats), pq.StringArray(hashes), genesisHash); err != nil {
		return mapErr(err)
	}
	if heads != n {
		return fmt.Errorf("audit: %d of %d new customers already had a chain", n-heads, n)
	}
	return nil
}
