-- +goose Up
-- A resource line's list price is the sum of the dated rate-card price of
-- each of its units (issue 13, policy.ListTotal), which R5.3 judges
-- against; list_price_fen stays the per-unit figure lines always showed
-- (for a resource line its average, rounded down). NULL for a line without
-- a resource, whose list total is quantity × list_price_fen.
ALTER TABLE proposal_items ADD COLUMN list_total_fen bigint CHECK (list_total_fen >= 0),
    ADD CONSTRAINT proposal_items_list_total_resource CHECK ((list_total_fen IS NULL) = (resource_id IS NULL));
ALTER TABLE contract_items ADD COLUMN list_total_fen bigint CHECK (list_total_fen >= 0),
    ADD CONSTRAINT contract_items_list_total_resource CHECK ((list_total_fen IS NULL) = (resource_id IS NULL));

-- +goose Down
ALTER TABLE contract_items DROP CONSTRAINT contract_items_list_total_resource, DROP COLUMN list_total_fen;
ALTER TABLE proposal_items DROP CONSTRAINT proposal_items_list_total_resource, DROP COLUMN list_total_fen;
