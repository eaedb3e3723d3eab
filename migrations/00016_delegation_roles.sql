-- +goose Up
-- Delegations (R5.5) carry one role each, can be revoked, and the running
-- system bounds their length (issue 11, point 12). Existing rows passed on
-- every delegable role of the delegator: they become one row per role the
-- delegator holds, so nobody gains or loses anything on the upgrade.
ALTER TABLE delegations ADD COLUMN role text
    CHECK (role IN ('marketing_director', 'company_approver'));
ALTER TABLE delegations ADD COLUMN revoked_at timestamptz;
ALTER TABLE delegations ADD COLUMN revoked_by text REFERENCES users(id);
ALTER TABLE delegations ADD CHECK ((revoked_at IS NULL) = (revoked_by IS NULL));

INSERT INTO delegations (id, from_user, to_user, starts_at, ends_at, created_at, role)
SELECT d.id || '/marketing_director', d.from_user, d.to_user, d.starts_at, d.ends_at, d.created_at, 'marketing_director'
FROM delegations d JOIN users u ON u.id = d.from_user
WHERE d.role IS NULL AND 'marketing_director' = ANY(u.roles) AND 'company_approver' = ANY(u.roles);
UPDATE delegations d SET role = CASE WHEN 'company_approver' = ANY(u.roles) THEN 'company_approver' ELSE 'marketing_director' END
FROM users u WHERE u.id = d.from_user AND d.role IS NULL;
ALTER TABLE delegations ALTER COLUMN role SET NOT NULL;

CREATE INDEX delegations_active_idx ON delegations (to_user, role) WHERE revoked_at IS NULL;

-- +goose Down
DROP INDEX delegations_active_idx;
DELETE FROM delegations WHERE id LIKE '%/marketing_director';
ALTER TABLE delegations DROP COLUMN revoked_by;
ALTER TABLE delegations DROP COLUMN revoked_at;
ALTER TABLE delegations DROP COLUMN role;
