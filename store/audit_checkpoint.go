package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"strconv"
	"time"

	"github.com/jmoiron/sqlx"
)

// Checkpoints of the audit trail (issue 12). The worker writes one every
// few minutes (workflows.AuditCheckpointWorkflow): it first verifies the
// events since the previous checkpoint, then moves the sealed head of every
// subject written since into audit_sealed_heads, hashes all sealed heads in
// byte order and seals that digest with its Ed25519 key. Somebody who can
// rewrite the database but lacks the key cannot make a rewritten chain
// match a sealed head, nor reseal the heads.

// Checkpoint is one sealed checkpoint: every event up to ThroughSeq was
// committed and verified when it was sealed, and HeadsDigest hashes the
// head of every chain as it sealed them.
type Checkpoint struct {
	ID          int64     `json:"id"`
	CreatedAt   time.Time `json:"created_at"`
	ThroughSeq  int64     `json:"through_seq"`
	Heads       int64     `json:"heads"`
	HeadsDigest string    `json:"heads_digest"`
	KeyID       string    `json:"signing_key_id"`
	signature   string
}

type checkpointRow struct {
	ID          int64     `db:"id"`
	CreatedAt   time.Time `db:"created_at"`
	ThroughSeq  int64     `db:"through_seq"`
	Heads       int64     `db:"heads"`
	HeadsDigest string    `db:"heads_digest"`
	KeyID       string    `db:"signing_key_id"`
	Signature   string    `db:"signature"`
}

func (r checkpointRow) toCheckpoint() Checkpoint {
	return Checkpoint{ID: r.ID, CreatedAt: r.CreatedAt.UTC(), ThroughSeq: r.ThroughSeq, Heads: r.Heads,
		HeadsDigest: r.HeadsDigest, KeyID: r.KeyID, signature: r.Signature}
}

// newestCheckpoint is the checkpoint verification starts from; nil if none.
func newestCheckpoint(ctx context.Context, tx *sqlx.Tx) (*Checkpoint, error) {
	var row checkpointRow
	err := tx.GetContext(ctx, &row, `SELECT * FROM audit_checkpoints ORDER BY id DESC LIMIT 1`)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	cp := row.toCheckpoint()
	return &cp, nil
}

// legacyHead is the end of the global chain written before migration
// 00014; zero on a database created after it.
type legacyHead struct {
	ThroughSeq int64  `db:"through_seq"`
	HeadHash   string `db:"head_hash"`
}

func legacyHeadOf(ctx context.Context, tx *sqlx.Tx) (legacyHead, error) {
	var h legacyHead
	err := tx.GetContext(ctx, &h, `SELECT through_seq, head_hash FROM audit_legacy_chain`)
	if errors.Is(err, sql.ErrNoRows) {
		return legacyHead{}, nil
	}
	return h, err
}

// checkpointMessage is what a checkpoint's seal covers: a tag of its own
// (no contract signature can pass for it), the row and the legacy head.
func checkpointMessage(cp Checkpoint, legacy legacyHead) []byte {
	var b bytes.Buffer
	for _, part := range []string{"salesflow-audit-checkpoint-v1", strconv.FormatInt(cp.ID, 10),
		cp.CreatedAt.UTC().Format(time.RFC3339Nano), strconv.FormatInt(cp.ThroughSeq, 10),
		strconv.FormatInt(cp.Heads, 10), cp.HeadsDigest, strconv.FormatInt(legacy.ThroughSeq, 10), legacy.HeadHash} {
		b.WriteString(part)
		b.WriteByte(0)
	}
	return b.Bytes()
}

type sealedHead struct {
	SubjectType string `db:"subject_type"`
	SubjectID   string `db:"subject_id"`
	HeadSeq     int64  `db:"head_seq"`
	HeadHash    string `db:"head_hash"`
	InChain     bool   `db:"in_chain"`
}

type headsDigest struct {
	count    int64
	digest   string
	mismatch *sealedHead // the first sealed head no longer in its chain
}

// digestSealedHeads hashes every sealed head in byte order (the key's "C"
// collation) and finds the first one whose event is gone or changed.
func digestSealedHeads(ctx context.Context, tx *sqlx.Tx) (headsDigest, error) {
	const q = `SELECT s.subject_type, s.subject_id, s.head_seq, s.head_hash,
			COALESCE(e.hash = s.head_hash AND e.subject_type = s.subject_type COLLATE "C"
				AND e.subject_id = s.subject_id COLLATE "C", false) AS in_chain
		FROM audit_sealed_heads s LEFT JOIN audit_events e ON e.seq = s.head_seq
		ORDER BY s.subject_type, s.subject_id`
	rows, err := tx.QueryxContext(ctx, q)
	if err != nil {
		return headsDigest{}, err
	}
	defer rows.Close()
	var d headsDigest
	h := sha256.New()
	h.Write([]byte("salesflow-audit-heads-v1\x00"))
	for rows.Next() {
		var s sealedHead
		if err := rows.StructScan(&s); err != nil {
			return headsDigest{}, err
		}
		for _, part := range []string{s.SubjectType, s.SubjectID, strconv.FormatInt(s.HeadSeq, 10), s.HeadHash} {
			h.Write([]byte(part))
			h.Write([]byte{0})
		}
		d.count++
		if !s.InChain && d.mismatch == nil {
			d.mismatch = &s
		}
	}
	d.digest = hex.EncodeToString(h.Sum(nil))
	return d, rows.Err()
}

// Sealer signs a checkpoint's message with the worker's key and names the
// key; the worker passes signing.SealMessage with its private key.
type Sealer func(msg []byte) (keyID, sig string)

