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

// genesisHash is the prev_hash of the first audit event.
const genesisHash = "0000000000000000000000000000000000000000000000000000000000000000"

// Event is one append-only audit record: who did what to which subject, at
// the server's time (R5.4), chained by hash to the event before it.
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

// appendEvent chains e to the last event. A transaction-scoped advisory lock
// serialises writers so the chain stays linear; the time is the database
// server's clock at the moment of writing.
func appendEvent(ctx context.Context, tx *sqlx.Tx, e Event) error {
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(7283001)`); err != nil {
		return err
	}
	err := tx.GetContext(ctx, &e.PrevHash, `SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1`)
	if err == sql.ErrNoRows {
		e.PrevHash, err = genesisHash, nil
	}
	if err != nil {
		return err
	}
	if err := tx.GetContext(ctx, &e.At, `SELECT clock_timestamp()`); err != nil {
		return err
	}
	if len(e.Detail) == 0 {
		e.Detail = json.RawMessage(`{}`)
	}
	e.At = e.At.UTC().Truncate(time.Microsecond)
	e.Hash = eventHash(e)
	const q = `INSERT INTO audit_events (event_key, subject_type, subject_id, actor_id, on_behalf_of, action, detail, at, prev_hash, hash)
		VALUES ($1, $2, $3, NULLIF($4, ''), NULLIF($5, ''), $6, $7, $8, $9, $10)`
	_, err = tx.ExecContext(ctx, q, e.Key, e.SubjectType, e.SubjectID, e.ActorID, e.OnBehalfOf,
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

// ChainReport is the outcome of re-hashing the audit trail.
type ChainReport struct {
	Valid    bool   `json:"valid"`
	Checked  int64  `json:"checked"`
	BrokenAt *int64 `json:"broken_at,omitempty"`
}

// VerifyChain recomputes every hash in order and reports the first event
// whose content or link does not match.
func (s *Store) VerifyChain(ctx context.Context) (ChainReport, error) {
	rows, err := s.db.QueryxContext(ctx, eventSelect+` ORDER BY e.seq`)
	if err != nil {
		return ChainReport{}, err
	}
	defer rows.Close()
	report, prev := ChainReport{Valid: true}, genesisHash
	for rows.Next() {
		var r eventRow
		if err := rows.StructScan(&r); err != nil {
			return ChainReport{}, err
		}
		e := r.toEvent()
		e.At = e.At.UTC()
		report.Checked++
		if e.PrevHash != prev || eventHash(e) != e.Hash {
			seq := e.Seq
			report.Valid, report.BrokenAt = false, &seq
			return report, nil
		}
		prev = e.Hash
	}
	return report, rows.Err()
}

// cursorSeq reads a numeric cursor; anything else starts from the beginning.
func cursorSeq(cursor string) int64 {
	n, err := strconv.ParseInt(strings.TrimSpace(cursor), 10, 64)
	if err != nil || n < 0 {
		return 0
	}
	return n
}
