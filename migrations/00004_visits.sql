-- +goose Up
-- Visits (R3.5, R3.6, R3.8, R4.2): the plan the manager approves, the visit
-- slip the front desk keeps (客户走访单), the late-return watch and the visit
-- report; and the in-app notifications of every task, reminder and
-- escalation. Every timestamp is set by the server (R5.4).

CREATE TABLE visits (
    id                     text PRIMARY KEY,
    customer_id            text NOT NULL REFERENCES customers(id),
    owner_id               text NOT NULL REFERENCES users(id),
    manager_id             text REFERENCES users(id),
    status                 text NOT NULL CHECK (status IN ('pending_approval','approved','rejected','departed','returned','reported')),
    goals                  text NOT NULL CHECK (length(goals) BETWEEN 1 AND 4000),
    progress_report        text, -- R4.2: required for a revisit, checked by the API
    planned_start          timestamptz NOT NULL,
    planned_return         timestamptz NOT NULL,
    workflow_id            text NOT NULL UNIQUE,
    decided_by             text REFERENCES users(id),
    decision_comment       text,
    departed_at            timestamptz,
    departed_recorded_by   text REFERENCES users(id),
    expected_return        timestamptz,
    expected_return_reason text,
    late_alerted_at        timestamptz, -- R3.6: the manager was told of a late return
    returned_at            timestamptz,
    returned_recorded_by   text REFERENCES users(id),
    report_due_at          timestamptz,
    report_reminded_at     timestamptz,
    report_escalated_at    timestamptz,
    reported_at            timestamptz,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    CHECK (planned_return > planned_start)
);
CREATE INDEX visits_owner_idx ON visits (owner_id, created_at DESC);
CREATE INDEX visits_customer_idx ON visits (customer_id);
CREATE INDEX visits_start_idx ON visits (planned_start);

-- The visit report (R3.3, R3.8): one per visit, written by its owner.
CREATE TABLE visit_reports (
    visit_id          text PRIMARY KEY REFERENCES visits(id),
    notes             text NOT NULL CHECK (length(notes) BETWEEN 1 AND 20000),
    met_name          text NOT NULL CHECK (length(met_name) BETWEEN 1 AND 200),
    met_title         text NOT NULL CHECK (length(met_title) BETWEEN 1 AND 200),
    is_decision_maker boolean NOT NULL,
    needs             text NOT NULL DEFAULT '',
    author_id         text NOT NULL REFERENCES users(id),
    created_at        timestamptz NOT NULL DEFAULT now(),
    late              boolean NOT NULL DEFAULT false
);

-- Notifications (created in 00003 for the R2.5 reminder) gain readable
-- titles in both languages, a body, and the channels that took them, so
-- every task, reminder and escalation can be read in the app and mailed.
ALTER TABLE notifications
    ADD COLUMN title_zh     text NOT NULL DEFAULT '',
    ADD COLUMN title_en     text NOT NULL DEFAULT '',
    ADD COLUMN body         text NOT NULL DEFAULT '',
    ADD COLUMN emailed_at   timestamptz,
    ADD COLUMN webhooked_at timestamptz;

-- Where a notification email goes; NULL: in-app only.
ALTER TABLE users ADD COLUMN email text CHECK (email IS NULL OR email ~ '^[^@\s]+@[^@\s]+$');

-- +goose Down
ALTER TABLE users DROP COLUMN email;
ALTER TABLE notifications DROP COLUMN title_zh, DROP COLUMN title_en, DROP COLUMN body,
    DROP COLUMN emailed_at, DROP COLUMN webhooked_at;
DROP TABLE visit_reports;
DROP TABLE visits;
