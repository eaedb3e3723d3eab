-- +goose Up
-- Ad inventory (issue 13): the media resources the company sells (点位/广告位),
-- rate-card prices with validity periods, proposal and contract lines that
-- name a resource and dates, and one table of claims on a resource's slots
-- (a hold, an offer to the next in a waiting list, a booking) in which the
-- database itself refuses two live claims on one slot for overlapping
-- dates. A resource offers `capacity` faces or loop slots at once; each
-- claim takes one of them (slot 1..capacity) for its whole date range, so
-- "is it free" is a question PostgreSQL answers under its own locks and no
-- concurrent transaction can book around it.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE media_resources (
    id          text PRIMARY KEY,
    code        text NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64),
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    kind        text NOT NULL CHECK (kind IN ('billboard','light_box','led_screen','elevator_frame','bus_shelter','other')),
    -- the rate-card product the resource is sold as (its price list)
    product_id  text NOT NULL REFERENCES products(id),
    city        text NOT NULL CHECK (length(city) BETWEEN 1 AND 64),
    district    text NOT NULL DEFAULT '' CHECK (length(district) <= 64),
    address     text NOT NULL DEFAULT '' CHECK (length(address) <= 300),
    latitude    double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude   double precision CHECK (longitude BETWEEN -180 AND 180),
    capacity    integer NOT NULL DEFAULT 1 CHECK (capacity BETWEEN 1 AND 1000),
    sell_unit   text NOT NULL CHECK (sell_unit IN ('day','week','month')),
    active_from date NOT NULL,
    active_to   date, -- NULL: sold until further notice
    notes       text NOT NULL DEFAULT '' CHECK (length(notes) <= 2000),
    created_by  text REFERENCES users(id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (active_to IS NULL OR active_to >= active_from),
    CHECK ((latitude IS NULL) = (longitude IS NULL))
);
CREATE INDEX media_resources_kind_city_idx ON media_resources (kind, city, code);
CREATE INDEX media_resources_city_idx ON media_resources (city, code);

-- Dated rate-card prices (seasons such as 春节档): at most one price of a
-- product is valid on any day. A day no dated price covers falls back to
-- products.list_price_fen.
CREATE TABLE product_prices (
    id         bigserial PRIMARY KEY,
    product_id text NOT NULL REFERENCES products(id),
    label      text NOT NULL DEFAULT '' CHECK (length(label) <= 64),
    valid      daterange NOT NULL CHECK (NOT isempty(valid) AND NOT lower_inf(valid)),
    price_fen  bigint NOT NULL CHECK (price_fen >= 0),
    created_by text REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    EXCLUDE USING gist (product_id WITH =, valid WITH &&)
);

-- A line may book a resource for a date range (both ends inclusive, in the
-- resource's sellable unit); all three are set or none is.
ALTER TABLE proposal_items
    ADD COLUMN resource_id text REFERENCES media_resources(id),
    ADD COLUMN starts_on date,
    ADD COLUMN ends_on date,
    ADD CONSTRAINT proposal_items_resource_dates CHECK (
        (resource_id IS NULL AND starts_on IS NULL AND ends_on IS NULL)
        OR (resource_id IS NOT NULL AND starts_on IS NOT NULL AND ends_on IS NOT NULL AND ends_on >= starts_on));
ALTER TABLE contract_items
    ADD COLUMN resource_id text REFERENCES media_resources(id),
    ADD COLUMN starts_on date,
    ADD COLUMN ends_on date,
    ADD CONSTRAINT contract_items_resource_dates CHECK (
        (resource_id IS NULL AND starts_on IS NULL AND ends_on IS NULL)
        OR (resource_id IS NOT NULL AND starts_on IS NOT NULL AND ends_on IS NOT NULL AND ends_on >= starts_on));

-- Claims on a resource's slots. state: held (订位, a submitted proposal's
-- line, lapses at expires_at), offered (the slot kept for the next person
-- of the waiting list until expires_at), booked (a valid contract's line,
-- R5.5; no expiry), released (kept for the record, blocks nothing).
-- A hold becomes a booking by changing its state in place, so the slot it
-- already holds cannot be taken in between.
CREATE TABLE resource_claims (
    id             text PRIMARY KEY,
    resource_id    text NOT NULL REFERENCES media_resources(id),
    slot           integer NOT NULL CHECK (slot >= 1),
    period         daterange NOT NULL CHECK (NOT isempty(period) AND NOT lower_inf(period) AND NOT upper_inf(period)),
    state          text NOT NULL CHECK (state IN ('held','offered','booked','released')),
    holder_id      text NOT NULL REFERENCES users(id),
    proposal_id    text REFERENCES proposals(id),
    line_no        integer CHECK (line_no >= 1),
    contract_id    text REFERENCES contracts(id),
    expires_at     timestamptz,
    workflow_id    text,
    renewals       integer NOT NULL DEFAULT 0 CHECK (renewals >= 0),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    released_at    timestamptz,
    release_reason text,
    CHECK ((state = 'released') = (released_at IS NOT NULL)),
    CHECK (state NOT IN ('held','offered') OR expires_at IS NOT NULL),
    CHECK (state <> 'booked' OR contract_id IS NOT NULL),
    EXCLUDE USING gist (resource_id WITH =, slot WITH =, period WITH &&) WHERE (state <> 'released')
);
CREATE INDEX resource_claims_live_idx ON resource_claims USING gist (resource_id, period) WHERE state <> 'released';
CREATE INDEX resource_claims_proposal_idx ON resource_claims (proposal_id, line_no) WHERE state <> 'released';
CREATE INDEX resource_claims_contract_idx ON resource_claims (contract_id) WHERE contract_id IS NOT NULL;

