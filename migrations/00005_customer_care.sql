-- +goose Up
-- Customer care (R3.4, R4.1, R4.3): the history of every class change, hard
-- customers escalated to the sales manager with the joint approach plan, and
-- the manager's daily guidance notes. History and notes are append-only.

-- +goose StatementBegin
CREATE FUNCTION customer_care_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

-- Every change of a customer's class (R4.1): who (NULL for none, e.g. a
-- system step), when (server time, R5.4) and why.
CREATE TABLE customer_class_events (
    id          bigserial PRIMARY KEY,
    customer_id text NOT NULL REFERENCES customers(id),
    from_class  text NOT NULL CHECK (from_class IN ('signed','intent_signed','key','progressing','potential','tracking')),
    to_class    text NOT NULL CHECK (to_class IN ('signed','intent_signed','key','progressing','potential','tracking')),
    source      text NOT NULL CHECK (source IN ('manual','contract_signed')),
    reason      text NOT NULL DEFAULT '' CHECK (length(reason) <= 1000),
    contract_id text REFERENCES contracts(id),
    actor_id    text REFERENCES users(id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (from_class <> to_class)
);
CREATE INDEX customer_class_events_customer_idx ON customer_class_events (customer_id, id);
CREATE TRIGGER customer_class_events_append_only BEFORE UPDATE OR DELETE ON customer_class_events
    FOR EACH ROW EXECUTE FUNCTION customer_care_append_only();

-- Hard customers (R3.4): the owner flags a large or difficult customer with
-- a reason; the owner's manager answers with the plan they follow together.
ALTER TABLE customers
    ADD COLUMN difficult          boolean NOT NULL DEFAULT false,
    ADD COLUMN difficulty_reason  text NOT NULL DEFAULT '' CHECK (length(difficulty_reason) <= 4000),
    ADD COLUMN difficulty_by      text REFERENCES users(id),
    ADD COLUMN difficulty_at      timestamptz,
    ADD COLUMN hard_plan          text NOT NULL DEFAULT '' CHECK (length(hard_plan) <= 4000),
    ADD COLUMN hard_plan_by       text REFERENCES users(id),
    ADD COLUMN hard_plan_at       timestamptz;

-- One open hard_customer task per customer: a second escalation waits for
-- the manager's answer to the first.
CREATE UNIQUE INDEX tasks_one_open_hard_customer ON tasks (subject_id)
    WHERE kind = 'hard_customer' AND status = 'open';

-- The sales manager's daily guidance of each salesperson (R4.3).
CREATE TABLE guidance_notes (
    id             text PRIMARY KEY,
    salesperson_id text NOT NULL REFERENCES users(id),
    manager_id     text NOT NULL REFERENCES users(id),
    note           text NOT NULL CHECK (length(note) BETWEEN 1 AND 4000),
    created_at     timestamptz NOT NULL DEFAULT now(),
    CHECK (salesperson_id <> manager_id)
);
CREATE INDEX guidance_notes_salesperson_idx ON guidance_notes (salesperson_id, created_at);
CREATE TRIGGER guidance_notes_append_only BEFORE UPDATE OR DELETE ON guidance_notes
    FOR EACH ROW EXECUTE FUNCTION customer_care_append_only();

-- +goose Down
DROP TABLE guidance_notes;
DROP INDEX tasks_one_open_hard_customer;
ALTER TABLE customers
    DROP COLUMN difficult, DROP COLUMN difficulty_reason, DROP COLUMN difficulty_by, DROP COLUMN difficulty_at,
    DROP COLUMN hard_plan, DROP COLUMN hard_plan_by, DROP COLUMN hard_plan_at;
DROP TABLE customer_class_events;
DROP FUNCTION customer_care_append_only();
