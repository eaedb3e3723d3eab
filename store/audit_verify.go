package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/jmoiron/sqlx"
)

// Verification of the audit trail (issue 12). An incremental verification
// starts from the newest checkpoint: it checks the checkpoint's seal, that
// every head it sealed is still in its chain with the same hash (a
// comparison in SQL, no re-hash), and re-hashes only the events after the
// checkpoint. A full verification re-hashes everything: the legacy global
// chain, then every subject's chain. Either compares audit_heads with the
// chains' newest events (of the subjects written since the checkpoint, or
// of all). Whatever was changed before a checkpoint without recomputing
// the hashes is found by the full verification; a chain rewritten with
// consistent hashes is found by either, once a checkpoint sealed its head.

// Subject names one chain.
type Subject struct {
	Type string `json:"type"`
	ID   string `json:"id"`
}

// What a verification found broken.
const (
	ProblemHash             = "hash"              // an event's content does not give its hash: changed
	ProblemLink             = "link"              // prev_hash is not the event before: removed or inserted
	ProblemHead             = "head"              // the chain does not end at its head: newest removed
	ProblemSealedHead       = "sealed_head"       // a head the checkpoint sealed left its chain: rewritten
	ProblemCheckpointDigest = "checkpoint_digest" // the sealed heads do not hash to the checkpoint's digest
	ProblemCheckpointSeal   = "checkpoint_seal"   // the checkpoint's seal does not verify with a trusted key
	ProblemLegacyHead       = "legacy_head"       // the legacy chain does not end at its recorded head
)

// ChainReport is the outcome of a verification: which checkpoint it
// started from, how much it checked, and the first thing found broken.
type ChainReport struct {
	Valid bool `json:"valid"`
	// Full is a re-hash of everything; without a checkpoint every
	// verification is full.
	Full         bool        `json:"full"`
	Checked      int64       `json:"checked"`       // events re-hashed
	HeadsChecked int64       `json:"heads_checked"` // sealed heads compared with their chains
	Checkpoint   *Checkpoint `json:"checkpoint,omitempty"`
	BrokenAt     *int64      `json:"broken_at,omitempty"`
	Subject      *Subject    `json:"subject,omitempty"`
	Problem      string      `json:"problem,omitempty"`
}

func (r *ChainReport) broken(problem string, seq *int64, subjectType, subjectID string) {
	r.Valid, r.Problem, r.BrokenAt = false, problem, seq
	if subjectType != "" || subjectID != "" {
		r.Subject = &Subject{Type: subjectType, ID: subjectID}
	}
}

// SealVerifier checks a seal with the trusted public keys; the API passes
// signing.Keyring.VerifyMessage.
type SealVerifier func(keyID string, msg []byte, sig string) error

// VerifyAudit verifies the trail, incrementally from the newest checkpoint
// unless full, in one snapshot.
func (s *Store) VerifyAudit(ctx context.Context, verify SealVerifier, full bool) (ChainReport, error) {
	tx, err := s.db.BeginTxx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return ChainReport{}, err
	}
	defer func() { _ = tx.Rollback() }()
	return verifyTrail(ctx, tx, verify, full)
}

func verifyTrail(ctx context.Context, tx *sqlx.Tx, verify SealVerifier, full bool) (ChainReport, error) {
	legacy, err := legacyHeadOf(ctx, tx)
	if err != nil {
		return ChainReport{}, err
	}
	cp, err := newestCheckpoint(ctx, tx)
	if err != nil {
		return ChainReport{}, err
	}
	r := ChainReport{Valid: true, Full: full || cp == nil, Checkpoint: cp}
	from := int64(-1) // the heads moved after it are compared
	if r.Full {
		err = errors.Join(checkLegacy(ctx, tx, legacy, &r), checkChains(ctx, tx, legacy.ThroughSeq, &r))
	} else {
		from = cp.ThroughSeq
		err = checkSince(ctx, tx, from, &r)
	}
	if err == nil && r.Valid {
		err = checkHeads(ctx, tx, from, &r)
	}
	if err == nil && r.Valid && cp != nil {
		err = checkCheckpoint(ctx, tx, *cp, legacy, verify, &r)
	}
	return r, err
}

// linkedRow is an event with the hash of its subject's event before it.
type linkedRow struct {
	eventRow
	PredHash sql.NullString `db:"pred_hash"`
}

const hashedCols = `e.seq, e.event_key, e.subject_type, e.subject_id, e.actor_id, e.on_behalf_of,
	e.action, e.detail, e.at, e.prev_hash, e.hash`

// checkEvent re-hashes one event and checks it links to pred.
func checkEvent(r *ChainReport, row eventRow, pred string) {
	e := row.toEvent()
	e.At = e.At.UTC()
	r.Checked++
	switch {
	case eventHash(e) != e.Hash:
		r.broken(ProblemHash, &e.Seq, e.SubjectType, e.SubjectID)
	case e.PrevHash != pred:
		r.broken(ProblemLink, &e.Seq, e.SubjectType, e.SubjectID)
	}
}

