-- +goose Up
-- Idempotency keys are kept for SALESFLOW_IDEMPOTENCY_KEY_RETENTION (30
-- days by default) and then purged by the nightly housekeeping, oldest
-- first, a batch at a time: this index finds them without reading the
-- whole table, which every request with a key adds a row to.
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

-- +goose Down
DROP INDEX idempotency_keys_created;
