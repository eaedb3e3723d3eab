-- +goose Up
-- The customer answers for themselves (R5.5, F1; issue 11 point 15).
--
-- A customer link is what the owner sends one contact of the customer: a
-- 256-bit random token (only its SHA-256 is kept) for one contract's
-- signing document or one proposal version, single use, expiring. The
-- contact is copied onto the link (name and address as they were when it
-- was sent): contacts are rewritten whole when a customer file is edited,
-- so their ids do not last. An emailed link gets its token from the
-- worker that mails it (token_hash is NULL until then), so the token never
-- passes through the API or a workflow's history; a copied link (for
-- WeChat) gets it from the API, shown once to the owner.
CREATE TABLE customer_links (
    id               text PRIMARY KEY,
    token_hash       text UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    purpose          text NOT NULL CHECK (purpose IN ('contract_sign', 'proposal_response')),
    contract_id      text REFERENCES contract_documents(contract_id),
    proposal_id      text REFERENCES proposals(id),
    proposal_version integer,
    -- document_sha256 is what the link is bound to: the signing document's
    -- SHA-256, or the proposal version's content hash. A link whose
    -- subject no longer has this hash is refused.
    document_sha256  text NOT NULL CHECK (document_sha256 ~ '^[0-9a-f]{64}$'),
    customer_id      text NOT NULL REFERENCES customers(id),
    contact_name     text NOT NULL CHECK (length(contact_name) BETWEEN 1 AND 100),
    contact_email    text NOT NULL CHECK (length(contact_email) BETWEEN 3 AND 200),
    channel          text NOT NULL CHECK (channel IN ('email', 'copy')),
    created_by       text NOT NULL REFERENCES users(id),
    created_at       timestamptz NOT NULL DEFAULT now(),
    expires_at       timestamptz NOT NULL,
    mailed_at        timestamptz,
    used_at          timestamptz,
    revoked_at       timestamptz,
    CHECK ((purpose = 'contract_sign') = (contract_id IS NOT NULL)),
    CHECK ((purpose = 'proposal_response') = (proposal_id IS NOT NULL AND proposal_version IS NOT NULL)),
    CHECK (channel = 'email' OR token_hash IS NOT NULL),
    CHECK (expires_at > created_at)
);
CREATE INDEX customer_links_contract_idx ON customer_links (contract_id, created_at);
CREATE INDEX customer_links_proposal_idx ON customer_links (proposal_id, created_at);

-- One-time codes mailed to a link's contact: six digits, kept only as a
-- hash, valid ten minutes, five tries. The worker that mails a code makes
-- it (code_hash is NULL until then), so the API never sees it.
CREATE TABLE customer_link_codes (
    id         text PRIMARY KEY,
    link_id    text NOT NULL REFERENCES customer_links(id),
    code_hash  text CHECK (code_hash ~ '^[0-9a-f]{64}$'),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    sent_at    timestamptz,
    attempts   integer NOT NULL DEFAULT 0 CHECK (attempts BETWEEN 0 AND 5),
    used_at    timestamptz,
    CHECK (expires_at > created_at)
);
CREATE INDEX customer_link_codes_link_idx ON customer_link_codes (link_id, created_at);

-- A customer's signature given on paper: the signed scan the owner
-- uploads, kept byte for byte with its SHA-256, which the signature binds.
CREATE TABLE contract_paper_scans (
    contract_id  text NOT NULL REFERENCES contract_documents(contract_id),
    sha256       text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'image/png', 'image/jpeg')),
    filename     text NOT NULL DEFAULT '' CHECK (length(filename) <= 200),
    content      bytea NOT NULL,
    uploaded_by  text NOT NULL REFERENCES users(id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (contract_id, sha256)
);

-- How each signature was given: 'account' (a signed-in user, the
-- company's), 'link' (the customer's contact through a customer link,
-- after a one-time code; no user signs), 'paper' (the owner recording an
-- answer given on paper, with its scan). Rows sealed before this
-- migration keep NULL: the owner typed the signatory's name.
ALTER TABLE signatures
    ALTER COLUMN signer_id DROP NOT NULL,
    ADD COLUMN method text CHECK (method IN ('account', 'link', 'paper')),
    ADD COLUMN link_id text REFERENCES customer_links(id),
    ADD COLUMN signer_contact text,
    ADD COLUMN paper_scan_sha256 text,
    ADD CONSTRAINT signatures_method_present CHECK (method IS NOT NULL) NOT VALID,
    ADD CONSTRAINT signatures_signer_present CHECK (signer_id IS NOT NULL OR method = 'link'),
    ADD CONSTRAINT signatures_link_evidence CHECK (method IS DISTINCT FROM 'link'
        OR (link_id IS NOT NULL AND signer_contact IS NOT NULL AND signer_id IS NULL)),
    ADD CONSTRAINT signatures_paper_evidence CHECK (method IS DISTINCT FROM 'paper' OR paper_scan_sha256 IS NOT NULL),
    ADD CONSTRAINT signatures_paper_scan_fk FOREIGN KEY (contract_id, paper_scan_sha256)
        REFERENCES contract_paper_scans (contract_id, sha256);

-- +goose Down
ALTER TABLE signatures
    DROP CONSTRAINT signatures_paper_scan_fk,
    DROP CONSTRAINT signatures_paper_evidence,
    DROP CONSTRAINT signatures_link_evidence,
    DROP CONSTRAINT signatures_signer_present,
    DROP CONSTRAINT signatures_method_present,
    DROP COLUMN paper_scan_sha256,
    DROP COLUMN signer_contact,
    DROP COLUMN link_id,
    DROP COLUMN method;
ALTER TABLE signatures ALTER COLUMN signer_id SET NOT NULL;
DROP TABLE contract_paper_scans;
DROP TABLE customer_link_codes;
DROP TABLE customer_links;