// scanEvents runs q and hands each row to fn until the report is broken.
func scanEvents[T any](ctx context.Context, tx *sqlx.Tx, r *ChainReport, fn func(T), q string, args ...any) error {
	rows, err := tx.QueryxContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for r.Valid && rows.Next() {
		var row T
		if err := rows.StructScan(&row); err != nil {
			return err
		}
		fn(row)
	}
	return rows.Err()
}

// checkLegacy re-hashes the global chain written before migration 00014
// as it was verified then: each event links to the one before it by seq.
func checkLegacy(ctx context.Context, tx *sqlx.Tx, legacy legacyHead, r *ChainReport) error {
	prev := genesisHash
	err := scanEvents(ctx, tx, r, func(row eventRow) {
		checkEvent(r, row, prev)
		prev = row.Hash
	}, `SELECT `+hashedCols+` FROM audit_events e WHERE e.seq <= $1 ORDER BY e.seq`, legacy.ThroughSeq)
	if err == nil && r.Valid && legacy.ThroughSeq > 0 && prev != legacy.HeadHash {
		r.broken(ProblemLegacyHead, &legacy.ThroughSeq, "", "")
	}
	return err
}

// checkChains re-hashes every subject's chain after the legacy range; a
// subject's first new event links to its last legacy event.
func checkChains(ctx context.Context, tx *sqlx.Tx, legacyThrough int64, r *ChainReport) error {
	var last Subject
	prev := genesisHash
	return scanEvents(ctx, tx, r, func(row eventRow) {
		if (Subject{row.SubjectType, row.SubjectID}) != last {
			last, prev = Subject{row.SubjectType, row.SubjectID}, genesisHash
		}
		if row.Seq > legacyThrough {
			checkEvent(r, row, prev)
		}
		prev = row.Hash
	}, `SELECT `+hashedCols+` FROM audit_events e ORDER BY e.subject_type, e.subject_id, e.seq`)
}

// checkSince re-hashes the events after seq from, each with the hash of
// its subject's event before it, whenever that was written.
func checkSince(ctx context.Context, tx *sqlx.Tx, from int64, r *ChainReport) error {
	const q = `SELECT ` + hashedCols + `, (SELECT p.hash FROM audit_events p
			WHERE p.subject_type = e.subject_type AND p.subject_id = e.subject_id AND p.seq < e.seq
			ORDER BY p.seq DESC LIMIT 1) AS pred_hash
		FROM audit_events e WHERE e.seq > $1 ORDER BY e.seq`
	return scanEvents(ctx, tx, r, func(row linkedRow) {
		pred := genesisHash
		if row.PredHash.Valid {
			pred = row.PredHash.String
		}
		checkEvent(r, row.eventRow, pred)
	}, q, from)
}

// checkHeads compares audit_heads with the chains' newest events, for the
// subjects with an event or a head after seq from.
func checkHeads(ctx context.Context, tx *sqlx.Tx, from int64, r *ChainReport) error {
	const q = `SELECT COALESCE(l.subject_type, h.subject_type), COALESCE(l.subject_id, h.subject_id),
			COALESCE(l.seq, h.head_seq)
		FROM (SELECT DISTINCT ON (subject_type, subject_id) subject_type, subject_id, seq, hash
			FROM audit_events WHERE seq > $1 ORDER BY subject_type, subject_id, seq DESC) l
		FULL JOIN (SELECT * FROM audit_heads WHERE head_seq > $1) h
			ON h.subject_type = l.subject_type AND h.subject_id = l.subject_id
		WHERE l.seq IS DISTINCT FROM h.head_seq OR l.hash IS DISTINCT FROM h.head_hash
		ORDER BY 3 LIMIT 1`
	var typ, id string
	var seq int64
	err := tx.QueryRowxContext(ctx, q, from).Scan(&typ, &id, &seq)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err == nil {
		r.broken(ProblemHead, &seq, typ, id)
	}
	return err
}

// checkCheckpoint checks that every head cp sealed is still in its chain,
// that they hash to its digest, and its seal.
func checkCheckpoint(ctx context.Context, tx *sqlx.Tx, cp Checkpoint, legacy legacyHead, verify SealVerifier, r *ChainReport) error {
	d, err := digestSealedHeads(ctx, tx)
	if err != nil {
		return err
	}
	r.HeadsChecked = d.count
	switch {
	case d.mismatch != nil:
		r.broken(ProblemSealedHead, &d.mismatch.HeadSeq, d.mismatch.SubjectType, d.mismatch.SubjectID)
	case d.count != cp.Heads || d.digest != cp.HeadsDigest:
		r.broken(ProblemCheckpointDigest, nil, "", "")
	case verify == nil || verify(cp.KeyID, checkpointMessage(cp, legacy), cp.signature) != nil:
		r.broken(ProblemCheckpointSeal, nil, "", "")
	}
	return nil
}
