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
// just imported, as RecordCustomer's step writes it for one: each
// customer is a chain of its own (appendEvent), so the heads are locked
// in one statement, in subject order (the order appendEvent asks of a
// transaction that appends several), the hashes computed here and the
// events and heads written in one more.
func auditImported(ctx context.Context, tx *sqlx.Tx, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	const lock = `WITH h AS (
			INSERT INTO audit_heads AS h (subject_type, subject_id, head_seq, head_hash)
			SELECT 'customer', id, 0, $2 FROM unnest($1::text[]) AS id ORDER BY id
			ON CONFLICT (subject_type, subject_id) DO UPDATE SET head_seq = h.head_seq
			RETURNING h.subject_id, h.head_hash, clock_timestamp() AS at)
		SELECT h.subject_id, h.head_hash, h.at, s.name, s.channel, s.owner_id, s.created_by
		FROM h JOIN customer_import_rows s ON s.id = h.subject_id ORDER BY s.ord`
	var heads []struct {
		ID        string    `db:"subject_id"`
		PrevHash  string    `db:"head_hash"`
		At        time.Time `db:"at"`
		Name      string    `db:"name"`
		Channel   string    `db:"channel"`
		OwnerID   string    `db:"owner_id"`
		CreatedBy string    `db:"created_by"`
	}
	if err := tx.SelectContext(ctx, &heads, lock, pq.StringArray(ids), genesisHash); err != nil {
		return err
	}
	n := len(heads)
	keys, subjects, actors, details, ats, prevs, hashes := make([]string, n), make([]string, n),
		make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	for i, h := range heads {
		detail, err := json.Marshal(map[string]any{"name": h.Name, "channel": h.Channel, "owner_id": h.OwnerID})
		if err != nil {
			return fmt.Errorf("audit detail: %w", err)
		}
		e := Event{Key: "customer/" + h.ID + "/created", SubjectType: "customer", SubjectID: h.ID,
			ActorID: h.CreatedBy, Action: "customer.created", Detail: detail,
			At: h.At.UTC().Truncate(time.Microsecond), PrevHash: h.PrevHash}
		keys[i], subjects[i], actors[i], details[i] = e.Key, e.SubjectID, e.ActorID, string(e.Detail)
		ats[i], prevs[i], hashes[i] = e.At.Format(time.RFC3339Nano), e.PrevHash, eventHash(e)
	}
	const q = `WITH e AS (
			INSERT INTO audit_events (event_key, subject_type, subject_id, actor_id, action, detail, at, prev_hash, hash)
			SELECT k, 'customer', sid, NULLIF(a, ''), 'customer.created', d, t::timestamptz, p, h
			FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
				WITH ORDINALITY AS x(k, sid, a, d, t, p, h, n) ORDER BY n
			RETURNING seq, subject_id, hash)
		UPDATE audit_heads SET head_seq = e.seq, head_hash = e.hash FROM e
		WHERE subject_type = 'customer' AND audit_heads.subject_id = e.subject_id`
	_, err := tx.ExecContext(ctx, q, pq.StringArray(keys), pq.StringArray(subjects), pq.StringArray(actors),
		pq.StringArray(details), pq.StringArray(ats), pq.StringArray(prevs), pq.StringArray(hashes))
	return mapErr(err)
}
