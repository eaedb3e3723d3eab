-- +goose Up
-- Near-duplicate warnings (R2.2) compare a new name only with the names of
-- its block: the same core (policy.CompanyNameCore — the normalised name
-- without region, industry and legal-form words), a core that extends it or
-- a long prefix of it, found by a btree (text_pattern_ops: = and LIKE 'x%',
-- whatever the database's collation). This
-- replaces 00008's GiST nearest-neighbour scan, whose cost grew with the
-- registry (129 ms p50 at 1,000,000 customers) and which every insert, even
-- a refused duplicate, had to write. Rows from before get their core from
-- the application at start-up (store.Migrate backfills name_core = '').
ALTER TABLE customers ADD COLUMN name_core text NOT NULL DEFAULT '';
CREATE INDEX customers_name_core_idx ON customers (name_core text_pattern_ops);
DROP INDEX IF EXISTS customers_normalised_name_gist;

-- The customer search (GET /customers?q=) matches a fragment of the
-- normalised phone as LIKE '%…%': a trigram GIN index answers it, as
-- customers_normalised_name_trgm (00003) does for the name.
CREATE INDEX customers_normalised_phone_trgm ON customers USING gin (normalised_phone gin_trgm_ops);

-- +goose Down
DROP INDEX customers_normalised_phone_trgm;
CREATE INDEX customers_normalised_name_gist ON customers USING gist (normalised_name gist_trgm_ops);
DROP INDEX customers_name_core_idx;
ALTER TABLE customers DROP COLUMN name_core;