// CheckpointResult is what WriteCheckpoint did: the verification it ran
// first, and the checkpoint it sealed (nil when the trail is broken or
// nothing was written since the newest checkpoint).
type CheckpointResult struct {
	Report     ChainReport
	Checkpoint *Checkpoint
}

// WriteCheckpoint verifies the trail from the newest checkpoint and, when
// it is valid and has grown, seals a new one. Checkpoints serialise on
// audit_sealed_heads, which writers of events never touch. It costs a pass
// over the sealed heads (one row a subject) besides the events since the
// previous checkpoint.
func (s *Store) WriteCheckpoint(ctx context.Context, seal Sealer, verify SealVerifier) (CheckpointResult, error) {
	settled, err := s.settledSeq(ctx)
	if err != nil {
		return CheckpointResult{}, err
	}
	tx, err := s.db.BeginTxx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead})
	if err != nil {
		return CheckpointResult{}, err
	}
	defer func() { _ = tx.Rollback() }()
	// Before the snapshot is taken, so it sees the checkpoint before.
	if _, err := tx.ExecContext(ctx, `LOCK TABLE audit_sealed_heads IN EXCLUSIVE MODE`); err != nil {
		return CheckpointResult{}, err
	}
	res := CheckpointResult{}
	if res.Report, err = verifyTrail(ctx, tx, verify, false); err != nil || !res.Report.Valid {
		return res, err
	}
	if res.Checkpoint, err = sealCheckpoint(ctx, tx, res.Report.Checkpoint, settled, seal); err != nil || res.Checkpoint == nil {
		return CheckpointResult{Report: res.Report}, err
	}
	return res, tx.Commit()
}

// sealCheckpoint writes the checkpoint after prev (nil for the first).
func sealCheckpoint(ctx context.Context, tx *sqlx.Tx, prev *Checkpoint, settled int64, seal Sealer) (*Checkpoint, error) {
	legacy, err := legacyHeadOf(ctx, tx)
	if err != nil {
		return nil, err
	}
	cp := Checkpoint{ID: 1, ThroughSeq: max(settled, legacy.ThroughSeq)}
	from := int64(-1)
	if prev != nil {
		cp.ID, from, cp.ThroughSeq = prev.ID+1, prev.ThroughSeq, max(cp.ThroughSeq, prev.ThroughSeq)
		var grown bool
		if err := tx.GetContext(ctx, &grown, `SELECT EXISTS (SELECT 1 FROM audit_events WHERE seq > $1)`, from); err != nil || !grown {
			return nil, err
		}
	}
	if err := tx.GetContext(ctx, &cp.CreatedAt, `SELECT clock_timestamp()`); err != nil {
		return nil, err
	}
	cp.CreatedAt = cp.CreatedAt.UTC().Truncate(time.Microsecond)
	const move = `INSERT INTO audit_sealed_heads (subject_type, subject_id, checkpoint_id, head_seq, head_hash)
		SELECT DISTINCT ON (subject_type, subject_id) subject_type, subject_id, $1::bigint, seq, hash
		FROM audit_events WHERE seq > $2 ORDER BY subject_type, subject_id, seq DESC
		ON CONFLICT (subject_type, subject_id) DO UPDATE SET checkpoint_id = EXCLUDED.checkpoint_id,
			head_seq = EXCLUDED.head_seq, head_hash = EXCLUDED.head_hash`
	if _, err := tx.ExecContext(ctx, move, cp.ID, from); err != nil {
		return nil, err
	}
	d, err := digestSealedHeads(ctx, tx)
	if err != nil {
		return nil, err
	}
	cp.Heads, cp.HeadsDigest = d.count, d.digest
	cp.KeyID, cp.signature = seal(checkpointMessage(cp, legacy))
	const q = `INSERT INTO audit_checkpoints (id, created_at, through_seq, heads, heads_digest, signing_key_id, signature)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`
	_, err = tx.ExecContext(ctx, q, cp.ID, cp.CreatedAt, cp.ThroughSeq, cp.Heads, cp.HeadsDigest, cp.KeyID, cp.signature)
	return &cp, err
}

// settledWait bounds how long a checkpoint waits for the audited
// transactions in flight when it starts.
const settledWait = 5 * time.Second

// settledSeq is a seq at or below which every event is committed (or
// rolled back) for good, so a checkpoint can vouch for all of them: the
// highest seq handed out, once every transaction in flight when it was
// read has ended. A writer holds a transaction id before it draws a seq
// (it wrote its subject's head first), so each of them is in the snapshot
// taken after the read. -1 when they do not end in settledWait: the
// checkpoint then vouches for no more than the one before.
func (s *Store) settledSeq(ctx context.Context) (int64, error) {
	var seq int64
	if err := s.db.GetContext(ctx, &seq, `SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM audit_events_seq_seq`); err != nil {
		return 0, err
	}
	var snap string
	if err := s.db.GetContext(ctx, &snap, `SELECT pg_current_snapshot()::text`); err != nil {
		return 0, err
	}
	const q = `SELECT count(*) FROM pg_snapshot_xip($1::pg_snapshot) x WHERE pg_xact_status(x) = 'in progress'`
	for deadline := time.Now().Add(settledWait); ; {
		var running int
		if err := s.db.GetContext(ctx, &running, q, snap); err != nil {
			return 0, err
		}
		if running == 0 {
			return seq, nil
		}
		if time.Now().After(deadline) {
			return -1, nil
		}
		select {
		case <-ctx.Done():
			return 0, ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}
