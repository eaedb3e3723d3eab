-- +goose Up
-- The contact-deadline outbox (R2.5, 00007) becomes a table of its own.
-- 00007 kept it in customers.deadline_started_generation, so marking a
-- start updated the customer's row, and that update could never be HOT:
-- the pending index's predicate names the column. Each create therefore
-- wrote a second version of the row and an entry in every index of
-- customers, three trigram GINs among them, while the next create was
-- running (issue 12: a create's p99 at 1,000,000 customers). Now an
-- ownership that begins pending is a row here, written in the same
-- statement as the ownership; a start deletes it, which touches only this
-- table. The sweep reads it oldest first. A row counts only while its
-- generation is the customer's current one.
-- It has no foreign key: customers are never deleted, and every row would
-- otherwise pay a key-share lock of its customer's row (an import inserts
-- 100,000 of them). The sweep joins the customer, so a row without one is
-- never started.
CREATE TABLE contact_deadline_outbox (
    customer_id text NOT NULL,
    generation  integer NOT NULL,
    owned_since timestamptz NOT NULL,
    PRIMARY KEY (customer_id, generation)
);
CREATE INDEX contact_deadline_outbox_oldest ON contact_deadline_outbox (owned_since, customer_id);
INSERT INTO contact_deadline_outbox (customer_id, generation, owned_since)
    SELECT id, owner_generation, COALESCE(owned_since, entered_at) FROM customers
    WHERE owner_id IS NOT NULL AND deadline_started_generation < owner_generation;
DROP INDEX customers_deadline_pending;
ALTER TABLE customers DROP COLUMN deadline_started_generation;

-- +goose Down
ALTER TABLE customers ADD COLUMN deadline_started_generation integer NOT NULL DEFAULT 0;
UPDATE customers c SET deadline_started_generation = c.owner_generation
    WHERE NOT EXISTS (SELECT 1 FROM contact_deadline_outbox o
        WHERE o.customer_id = c.id AND o.generation = c.owner_generation);
CREATE INDEX customers_deadline_pending ON customers (owned_since, id)
    WHERE owner_id IS NOT NULL AND deadline_started_generation < owner_generation;
DROP TABLE contact_deadline_outbox;
