-- +goose Up
-- The admin pages (issue 6): a rate-card line can be withdrawn (inactive:
-- no longer offered for new lines, still priced on the contracts that
-- carry it) and its list price changed; updated_at says when.
ALTER TABLE products ADD COLUMN active boolean NOT NULL DEFAULT true;
ALTER TABLE products ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

-- +goose Down
ALTER TABLE products DROP COLUMN updated_at;
ALTER TABLE products DROP COLUMN active;
