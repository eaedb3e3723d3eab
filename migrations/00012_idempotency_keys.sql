-- +goose Up
-- An Idempotency-Key is bound to the request it first came with (issue 11,
-- point 6; the IETF Idempotency-Key draft): the same user, key, method and
-- path with another body is refused with 422 rather than answered with the
-- first request's result. Only the SHA-256 of the body is kept, never the
-- body. A request refused with a 4xx releases its key (nothing was done,
-- the corrected request may use it); one that succeeded, or may still
-- take effect, keeps it.
CREATE TABLE idempotency_keys (
    user_id      text NOT NULL REFERENCES users(id),
    key          text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
    scope        text NOT NULL CHECK (length(scope) BETWEEN 1 AND 2000),
    request_hash bytea NOT NULL CHECK (length(request_hash) = 32),
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, key, scope)
);

-- +goose Down
DROP TABLE idempotency_keys;
