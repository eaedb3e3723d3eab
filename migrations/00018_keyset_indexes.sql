-- +goose Up
-- Every list pages by a (time, id) keyset (issue 12): each gets a composite
-- index whose order is the list's ORDER BY, so a page is one index range
-- scan however many rows precede it, and rows that share a timestamp are
-- told apart by their id instead of being skipped.
DROP INDEX proposals_owner_idx;
CREATE INDEX proposals_owner_idx ON proposals (owner_id, created_at DESC, id DESC);
CREATE INDEX proposals_created_idx ON proposals (created_at DESC, id DESC);
CREATE INDEX contracts_owner_updated_idx ON contracts (owner_id, updated_at DESC, id DESC);
CREATE INDEX contracts_updated_idx ON contracts (updated_at DESC, id DESC);
DROP INDEX notifications_user_idx;
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC, id DESC);
-- The inbox (oldest open task first, by role or by user).
DROP INDEX tasks_open_idx;
CREATE INDEX tasks_open_idx ON tasks (created_at, id) WHERE status = 'open';
-- What BenchmarkLists (store/lists_bench_test.go) found missing at 100,000
-- open tasks, 200,000 proposals, customers and interactions: the inbox of a
-- user whose tasks are few among many walked every open task; the digest
-- counted each salesperson's interactions by reading all of them; the
-- reports' class counts and missed contacts read whole tables.
CREATE INDEX tasks_open_user_idx ON tasks (assignee_user_id, created_at, id)
    WHERE status = 'open' AND assignee_user_id IS NOT NULL;
CREATE INDEX tasks_open_role_idx ON tasks (assignee_role, created_at, id)
    WHERE status = 'open' AND assignee_role IS NOT NULL;
CREATE INDEX tasks_kind_author_idx ON tasks (kind, author_id, created_at);
CREATE INDEX customer_interactions_actor_idx ON customer_interactions (actor_id, created_at);
CREATE INDEX customers_owner_class_idx ON customers (owner_id, class);

-- +goose Down
DROP INDEX customers_owner_class_idx;
DROP INDEX customer_interactions_actor_idx;
DROP INDEX tasks_kind_author_idx;
DROP INDEX tasks_open_role_idx;
DROP INDEX tasks_open_user_idx;
DROP INDEX tasks_open_idx;
CREATE INDEX tasks_open_idx ON tasks (created_at) WHERE status = 'open';
DROP INDEX notifications_user_idx;
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at);
DROP INDEX contracts_updated_idx;
DROP INDEX contracts_owner_updated_idx;
DROP INDEX proposals_created_idx;
DROP INDEX proposals_owner_idx;
CREATE INDEX proposals_owner_idx ON proposals (owner_id, created_at DESC);
