-- +goose Up
-- Issue 13 (holds, waiting list, bookings): every claim released records the
-- step that released it, so a retried step (an activity run again after a
-- crash) finds what it released and hands the same claims to the waiting
-- list instead of none; the waiting list's offers and the holds of one
-- submission are found by the workflow that watches them (workflow_id).
ALTER TABLE resource_claims ADD COLUMN release_key text;
CREATE INDEX resource_claims_release_key_idx ON resource_claims (release_key) WHERE release_key IS NOT NULL;
CREATE INDEX resource_claims_workflow_idx ON resource_claims (workflow_id) WHERE state IN ('held','offered');

-- +goose Down
DROP INDEX resource_claims_workflow_idx;
DROP INDEX resource_claims_release_key_idx;
ALTER TABLE resource_claims DROP COLUMN release_key;
