-- +goose Up
-- audit_event_hash is eventHash (store/audit.go) in SQL: the SHA-256, in
-- lower-case hex, of the previous hash and the event's fields, each
-- followed by a zero byte, the time written as Go's RFC 3339 with
-- nanoseconds in UTC (trailing zeros of the fraction dropped). With it an
-- event is chained in the one statement that locks its chain's head, not
-- in a second one after the head's hash came back (issue 12). The Go
-- function stays the reference: verification recomputes with it, and
-- TestAuditEventHashMatchesGo holds the two to the same bytes.
-- +goose StatementBegin
CREATE FUNCTION audit_event_hash(prev text, event_key text, subject_type text, subject_id text,
        actor_id text, on_behalf_of text, action text, detail text, at timestamptz)
    RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT encode(sha256(
        convert_to(prev, 'UTF8') || '\x00'::bytea ||
        convert_to(event_key, 'UTF8') || '\x00'::bytea ||
        convert_to(subject_type, 'UTF8') || '\x00'::bytea ||
        convert_to(subject_id, 'UTF8') || '\x00'::bytea ||
        convert_to(actor_id, 'UTF8') || '\x00'::bytea ||
        convert_to(on_behalf_of, 'UTF8') || '\x00'::bytea ||
        convert_to(action, 'UTF8') || '\x00'::bytea ||
        convert_to(detail, 'UTF8') || '\x00'::bytea ||
        convert_to(regexp_replace(to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), '\.?0+$', '')
            || 'Z', 'UTF8') || '\x00'::bytea), 'hex')
$$;
-- +goose StatementEnd

-- +goose Down
DROP FUNCTION audit_event_hash(text, text, text, text, text, text, text, text, timestamptz);
