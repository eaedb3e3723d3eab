-- +goose Up
-- The audit trail without one global lock (issue 12). Until now every
-- audited write took one advisory lock through COMMIT to extend one global
-- hash chain. From here on each subject (subject_type, subject_id) has a
-- chain of its own: an event's prev_hash is the hash of its subject's
-- previous event, and writers serialise on the subject's row in
-- audit_heads only, so writes on different subjects never wait on each
-- other. Periodic checkpoints, sealed with the worker's Ed25519 key, hash
-- every chain head, so a chain rewritten with consistent hashes is still
-- found. See docs/architecture.md, "The audit trail".
--
-- The rows written before this migration keep their hashes: tamper
-- evidence of the past is not rewritten. They stay one global chain, by
-- seq, verified as before up to audit_legacy_chain's head; a subject's
-- first new event links to the subject's last legacy event. Stop the old
-- processes before migrating: this takes their lock, so no old write is
-- half done, but an old process left running would chain a new event to
-- the global head.
SELECT pg_advisory_xact_lock(7283001);

-- The end of the global chain written before this migration (none on a
-- fresh database).
CREATE TABLE audit_legacy_chain (
    only_row    boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    through_seq bigint NOT NULL,
    head_hash   text NOT NULL
);
INSERT INTO audit_legacy_chain (through_seq, head_hash)
    SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1;

-- Each subject's newest event. A writer locks its subject's row (INSERT
-- ... ON CONFLICT DO UPDATE) to read the previous hash and moves the head
-- in the same transaction as the event; verification compares the heads
-- with the chains, so a removed newest event is found.
CREATE TABLE audit_heads (
    subject_type text NOT NULL,
    subject_id   text NOT NULL,
    head_seq     bigint NOT NULL,
    head_hash    text NOT NULL,
    PRIMARY KEY (subject_type, subject_id)
);
-- The heads moved since a checkpoint, for the incremental verification.
CREATE INDEX audit_heads_seq_idx ON audit_heads (head_seq);
INSERT INTO audit_heads (subject_type, subject_id, head_seq, head_hash)
    SELECT DISTINCT ON (subject_type, subject_id) subject_type, subject_id, seq, hash
    FROM audit_events ORDER BY subject_type, subject_id, seq DESC;

-- A checkpoint: every event up to through_seq was committed, and had been
-- verified, when the worker sealed it; heads_digest is the SHA-256 over
-- every chain head (audit_sealed_heads, in byte order) and the signature
-- covers the row (store.checkpointMessage).
CREATE TABLE audit_checkpoints (
    id             bigint PRIMARY KEY,
    created_at     timestamptz NOT NULL,
    through_seq    bigint NOT NULL,
    heads          bigint NOT NULL,
    heads_digest   text NOT NULL,
    signing_key_id text NOT NULL CHECK (signing_key_id ~ '^[0-9a-f]{16}$'),
    signature      text NOT NULL
);

-- Every subject's head as the newest checkpoint sealed it; a checkpoint
-- moves only the heads that changed since the one before. "C" collation:
-- the digest hashes the heads in byte order, which the key's index gives.
CREATE TABLE audit_sealed_heads (
    subject_type  text COLLATE "C" NOT NULL,
    subject_id    text COLLATE "C" NOT NULL,
    -- Deferred: a checkpoint moves its heads before it hashes and seals them.
    checkpoint_id bigint NOT NULL REFERENCES audit_checkpoints (id) DEFERRABLE INITIALLY DEFERRED,
    head_seq      bigint NOT NULL,
    head_hash     text NOT NULL,
    PRIMARY KEY (subject_type, subject_id)
);

-- +goose StatementBegin
CREATE FUNCTION audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;

-- A head only moves forward and is never removed.
CREATE FUNCTION audit_heads_forward() RETURNS trigger AS $$
BEGIN
    IF TG_OP <> 'UPDATE' OR NEW.head_seq < OLD.head_seq
       OR (NEW.subject_type, NEW.subject_id) <> (OLD.subject_type, OLD.subject_id) THEN
        RAISE EXCEPTION 'audit heads only move forward';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON audit_checkpoints
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_legacy_chain_append_only BEFORE UPDATE OR DELETE ON audit_legacy_chain
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_heads_forward BEFORE UPDATE OR DELETE ON audit_heads
    FOR EACH ROW EXECUTE FUNCTION audit_heads_forward();
CREATE TRIGGER audit_heads_no_truncate BEFORE TRUNCATE ON audit_heads
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_sealed_heads_no_delete BEFORE DELETE ON audit_sealed_heads
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_sealed_heads_no_truncate BEFORE TRUNCATE ON audit_sealed_heads
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();

-- +goose Down
DROP TABLE audit_sealed_heads;
DROP TABLE audit_checkpoints;
DROP TABLE audit_heads;
DROP TABLE audit_legacy_chain;
DROP FUNCTION audit_heads_forward();
DROP FUNCTION audit_append_only();