-- A claim's slot lies within its resource's capacity (a CHECK cannot see
-- another table).
-- +goose StatementBegin
CREATE FUNCTION resource_claims_within_capacity() RETURNS trigger AS $$
BEGIN
    IF NEW.slot > (SELECT capacity FROM media_resources WHERE id = NEW.resource_id) THEN
        RAISE EXCEPTION 'slot % is beyond the capacity of resource %', NEW.slot, NEW.resource_id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql;
-- +goose StatementEnd
CREATE TRIGGER resource_claims_within_capacity BEFORE INSERT OR UPDATE OF slot, resource_id ON resource_claims
    FOR EACH ROW EXECUTE FUNCTION resource_claims_within_capacity();

-- The waiting list: salespeople who want a resource for dates that are
-- held, first come first served. An entry is offered the slot when a
-- claim that blocked it is released (offer_claim_id, until offered_until),
-- then taken, passed on (the offer lapsed) or withdrawn.
CREATE TABLE resource_waitlist (
    id             bigserial PRIMARY KEY,
    resource_id    text NOT NULL REFERENCES media_resources(id),
    period         daterange NOT NULL CHECK (NOT isempty(period) AND NOT lower_inf(period) AND NOT upper_inf(period)),
    user_id        text NOT NULL REFERENCES users(id),
    customer_id    text REFERENCES customers(id),
    state          text NOT NULL CHECK (state IN ('waiting','offered','taken','passed','withdrawn')),
    offer_claim_id text REFERENCES resource_claims(id),
    offered_until  timestamptz,
    joined_at      timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CHECK (state <> 'offered' OR (offer_claim_id IS NOT NULL AND offered_until IS NOT NULL))
);
CREATE UNIQUE INDEX resource_waitlist_once_idx ON resource_waitlist (resource_id, period, user_id)
    WHERE state IN ('waiting','offered');
CREATE INDEX resource_waitlist_next_idx ON resource_waitlist (resource_id, joined_at, id) WHERE state = 'waiting';

-- +goose Down
DROP TABLE resource_waitlist;
DROP TRIGGER resource_claims_within_capacity ON resource_claims;
DROP FUNCTION resource_claims_within_capacity();
DROP TABLE resource_claims;
ALTER TABLE contract_items DROP CONSTRAINT contract_items_resource_dates,
    DROP COLUMN ends_on, DROP COLUMN starts_on, DROP COLUMN resource_id;
ALTER TABLE proposal_items DROP CONSTRAINT proposal_items_resource_dates,
    DROP COLUMN ends_on, DROP COLUMN starts_on, DROP COLUMN resource_id;
DROP TABLE product_prices;
DROP TABLE media_resources;
