-- +goose Up
-- Sessions a person can see and end (issue 11, point 10): an id to name a
-- session by (the token's hash is never shown), when it was last used,
-- and the address and user agent it was opened from. Rows made before
-- this migration get an id and no address.
ALTER TABLE sessions
    ADD COLUMN id           uuid NOT NULL DEFAULT gen_random_uuid(),
    ADD COLUMN last_used_at timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN client_ip    text NOT NULL DEFAULT '' CHECK (length(client_ip) <= 64),
    ADD COLUMN user_agent   text NOT NULL DEFAULT '' CHECK (length(user_agent) <= 256);
CREATE UNIQUE INDEX sessions_id_idx ON sessions (id);
-- Password changes and deactivations end the earlier sessions, so the
-- old tokens stay dead when a user is reactivated; ending them is an
-- update of these rows (revoked_at), kept for the user's own list.

-- Failed sign-ins (issue 11, point 8; OWASP ASVS V2.2): one row per
-- username typed (whether or not such a user exists, so the throttle
-- tells nothing) and per client address. Kept here, not in a process,
-- so every API replica counts the same attempts. An attempt is counted
-- before the password is checked (parallel guesses cannot slip past) and
-- a success takes it back; blocked_until is when the next attempt may be
-- made.
CREATE TABLE login_throttles (
    scope           text NOT NULL CHECK (scope IN ('account', 'source')),
    key             text NOT NULL CHECK (length(key) BETWEEN 1 AND 100),
    failures        integer NOT NULL CHECK (failures >= 0),
    last_attempt_at timestamptz NOT NULL,
    blocked_until   timestamptz,
    PRIMARY KEY (scope, key)
);
CREATE INDEX login_throttles_last_attempt_idx ON login_throttles (last_attempt_at);

-- +goose Down
DROP TABLE login_throttles;
DROP INDEX sessions_id_idx;
ALTER TABLE sessions DROP COLUMN user_agent, DROP COLUMN client_ip, DROP COLUMN last_used_at, DROP COLUMN id;
