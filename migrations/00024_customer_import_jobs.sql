-- +goose Up
-- An import of a large customer file as a job (issue 12): the file is read
-- and checked when it is sent, its rows staged here, and a Temporal
-- workflow records them a batch at a time, each batch one transaction that
-- also writes its rows' outcomes and the job's counts, so the page and the
-- API show rows done / total while it runs and every row's result after.
CREATE TABLE customer_import_jobs (
    id          text PRIMARY KEY,
    created_by  text NOT NULL REFERENCES users(id),
    file_name   text NOT NULL DEFAULT '',
    rows_total  integer NOT NULL CHECK (rows_total > 0),
    rows_done   integer NOT NULL DEFAULT 0,
    created     integer NOT NULL DEFAULT 0,
    duplicate   integer NOT NULL DEFAULT 0,
    invalid     integer NOT NULL DEFAULT 0,
    failed      integer NOT NULL DEFAULT 0,
    state       text NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'done')),
    -- started is set once the job's workflow is known to run; the API's
    -- outbox sweep starts the jobs a failed start left behind.
    started     boolean NOT NULL DEFAULT false,
    -- attempt counts the job's runs: a job whose failed rows are sent again
    -- runs once more, as a workflow of its own.
    attempt     integer NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    CHECK (rows_done = created + duplicate + invalid + failed AND rows_done <= rows_total),
    CHECK ((state = 'done') = (finished_at IS NOT NULL))
);
CREATE INDEX customer_import_jobs_by_user ON customer_import_jobs (created_by, created_at DESC, id DESC);
CREATE INDEX customer_import_jobs_unstarted ON customer_import_jobs (created_at) WHERE NOT started;

-- One row of a job's file: what to record (customer, null for a row the
-- checks refused, and once the row is recorded or found a duplicate) and,
-- once done, its outcome and result. A failed row keeps its customer, to be
-- recorded when the job runs again.
CREATE TABLE customer_import_rows (
    job_id   text NOT NULL REFERENCES customer_import_jobs(id) ON DELETE CASCADE,
    seq      integer NOT NULL,
    line     integer NOT NULL,
    name     text NOT NULL,
    customer jsonb,
    outcome  text CHECK (outcome IN ('created', 'duplicate', 'invalid', 'failed')),
    result   jsonb,
    PRIMARY KEY (job_id, seq),
    CHECK ((outcome IS NULL) = (result IS NULL)),
    CHECK (customer IS NOT NULL OR outcome IN ('created', 'duplicate', 'invalid'))
);
CREATE INDEX customer_import_rows_by_outcome ON customer_import_rows (job_id, outcome, seq);

-- +goose Down
DROP TABLE customer_import_rows;
DROP TABLE customer_import_jobs;
