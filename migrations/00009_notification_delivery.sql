-- +goose Up
-- Notification delivery that never starves and never sends twice (issue 9).
--
-- Each channel of a notification has a state of its own: 'pending' (to be
-- sent), 'sent', 'not_applicable' (the user has no address, or the
-- deployment has the channel off: settled when the row is inserted, so a
-- mail-only deployment leaves nothing pending for the webhook) or
-- 'failed' (dead-lettered: refused for good, or out of attempts; an admin
-- can see and retry it). A sender claims a row for a lease
-- (claimed_until, claim_token) before it sends, so the visit workflow, the
-- digest and the minute sweep never send the same row twice; a failed try
-- backs off (attempts, next_attempt_at, last_error) without holding up the
-- others.
ALTER TABLE notifications
    ADD COLUMN email_state     text NOT NULL DEFAULT 'pending'
        CHECK (email_state IN ('pending', 'sent', 'not_applicable', 'failed')),
    ADD COLUMN webhook_state   text NOT NULL DEFAULT 'pending'
        CHECK (webhook_state IN ('pending', 'sent', 'not_applicable', 'failed')),
    ADD COLUMN attempts        integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN last_attempt_at timestamptz,
    ADD COLUMN last_error      text NOT NULL DEFAULT '',
    ADD COLUMN claimed_until   timestamptz,
    ADD COLUMN claim_token     text;

-- Existing rows: what a channel took is sent; what the old sweep would
-- never have sent (older than its one-day window, or mailed to nobody) is
-- not applicable, so the upgrade does not mail a backlog of stale news.
UPDATE notifications n SET
    email_state = CASE
        WHEN emailed_at IS NOT NULL THEN 'sent'
        WHEN created_at <= now() - interval '1 day' THEN 'not_applicable'
        WHEN NOT EXISTS (SELECT 1 FROM users u WHERE u.id = n.user_id AND u.email IS NOT NULL) THEN 'not_applicable'
        ELSE 'pending' END,
    webhook_state = CASE
        WHEN webhooked_at IS NOT NULL THEN 'sent'
        WHEN created_at <= now() - interval '1 day' THEN 'not_applicable'
        ELSE 'pending' END;

-- What the sweep claims, oldest due first; it stays small, since a row
-- leaves it once every channel is settled.
CREATE INDEX notifications_pending_idx ON notifications (next_attempt_at, id)
    WHERE email_state = 'pending' OR webhook_state = 'pending';
-- The dead letters the admins' page lists.
CREATE INDEX notifications_failed_idx ON notifications (created_at)
    WHERE email_state = 'failed' OR webhook_state = 'failed';

-- Which channels the deployment has configured, written by each worker at
-- start (store.SetDeliveryChannels). Notifications are inserted by the
-- worker's activities and by the API's transactions alike; this row is how
-- an insert in either process knows. No row: unknown, left pending.
CREATE TABLE delivery_channels (
    channel    text PRIMARY KEY CHECK (channel IN ('email', 'webhook')),
    enabled    boolean NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Every insert, whichever code runs it, settles at once a channel that
-- does not apply: no address on the user, or the channel off.
-- +goose StatementBegin
CREATE FUNCTION notifications_settle_channels() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.email_state = 'pending' AND (
        NOT COALESCE((SELECT enabled FROM delivery_channels WHERE channel = 'email'), true)
        OR NOT EXISTS (SELECT 1 FROM users WHERE id = NEW.user_id AND email IS NOT NULL)) THEN
        NEW.email_state := 'not_applicable';
    END IF;
    IF NEW.webhook_state = 'pending'
        AND NOT COALESCE((SELECT enabled FROM delivery_channels WHERE channel = 'webhook'), true) THEN
        NEW.webhook_state := 'not_applicable';
    END IF;
    RETURN NEW;
END
$$;
-- +goose StatementEnd

CREATE TRIGGER notifications_settle_channels BEFORE INSERT ON notifications
    FOR EACH ROW EXECUTE FUNCTION notifications_settle_channels();

-- +goose Down
DROP TRIGGER notifications_settle_channels ON notifications;
DROP FUNCTION notifications_settle_channels();
DROP TABLE delivery_channels;
DROP INDEX notifications_failed_idx;
DROP INDEX notifications_pending_idx;
ALTER TABLE notifications DROP COLUMN email_state, DROP COLUMN webhook_state, DROP COLUMN attempts,
    DROP COLUMN next_attempt_at, DROP COLUMN last_attempt_at, DROP COLUMN last_error,
    DROP COLUMN claimed_until, DROP COLUMN claim_token;
