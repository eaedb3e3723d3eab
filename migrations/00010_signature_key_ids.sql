-- +goose Up
-- Each server seal names the key that made it (R5.5, issue 9): the hex of
-- the first 8 bytes of the public key's SHA-256. The API verifies a seal
-- with the trusted public key of that id, so the worker's key can be
-- rotated and earlier signatures still verify. Rows sealed before this
-- migration keep NULL (one key existed then; the verifier tries every
-- trusted key); NOT VALID makes the NOT NULL check bind new rows only.
ALTER TABLE signatures ADD COLUMN signing_key_id text
    CHECK (signing_key_id ~ '^[0-9a-f]{16}$');
ALTER TABLE signatures ADD CONSTRAINT signatures_key_id_present
    CHECK (signing_key_id IS NOT NULL) NOT VALID;

-- +goose Down
ALTER TABLE signatures DROP CONSTRAINT signatures_key_id_present;
ALTER TABLE signatures DROP COLUMN signing_key_id;
