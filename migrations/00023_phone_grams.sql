-- +goose Up
-- The customer search by a fragment of a phone number (issue 12). Phone
-- numbers share most of their digit trigrams (every 139 0000 … holds
-- "139", "390", "900", "000"), so the trigram index on normalised_phone
-- reads long posting lists for any fragment and was slower than reading
-- the table at 50,000 customers. Four-digit grams are ten times rarer
-- each, and a fragment of n digits asks for n − 3 of them at once:
-- phone_grams(normalised_phone) @> phone_grams(fragment) narrows to the
-- few numbers holding every one, and LIKE rechecks the order. Fragments
-- of three digits keep the trigram index.
-- +goose StatementBegin
CREATE FUNCTION phone_grams(p text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT COALESCE(array_agg(DISTINCT substr(p, i, 4)), '{}')
    FROM generate_series(1, length(p) - 3) AS i
$$;
-- +goose StatementEnd
CREATE INDEX customers_phone_grams ON customers USING gin (phone_grams(normalised_phone));

-- +goose Down
DROP INDEX customers_phone_grams;
DROP FUNCTION phone_grams(text);
