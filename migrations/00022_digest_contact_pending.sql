-- +goose Up
-- The daily digest's missed first contacts (R2.5, R4.3): an owned
-- customer whose contact deadline has passed with no interaction logged
-- since its current owner took it. Asked of the interactions, that was an
-- anti join over the whole contact log for every salesperson (8.6 s at
-- 200,000 customers and interactions). last_contact_at, the newest
-- interaction's server time, answers "any interaction since owned_since?"
-- on the customer's own row, and a partial index holds just the owned
-- customers still waiting for that contact, so the count costs the
-- customers it counts. A trigger keeps it, so every writer of the log
-- (the store, a visit report, a SQL fixture) keeps it alike; the log is
-- append-only, so the newest time only moves forward.
ALTER TABLE customers ADD COLUMN last_contact_at timestamptz;
UPDATE customers c SET last_contact_at = m.at
FROM (SELECT customer_id, max(created_at) AS at FROM customer_interactions GROUP BY customer_id) m
WHERE m.customer_id = c.id;

-- +goose StatementBegin
CREATE FUNCTION customers_last_contact() RETURNS trigger AS $$
BEGIN
    UPDATE customers SET last_contact_at = NEW.created_at
    WHERE id = NEW.customer_id AND (last_contact_at IS NULL OR last_contact_at < NEW.created_at);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd
CREATE TRIGGER customer_interactions_last_contact AFTER INSERT ON customer_interactions
    FOR EACH ROW EXECUTE FUNCTION customers_last_contact();

-- The predicate is store.contactPending's, word for word (the planner
-- matches a partial index by its text).
CREATE INDEX customers_contact_pending_idx ON customers (owner_id, contact_due_at)
    WHERE owner_id IS NOT NULL AND NOT coalesce(last_contact_at >= owned_since, false);
-- The digest's difficult customers (R3.4) per owner.
CREATE INDEX customers_difficult_idx ON customers (owner_id) WHERE difficult;

-- +goose Down
DROP INDEX customers_difficult_idx;
DROP INDEX customers_contact_pending_idx;
DROP TRIGGER customer_interactions_last_contact ON customer_interactions;
DROP FUNCTION customers_last_contact();
ALTER TABLE customers DROP COLUMN last_contact_at;
