-- +goose Up
-- Foundation: users and sessions, the rate card, a minimal customer table,
-- proposals (F1) with every version kept, the task inbox and the append-only,
-- hash-chained audit trail. Every timestamp is set by the server (R5.4).

CREATE TABLE users (
    id                     text PRIMARY KEY,
    username               text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9_.-]{2,64}$'),
    name                   text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    password_hash          text NOT NULL,
    roles                  text[] NOT NULL CHECK (roles <@ ARRAY['salesperson','sales_manager','reviewer','marketing_director','company_approver','front_desk','admin']::text[]),
    manager_id             text REFERENCES users(id),
    discount_authority_pct integer NOT NULL DEFAULT 0 CHECK (discount_authority_pct BETWEEN 0 AND 100),
    active                 boolean NOT NULL DEFAULT true,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now()
);

-- Sessions are opaque tokens; only their SHA-256 is stored so a database
-- dump does not hand out live sessions. Revocation sets revoked_at.
CREATE TABLE sessions (
    token_hash bytea PRIMARY KEY,
    user_id    text NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE products (
    id             text PRIMARY KEY,
    code           text NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64),
    name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    unit           text NOT NULL CHECK (length(unit) BETWEEN 1 AND 32),
    list_price_fen bigint NOT NULL CHECK (list_price_fen >= 0),
    created_at     timestamptz NOT NULL DEFAULT now()
);

-- Minimal customer record for F1; the full registry (R1, R2) extends it.
CREATE TABLE customers (
    id           text PRIMARY KEY,
    name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    channel      text NOT NULL CHECK (channel IN ('trade_show','trade_press','internet','industry_association','mall_brand_listing','partner_referral','company_data','competitor_media','marketing_event')),
    owner_id     text REFERENCES users(id),
    class        text NOT NULL DEFAULT 'tracking' CHECK (class IN ('signed','intent_signed','key','progressing','potential','tracking')),
    collected_on date NOT NULL,
    entered_at   timestamptz NOT NULL DEFAULT now(),
    created_by   text NOT NULL REFERENCES users(id)
);
CREATE INDEX customers_owner_idx ON customers (owner_id);

CREATE TABLE proposals (
    id          text PRIMARY KEY,
    customer_id text NOT NULL REFERENCES customers(id),
    owner_id    text NOT NULL REFERENCES users(id),
    status      text NOT NULL CHECK (status IN ('draft','in_review','revising','approved','accepted')),
    version     integer NOT NULL CHECK (version >= 1),
    workflow_id text NOT NULL UNIQUE,
    contract_id text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX proposals_owner_idx ON proposals (owner_id, created_at DESC);
CREATE INDEX proposals_customer_idx ON proposals (customer_id);

-- Every revision is a new row; versions are never overwritten.
CREATE TABLE proposal_versions (
    proposal_id text NOT NULL REFERENCES proposals(id),
    version     integer NOT NULL CHECK (version >= 1),
    title       text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    body        text NOT NULL,
    total_fen   bigint NOT NULL CHECK (total_fen >= 0),
    author_id   text NOT NULL REFERENCES users(id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (proposal_id, version)
);

CREATE TABLE proposal_items (
    proposal_id    text NOT NULL,
    version        integer NOT NULL,
    line_no        integer NOT NULL CHECK (line_no >= 1),
    product_id     text NOT NULL REFERENCES products(id),
    quantity       integer NOT NULL CHECK (quantity > 0),
    unit_price_fen bigint NOT NULL CHECK (unit_price_fen >= 0),
    list_price_fen bigint NOT NULL CHECK (list_price_fen >= 0),
    PRIMARY KEY (proposal_id, version, line_no),
    FOREIGN KEY (proposal_id, version) REFERENCES proposal_versions (proposal_id, version)
);

-- The approver's inbox. A task is offered to a role and/or one user; the
-- author of the subject can never act on it.
CREATE TABLE tasks (
    id               text PRIMARY KEY,
    kind             text NOT NULL,
    subject_type     text NOT NULL,
    subject_id       text NOT NULL,
    subject_version  integer,
    workflow_id      text NOT NULL,
    author_id        text NOT NULL REFERENCES users(id),
    assignee_role    text,
    assignee_user_id text REFERENCES users(id),
    status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open','decided','cancelled')),
    decision         text CHECK (decision IN ('approve','reject')),
    comment          text,
    decided_by       text REFERENCES users(id),
    created_at       timestamptz NOT NULL DEFAULT now(),
    due_at           timestamptz,
    decided_at       timestamptz,
    CHECK (assignee_role IS NOT NULL OR assignee_user_id IS NOT NULL),
    CHECK ((status = 'decided') = (decision IS NOT NULL))
);
CREATE INDEX tasks_open_idx ON tasks (created_at) WHERE status = 'open';
CREATE INDEX tasks_subject_idx ON tasks (subject_type, subject_id);

-- Append-only audit trail. Each row carries the SHA-256 of its content and
-- of the previous row, so a changed or deleted row breaks the chain.
-- event_key makes activity retries write nothing twice.
CREATE TABLE audit_events (
    seq          bigserial PRIMARY KEY,
    event_key    text NOT NULL UNIQUE,
    subject_type text NOT NULL,
    subject_id   text NOT NULL,
    actor_id     text REFERENCES users(id),
    on_behalf_of text REFERENCES users(id),
    action       text NOT NULL,
    detail       text NOT NULL DEFAULT '{}', -- JSON text exactly as hashed
    at           timestamptz NOT NULL,
    prev_hash    text NOT NULL,
    hash         text NOT NULL
);
CREATE INDEX audit_subject_idx ON audit_events (subject_type, subject_id, seq);

-- +goose StatementBegin
CREATE FUNCTION audit_events_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only';
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

-- +goose Down
DROP TABLE audit_events;
DROP FUNCTION audit_events_append_only();
DROP TABLE tasks;
DROP TABLE proposal_items;
DROP TABLE proposal_versions;
DROP TABLE proposals;
DROP TABLE customers;
DROP TABLE products;
DROP TABLE sessions;
DROP TABLE users;
