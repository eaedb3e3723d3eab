package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
)

// genesisHash is the prev_hash of the first event of a chain.
const genesisHash = "0000000000000000000000000000000000000000000000000000000000000000"

// Event is one append-only audit record: who did what to which subject, at
// the server's time (R5.4), chained by hash to its subject's event before
// it (to the event before it in the whole trail for rows written before
// migration 00014, the legacy chain).
type Event struct {
	Seq         int64           `json:"seq"`
	Key         string          `json:"-"`
	SubjectType string          `json:"subject_type"`
	SubjectID   string          `json:"subject_id"`
	ActorID     string          `json:"actor_id,omitempty"`
	ActorName   string          `json:"actor_name,omitempty"`
	OnBehalfOf  string          `json:"on_behalf_of,omitempty"`
	Action      string          `json:"action"`
	Detail      json.RawMessage `json:"detail"`
	At          time.Time       `json:"at"`
	PrevHash    string          `json:"prev_hash"`
	Hash        string          `json:"hash"`
}

type eventRow struct {
	Seq         int64          `db:"seq"`
	Key         string         `db:"event_key"`
	SubjectType string         `db:"subject_type"`
	SubjectID   string         `db:"subject_id"`
	ActorID     sql.NullString `db:"actor_id"`
	ActorName   sql.NullString `db:"actor_name"`
	OnBehalfOf  sql.NullString `db:"on_behalf_of"`
	Action      string         `db:"action"`
	Detail      string         `db:"detail"`
	At          time.Time      `db:"at"`
	PrevHash    string         `db:"prev_hash"`
	Hash        string         `db:"hash"`
}

func (r eventRow) toEvent() Event {
	return Event{Seq: r.Seq, Key: r.Key, SubjectType: r.SubjectType, SubjectID: r.SubjectID,
		ActorID: r.ActorID.String, ActorName: r.ActorName.String, OnBehalfOf: r.OnBehalfOf.String,
		Action: r.Action, Detail: json.RawMessage(r.Detail), At: r.At, PrevHash: r.PrevHash, Hash: r.Hash}
}

// eventHash is the SHA-256 over the previous hash and the event's fields,
// separated by a byte that cannot occur in them.
func eventHash(e Event) string {
	h := sha256.New()
	for _, part := range []string{e.PrevHash, e.Key, e.SubjectType, e.SubjectID, e.ActorID,
		e.OnBehalfOf, e.Action, string(e.Detail), e.At.UTC().Format(time.RFC3339Nano)} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// stepDone reports whether the step with this event key was already
// committed: each step writes its audit event in the same transaction as its
// other rows, so a retried activity finds it and writes nothing twice.
func stepDone(ctx context.Context, tx *sqlx.Tx, key string) (bool, error) {
	var n int
	err := tx.GetContext(ctx, &n, `SELECT count(*) FROM audit_events WHERE event_key = $1`, key)
	return n > 0, err
}

// appendEvent chains e to the previous event of its subject. Writers of one
// subject serialise on the subject's row in audit_heads, held to COMMIT;
// writers of other subjects do not wait (issue 12). The upsert locks the
// row (creating it for a subject's first event, so two first writers queue
// as well) and answers the previous hash with the database server's clock
// read after the lock, so the times of one chain follow its order (R5.4).
// A transaction that appends several events must append them in a fixed
// order of subjects, or two such transactions can deadlock.
func appendEvent(ctx context.Context, tx *sqlx.Tx, e Event) error {
	const lock = `INSERT INTO audit_heads AS h (subject_type, subject_id, head_seq, head_hash) VALUES ($1, $2, 0, $3)
		ON CONFLICT (subject_type, subject_id) DO UPDATE SET head_seq = h.head_seq
		RETURNING h.head_hash, clock_timestamp()`
	if err := tx.QueryRowxContext(ctx, lock, e.SubjectType, e.SubjectID, genesisHash).Scan(&e.PrevHash, &e.At); err != nil {
		return err
	}
	if len(e.Detail) == 0 {
		e.Detail = json.RawMessage(`{}`)
	}
	e.At = e.At.UTC().Truncate(time.Microsecond)
	e.Hash = eventHash(e)
	const q = `WITH e AS (
			INSERT INTO audit_events (event_key, subject_type, subject_id, actor_id, on_behalf_of, action, detail, at, prev_hash, hash)
			VALUES ($1, $2, $3, NULLIF($4, ''), NULLIF($5, ''), $6, $7, $8, $9, $10) RETURNING seq)
		UPDATE audit_heads SET head_seq = e.seq, head_hash = $10 FROM e WHERE subject_type = $2 AND subject_id = $3`
	_, err := tx.ExecContext(ctx, q, e.Key, e.SubjectType, e.SubjectID, e.ActorID, e.OnBehalfOf,
		e.Action, string(e.Detail), e.At, e.PrevHash, e.Hash)
	return err
}

const eventSelect = `SELECT e.seq, e.event_key, e.subject_type, e.subject_id, e.actor_id, u.name AS actor_name,
	e.on_behalf_of, e.action, e.detail, e.at, e.prev_hash, e.hash
	FROM audit_events e LEFT JOIN users u ON u.id = e.actor_id`

// EventsFor returns the audit events of one subject, oldest first, and the
// cursor of the next page; an empty subject type lists everything (admin).
func (s *Store) EventsFor(ctx context.Context, subjectType, subjectID string, page Page) ([]Event, string, error) {
	var rows []eventRow
	limit := page.clampLimit()
	q := eventSelect + ` WHERE ($1 = '' OR e.subject_type = $1) AND ($2 = '' OR e.subject_id = $2)
		AND e.seq > $3 ORDER BY e.seq LIMIT $4`
	if err := s.db.SelectContext(ctx, &rows, q, subjectType, subjectID, cursorSeq(page.Cursor), limit+1); err != nil {
		return nil, "", err
	}
	out := make([]Event, len(rows))
	for i, r := range rows {
		out[i] = r.toEvent()
	}
	return pageOf(out, limit, func(e Event) string { return strconv.FormatInt(e.Seq, 10) })
}

// cursorSeq reads a numeric cursor; anything else starts from the beginning.
func cursorSeq(cursor string) int64 {
	n, err := strconv.ParseInt(strings.TrimSpace(cursor), 10, 64)
	if err != nil || n < 0 {
		return 0
	}
	return n
}
