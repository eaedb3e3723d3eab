-- +goose Up
-- Near-duplicate warnings (R2.2) ask for the five names nearest a new one:
-- a GiST trigram index answers that as a nearest-neighbour scan (ORDER BY
-- <-> LIMIT), whose cost does not grow with how many names share a few
-- trigrams, as the GIN index's % filter does (the GIN index stays for the
-- list's search).
CREATE INDEX customers_normalised_name_gist ON customers USING gist (normalised_name gist_trgm_ops);

-- +goose Down
DROP INDEX customers_normalised_name_gist;
