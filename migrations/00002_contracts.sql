-- +goose Up
-- Contracts (F2, R5): every revision kept with the list prices it was
-- judged against, approvals bound to the content hash they approved,
-- signatures bound to the SHA-256 of the exact document signed, the signed
-- document itself, and delegations ("someone they authorised", R5.5).
-- Every timestamp is set by the server (R5.4).

CREATE TABLE contracts (
    id                 text PRIMARY KEY,
    proposal_id        text NOT NULL UNIQUE REFERENCES proposals(id),
    proposal_version   integer NOT NULL CHECK (proposal_version >= 1),
    customer_id        text NOT NULL REFERENCES customers(id),
    owner_id           text NOT NULL REFERENCES users(id),
    status             text NOT NULL CHECK (status IN ('drafting','in_approval','revising','approved','signed')),
    version            integer NOT NULL CHECK (version >= 1),
    content_hash       text NOT NULL CHECK (length(content_hash) = 64),
    workflow_id        text NOT NULL UNIQUE,
    major              boolean NOT NULL DEFAULT false,
    required_approvals text[] NOT NULL DEFAULT '{}'
                       CHECK (required_approvals <@ ARRAY['marketing_director','company_approver']::text[]),
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contracts_owner_idx ON contracts (owner_id, created_at DESC);

-- One row per revision; the service terms (R5.1) and the period are part of
-- the content an approval approves.
CREATE TABLE contract_versions (
    contract_id    text NOT NULL REFERENCES contracts(id),
    version        integer NOT NULL CHECK (version >= 1),
    free_revisions integer CHECK (free_revisions >= 0),
    service_fee    text,
    starts_on      date,
    ends_on        date,
    total_fen      bigint NOT NULL CHECK (total_fen >= 0),
    content_hash   text NOT NULL CHECK (length(content_hash) = 64),
    author_id      text NOT NULL REFERENCES users(id),
    created_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (contract_id, version),
    CHECK (free_revisions IS NULL OR service_fee IS NULL),
    CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on)
);

CREATE TABLE contract_items (
    contract_id    text NOT NULL,
    version        integer NOT NULL,
    line_no        integer NOT NULL CHECK (line_no >= 1),
    product_id     text NOT NULL REFERENCES products(id),
    quantity       integer NOT NULL CHECK (quantity > 0),
    unit_price_fen bigint NOT NULL CHECK (unit_price_fen >= 0),
    list_price_fen bigint NOT NULL CHECK (list_price_fen >= 0),
    PRIMARY KEY (contract_id, version, line_no),
    FOREIGN KEY (contract_id, version) REFERENCES contract_versions (contract_id, version)
);

-- Decisions of the approval steps. Only non-voided approvals whose
-- content_hash is the contract's current one count; a revision or a new
-- round voids the earlier ones (they stay, marked, for the record).
CREATE TABLE contract_approvals (
    id           bigserial PRIMARY KEY,
    contract_id  text NOT NULL REFERENCES contracts(id),
    version      integer NOT NULL,
    content_hash text NOT NULL,
    round        integer NOT NULL CHECK (round >= 1),
    role         text NOT NULL CHECK (role IN ('marketing_director','company_approver')),
    decided_by   text NOT NULL REFERENCES users(id),
    on_behalf_of text REFERENCES users(id),
    decision     text NOT NULL CHECK (decision IN ('approve','reject')),
    comment      text,
    task_id      text NOT NULL UNIQUE REFERENCES tasks(id),
    at           timestamptz NOT NULL DEFAULT clock_timestamp(),
    voided       boolean NOT NULL DEFAULT false,
    voided_at    timestamptz,
    void_reason  text,
    FOREIGN KEY (contract_id, version) REFERENCES contract_versions (contract_id, version),
    CHECK (voided = (voided_at IS NOT NULL))
);
CREATE INDEX contract_approvals_contract_idx ON contract_approvals (contract_id, id);

-- The exact PDF put before the signers, kept byte for byte so verification
-- can recompute its SHA-256.
CREATE TABLE contract_documents (
    contract_id text PRIMARY KEY REFERENCES contracts(id),
    version     integer NOT NULL,
    sha256      text NOT NULL CHECK (length(sha256) = 64),
    pdf         bytea NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- One signature per party (R5.5). server_signature is the server's
-- Ed25519 signature (base64) over the record, signed_at the database clock.
CREATE TABLE signatures (
    id                      bigserial PRIMARY KEY,
    contract_id             text NOT NULL REFERENCES contract_documents(contract_id),
    signer_role             text NOT NULL CHECK (signer_role IN ('company','customer')),
    signer_id               text NOT NULL REFERENCES users(id),
    on_behalf_of            text REFERENCES users(id),
    customer_signatory_name text,
    document_sha256         text NOT NULL CHECK (length(document_sha256) = 64),
    signed_at               timestamptz NOT NULL,
    server_signature        text NOT NULL,
    UNIQUE (contract_id, signer_role),
    CHECK ((signer_role = 'customer') = (customer_signatory_name IS NOT NULL))
);

-- Someone authorised to decide and sign in another's name (R5.5), for a
-- period.
CREATE TABLE delegations (
    id         text PRIMARY KEY,
    from_user  text NOT NULL REFERENCES users(id),
    to_user    text NOT NULL REFERENCES users(id),
    starts_at  timestamptz NOT NULL,
    ends_at    timestamptz NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (ends_at > starts_at),
    CHECK (from_user <> to_user)
);
CREATE INDEX delegations_to_idx ON delegations (to_user, ends_at);

-- The proposal points at the contract drafted from it (F1 → F2); the
-- contract row is written first, in the same transaction.
ALTER TABLE proposals ADD CONSTRAINT proposals_contract_fk FOREIGN KEY (contract_id) REFERENCES contracts(id);

-- Reminders and escalation of waiting approval tasks.
ALTER TABLE tasks ADD COLUMN reminded_at timestamptz;
ALTER TABLE tasks ADD COLUMN escalated_at timestamptz;

-- +goose Down
ALTER TABLE proposals DROP CONSTRAINT proposals_contract_fk;
ALTER TABLE tasks DROP COLUMN escalated_at;
ALTER TABLE tasks DROP COLUMN reminded_at;
DROP TABLE delegations;
DROP TABLE signatures;
DROP TABLE contract_documents;
DROP TABLE contract_approvals;
DROP TABLE contract_items;
DROP TABLE contract_versions;
DROP TABLE contracts;
