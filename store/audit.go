package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
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
	err := tx.GetContext(ctx, &n, stepDoneQuery, key)
	return n > 0, err
}

const stepDoneQuery = `SELECT count(*) FROM audit_events WHERE event_key = $1`

// appendEvent chains e to the previous event of its subject. Writers of one
// subject serialise on the subject's row in audit_heads, held to COMMIT;
// writers of other subjects do not wait (issue 12). One statement locks
// the head, reads the database server's clock after the lock (so the
// times of one chain follow its order, R5.4), hashes the event with
// audit_event_hash (migration 00025, the same bytes as eventHash), inserts
// it and moves the head. A subject's first event finds no head: it is
// created at the genesis hash (two first writers queue on its key) and the
// statement runs again. A transaction that appends several events must
// append them in a fixed order of subjects, or two such transactions can
// deadlock.
func appendEvent(ctx context.Context, tx *sqlx.Tx, e Event) error {
	args := e.args()
	for range 2 {
		res, err := tx.ExecContext(ctx, appendEventQuery, args...)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 1 {
			return nil
		}
		const head = `INSERT INTO audit_heads (subject_type, subject_id, head_seq, head_hash) VALUES ($1, $2, 0, $3)
			ON CONFLICT (subject_type, subject_id) DO NOTHING`
		if _, err := tx.ExecContext(ctx, head, e.SubjectType, e.SubjectID, genesisHash); err != nil {
			return err
		}
	}
	return fmt.Errorf("audit event %s: no chain head for %s %s", e.Key, e.SubjectType, e.SubjectID)
}

// args are the event's parameters $1 … $7 of appendEventQuery.
func (e Event) args() []any {
	if len(e.Detail) == 0 {
		e.Detail = json.RawMessage(`{}`)
	}
	return []any{e.Key, e.SubjectType, e.SubjectID, e.ActorID, e.OnBehalfOf, e.Action, string(e.Detail)}
}

// appendEventQuery is appendEvent's statement: $1 … $7 are the event's
// key, subject type and ID, actor (empty for none), on whose behalf
// (empty for none), action and detail. It changes nothing when the
// subject has no head yet.
const appendEventQuery = `WITH ` + appendEventCTEs + ` ` + moveAuditHead

// appendEventCTEs lock the head, read the clock and insert the event (e);
// moveAuditHead then moves the head to it. Split so a step written as one
// statement (step_statement.go) appends its event the same way.
const appendEventCTEs = `l AS MATERIALIZED (
		SELECT head_hash FROM audit_heads WHERE subject_type = $2 AND subject_id = $3 FOR UPDATE),
	t AS MATERIALIZED (SELECT head_hash AS prev, clock_timestamp() AS at FROM l),
	e AS (INSERT INTO audit_events (event_key, subject_type, subject_id, actor_id, on_behalf_of, action, detail, at, prev_hash, hash)
		SELECT $1, $2, $3, NULLIF($4, ''), NULLIF($5, ''), $6, $7, t.at, t.prev,
			audit_event_hash(t.prev, $1, $2, $3, $4, $5, $6, $7, t.at) FROM t
		RETURNING seq, hash)`

const moveAuditHead = `UPDATE audit_heads h SET head_seq = e.seq, head_hash = e.hash FROM e
	WHERE h.subject_type = $2 AND h.subject_id = $3`

const eventSelect = `SELECT e.seq, e.event_key, e.subject_type, e.subject_id, e.actor_id, u.name AS actor_name,
	e.on_behalf_of, e.action, e.detail, e.at, e.prev_hash, e.hash
	FROM audit_events e LEFT JOIN users u ON u.id = e.actor_id`

// EventsFor returns the audit events of one subject, oldest first, and the
// cursor of the next page; an empty subject type lists everything (admin).
func (s *Store) EventsFor(ctx context.Context, subjectType, subjectID string, page Page) ([]Event, string, error) {
	var rows []eventRow
	limit := page.clampLimit()
	args := []any{subjectType, subjectID, cursorSeq(page.Cursor), limit + 1}
	var err error
	if subjectType != "" && subjectID != "" {
		// One subject's history is read with every answer to a step: a
		// lookup by key, prepared (prepared.go).
		err = s.selectPrepared(ctx, &rows, eventSelect+` WHERE e.subject_type = $1 AND e.subject_id = $2
			AND e.seq > $3 ORDER BY e.seq LIMIT $4`, args...)
	} else {
		err = s.db.SelectContext(ctx, &rows, eventSelect+` WHERE ($1 = '' OR e.subject_type = $1)
			AND ($2 = '' OR e.subject_id = $2) AND e.seq > $3 ORDER BY e.seq LIMIT $4`, args...)
	}
	if err != nil {
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
