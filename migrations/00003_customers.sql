-- +goose Up
-- Customer registry (R1, R2): the customer information file (R1.5) with
-- contacts, the interaction log and the ownership history; duplicate keys
-- enforced by unique indexes so of two concurrent records the first wins
-- (R2.2); trigram search for near-duplicates; the working-day calendar's
-- admin overrides (R1.3); owner notifications (R2.5 reminders).

-- pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may
-- create it without superuser rights.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

ALTER TABLE customers
    ADD COLUMN phone            text NOT NULL DEFAULT '' CHECK (length(phone) <= 64),
    ADD COLUMN address          text NOT NULL DEFAULT '' CHECK (length(address) <= 500),
    ADD COLUMN industry         text NOT NULL DEFAULT '' CHECK (length(industry) <= 100),
    ADD COLUMN needs            text NOT NULL DEFAULT '' CHECK (length(needs) <= 4000),
    ADD COLUMN notes            text NOT NULL DEFAULT '' CHECK (length(notes) <= 4000),
    ADD COLUMN normalised_name  text,
    ADD COLUMN normalised_phone text NOT NULL DEFAULT '',
    -- owner_generation counts owners so far; the contact-deadline workflow of
    -- the current ownership is contact-<id>-<owner_generation> (R2.5).
    ADD COLUMN owner_generation integer NOT NULL DEFAULT 0,
    ADD COLUMN owned_since      timestamptz,
    ADD COLUMN contact_due_at   timestamptz,
    ADD COLUMN updated_at       timestamptz NOT NULL DEFAULT now();

-- Rows from before the registry get an approximate key (the application's
-- policy.NormaliseCompanyName is stricter); a second legacy row with the
-- same key is kept apart by its id rather than failing the migration.
UPDATE customers c SET normalised_name = k.key || CASE WHEN k.rn > 1 THEN '#' || c.id ELSE '' END,
    owner_generation = CASE WHEN c.owner_id IS NULL THEN 0 ELSE 1 END,
    owned_since = CASE WHEN c.owner_id IS NULL THEN NULL ELSE c.entered_at END
FROM (SELECT id, lower(regexp_replace(name, '[[:space:][:punct:]]', '', 'g')) AS key,
             row_number() OVER (PARTITION BY lower(regexp_replace(name, '[[:space:][:punct:]]', '', 'g'))
                                ORDER BY entered_at, id) AS rn
      FROM customers) k
WHERE k.id = c.id;

ALTER TABLE customers ALTER COLUMN normalised_name SET NOT NULL;
CREATE UNIQUE INDEX customers_normalised_name_key ON customers (normalised_name) WHERE normalised_name <> '';
CREATE UNIQUE INDEX customers_normalised_phone_key ON customers (normalised_phone) WHERE normalised_phone <> '';
CREATE INDEX customers_normalised_name_trgm ON customers USING gin (normalised_name gin_trgm_ops);

-- Contacts at the customer: who they are and whether they decide (R1.5, R3.3).
CREATE TABLE customer_contacts (
    id                bigserial PRIMARY KEY,
    customer_id       text NOT NULL REFERENCES customers(id),
    name              text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    title             text NOT NULL DEFAULT '' CHECK (length(title) <= 100),
    is_decision_maker boolean NOT NULL DEFAULT false,
    phone             text NOT NULL DEFAULT '' CHECK (length(phone) <= 64),
    email             text NOT NULL DEFAULT '' CHECK (length(email) <= 200),
    created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customer_contacts_customer_idx ON customer_contacts (customer_id, id);

-- The contact log (R1.5, R3.1, R3.8): created_at is the server's time (R5.4);
-- occurred_on is the day the person says it happened.
CREATE TABLE customer_interactions (
    id          text PRIMARY KEY,
    customer_id text NOT NULL REFERENCES customers(id),
    kind        text NOT NULL CHECK (kind IN ('phone','fax','email','post','website','visit')),
    summary     text NOT NULL CHECK (length(summary) BETWEEN 1 AND 4000),
    occurred_on date NOT NULL,
    actor_id    text NOT NULL REFERENCES users(id),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customer_interactions_customer_idx ON customer_interactions (customer_id, created_at);

-- Every change of owner (R2.1, R2.3, R2.4, R2.6), newest last.
CREATE TABLE customer_ownership_events (
    id                bigserial PRIMARY KEY,
    customer_id       text NOT NULL REFERENCES customers(id),
    generation        integer NOT NULL,
    owner_id          text REFERENCES users(id),
    previous_owner_id text REFERENCES users(id),
    kind              text NOT NULL CHECK (kind IN ('collected','assigned','planned','reassigned_overdue')),
    reason            text NOT NULL DEFAULT '',
    actor_id          text NOT NULL REFERENCES users(id),
    created_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (customer_id, generation)
);

-- Admin corrections to the statutory calendar (R1.3, R3.8).
CREATE TABLE calendar_overrides (
    day        date PRIMARY KEY,
    working    boolean NOT NULL,
    note       text NOT NULL DEFAULT '' CHECK (length(note) <= 200),
    created_by text NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Messages for one person (the R2.5 reminder a day before the deadline).
CREATE TABLE notifications (
    id           text PRIMARY KEY,
    user_id      text NOT NULL REFERENCES users(id),
    kind         text NOT NULL,
    subject_type text NOT NULL,
    subject_id   text NOT NULL,
    detail       jsonb NOT NULL DEFAULT '{}',
    created_at   timestamptz NOT NULL DEFAULT now(),
    read_at      timestamptz
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at);

-- A contact_overdue task is decided by extending the deadline or
-- reassigning the customer (R2.5).
ALTER TABLE tasks DROP CONSTRAINT tasks_decision_check;
ALTER TABLE tasks ADD CONSTRAINT tasks_decision_check
    CHECK (decision IN ('approve','reject','extend','reassign'));

-- +goose Down
ALTER TABLE tasks DROP CONSTRAINT tasks_decision_check;
ALTER TABLE tasks ADD CONSTRAINT tasks_decision_check CHECK (decision IN ('approve','reject'));
DROP TABLE notifications;
DROP TABLE calendar_overrides;
DROP TABLE customer_ownership_events;
DROP TABLE customer_interactions;
DROP TABLE customer_contacts;
DROP INDEX customers_normalised_name_trgm;
DROP INDEX customers_normalised_phone_key;
DROP INDEX customers_normalised_name_key;
ALTER TABLE customers
    DROP COLUMN phone, DROP COLUMN address, DROP COLUMN industry, DROP COLUMN needs,
    DROP COLUMN notes, DROP COLUMN normalised_name, DROP COLUMN normalised_phone,
    DROP COLUMN owner_generation, DROP COLUMN owned_since, DROP COLUMN contact_due_at,
    DROP COLUMN updated_at;
