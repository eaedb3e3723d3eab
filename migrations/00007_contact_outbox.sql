-- +goose Up
-- The one-week contact rule's workflows (R2.5) are started from an outbox:
-- a customer whose current ownership (owner_generation) has no started
-- deadline workflow yet is pending until the API's sweeper starts it. The
-- record and its deadline are written in one transaction; a failed or
-- deferred start (an import of thousands of rows) is never lost.
ALTER TABLE customers ADD COLUMN deadline_started_generation integer NOT NULL DEFAULT 0;
UPDATE customers SET deadline_started_generation = owner_generation;
CREATE INDEX customers_deadline_pending ON customers (owned_since, id)
    WHERE owner_id IS NOT NULL AND deadline_started_generation < owner_generation;

-- +goose Down
DROP INDEX customers_deadline_pending;
ALTER TABLE customers DROP COLUMN deadline_started_generation;
