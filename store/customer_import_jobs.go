package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// An import job is a large customer file recorded a batch at a time by a
// workflow (issue 12): the file's rows are staged with the job when it is
// sent, each batch records its pending rows as ImportCustomers records a
// file and writes their outcomes and the job's counts in the same
// transaction, so a batch run twice records nothing twice and the counts
// are always the rows done.

// Job states.
const (
	ImportRunning = "running"
	ImportDone    = "done"
)

// Row outcomes of an import job.
const (
	ImportCreated   = "created"
	ImportDuplicate = "duplicate"
	ImportInvalid   = "invalid"
	ImportFailed    = "failed"
)

// ImportJob is one job: its file's rows, how many are done and how each
// ended so far.
type ImportJob struct {
	ID         string     `db:"id"`
	CreatedBy  string     `db:"created_by"`
	FileName   string     `db:"file_name"`
	RowsTotal  int        `db:"rows_total"`
	RowsDone   int        `db:"rows_done"`
	Created    int        `db:"created"`
	Duplicate  int        `db:"duplicate"`
	Invalid    int        `db:"invalid"`
	Failed     int        `db:"failed"`
	State      string     `db:"state"`
	Started    bool       `db:"started"`
	Attempt    int        `db:"attempt"`
	CreatedAt  time.Time  `db:"created_at"`
	FinishedAt *time.Time `db:"finished_at"`
}

const importJobColumns = `id, created_by, file_name, rows_total, rows_done, created, duplicate, invalid, failed,
	state, started, attempt, created_at, finished_at`

const importJobByID = `SELECT ` + importJobColumns + ` FROM customer_import_jobs WHERE id = $1`

// StagedImportRow is one row of a job's file as it is sent: the customer
// to record, or (Customer nil) the checks' refusal, already its result.
type StagedImportRow struct {
	Line     int
	Name     string
	Customer *NewCustomer
	Invalid  json.RawMessage
}

// ImportRowResult is what became of one row: the customer recorded (with
// its near-duplicate warnings), the first record it repeats (R2.2), or the
// fields the checks refused (as the service wrote them).
type ImportRowResult struct {
	CustomerID string            `json:"customer_id,omitempty"`
	ExistingID string            `json:"existing_id,omitempty"`
	OwnerName  *string           `json:"owner_name,omitempty"`
	Warnings   []SimilarCustomer `json:"warnings,omitempty"`
	Fields     json.RawMessage   `json:"fields,omitempty"`
}

// ImportJobRow is one done row of a job.
type ImportJobRow struct {
	Seq     int
	Line    int
	Name    string
	Outcome string
	Result  ImportRowResult
}

// CreateImportJob stages job and its rows in one transaction. A job whose
// ID exists already (the same file sent again with its key) is left as it
// is and returned.
func (s *Store) CreateImportJob(ctx context.Context, job ImportJob, rows []StagedImportRow) (ImportJob, error) {
	for _, r := range rows {
		if r.Customer == nil {
			job.Invalid++
		}
	}
	job.RowsTotal, job.RowsDone = len(rows), job.Invalid
	var out ImportJob
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		const q = `INSERT INTO customer_import_jobs (id, created_by, file_name, rows_total, rows_done, invalid)
			VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING RETURNING ` + importJobColumns
		err := tx.GetContext(ctx, &out, q, job.ID, job.CreatedBy, job.FileName, job.RowsTotal, job.RowsDone, job.Invalid)
		if errors.Is(err, sql.ErrNoRows) {
			return tx.GetContext(ctx, &out, importJobByID, job.ID)
		}
		if err != nil {
			return mapErr(err)
		}
		return copyRows(ctx, tx, "customer_import_rows", []string{"job_id", "seq", "line", "name", "customer", "outcome", "result"},
			len(rows), func(i int) []any { return stagedRow(job.ID, i, rows[i]) })
	})
	return out, mapErr(err)
}

func stagedRow(jobID string, seq int, r StagedImportRow) []any {
	if r.Customer == nil {
		res, _ := json.Marshal(ImportRowResult{Fields: r.Invalid})
		return []any{jobID, seq, r.Line, r.Name, nil, ImportInvalid, string(res)}
	}
	cust, _ := json.Marshal(r.Customer)
	return []any{jobID, seq, r.Line, r.Name, string(cust), nil, nil}
}

// ImportJobByID reads one job.
func (s *Store) ImportJobByID(ctx context.Context, id string) (ImportJob, error) {
	var j ImportJob
	err := s.db.GetContext(ctx, &j, importJobByID, id)
	return j, mapErr(err)
}

// ImportJobsOf lists a user's newest jobs.
func (s *Store) ImportJobsOf(ctx context.Context, userID string, limit int) ([]ImportJob, error) {
	out := []ImportJob{}
	err := s.db.SelectContext(ctx, &out, `SELECT `+importJobColumns+` FROM customer_import_jobs
		WHERE created_by = $1 ORDER BY created_at DESC, id DESC LIMIT $2`, userID, limit)
	return out, mapErr(err)
}

// ImportJobRows lists a job's done rows after seq afterSeq, in file order,
// only those with outcome when it is not "".
func (s *Store) ImportJobRows(ctx context.Context, jobID, outcome string, afterSeq, limit int) ([]ImportJobRow, error) {
	const q = `SELECT seq, line, name, outcome, result FROM customer_import_rows
		WHERE job_id = $1 AND outcome IS NOT NULL AND ($2 = '' OR outcome = $2) AND seq > $3
		ORDER BY seq LIMIT $4`
	var rows []struct {
		Seq     int    `db:"seq"`
		Line    int    `db:"line"`
		Name    string `db:"name"`
		Outcome string `db:"outcome"`
		Result  []byte `db:"result"`
	}
	if err := s.db.SelectContext(ctx, &rows, q, jobID, outcome, afterSeq, limit); err != nil {
		return nil, mapErr(err)
	}
	out := make([]ImportJobRow, len(rows))
	for i, r := range rows {
		out[i] = ImportJobRow{Seq: r.Seq, Line: r.Line, Name: r.Name, Outcome: r.Outcome}
		if err := json.Unmarshal(r.Result, &out[i].Result); err != nil {
			return nil, fmt.Errorf("import row %d of %s: %w", r.Seq, jobID, err)
		}
	}
	return out, nil
}

// UnstartedImportJobs lists jobs older than age whose workflow is not
// known to run (its start failed), oldest first.
func (s *Store) UnstartedImportJobs(ctx context.Context, age time.Duration, limit int) ([]ImportJob, error) {
	out := []ImportJob{}
	err := s.db.SelectContext(ctx, &out, `SELECT `+importJobColumns+` FROM customer_import_jobs
		WHERE NOT started AND created_at < now() - make_interval(secs => $1) ORDER BY created_at LIMIT $2`,
		age.Seconds(), limit)
	return out, mapErr(err)
}

// MarkImportJobStarted records that the job's workflow runs.
func (s *Store) MarkImportJobStarted(ctx context.Context, id string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE customer_import_jobs SET started = true WHERE id = $1 AND NOT started`, id)
	return mapErr(err)
}

// RecordImportBatch records the pending rows of the job's seq range [from,
// to) and their outcomes, and adds them to the job's counts, in one
// transaction; it answers how many rows it did. The rows are locked, so a
// second run of the batch at the same time waits, then finds them done.
func (s *Store) RecordImportBatch(ctx context.Context, jobID string, from, to int) (int, error) {
	done := 0
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		seqs, rows, err := pendingImportRows(ctx, tx, jobID, from, to)
		if err != nil || len(rows) == 0 {
			return err
		}
		outcomes, err := importCustomersTx(ctx, tx, rows)
		if err != nil {
			return err
		}
		done = len(rows)
		kinds, results := make([]string, len(rows)), make([]string, len(rows))
		for i, o := range outcomes {
			kinds[i], results[i] = rowResult(o)
		}
		return finishImportRows(ctx, tx, jobID, seqs, kinds, results)
	})
	return done, mapErr(err)
}

// pendingImportRows locks and reads the job's rows of [from, to) that
// have no outcome yet.
func pendingImportRows(ctx context.Context, tx *sqlx.Tx, jobID string, from, to int) ([]int64, []NewCustomer, error) {
	var staged []struct {
		Seq      int64  `db:"seq"`
		Customer []byte `db:"customer"`
	}
	const q = `SELECT seq, customer FROM customer_import_rows
		WHERE job_id = $1 AND seq >= $2 AND seq < $3 AND outcome IS NULL ORDER BY seq FOR UPDATE`
	if err := tx.SelectContext(ctx, &staged, q, jobID, from, to); err != nil {
		return nil, nil, err
	}
	seqs, rows := make([]int64, len(staged)), make([]NewCustomer, len(staged))
	for i, r := range staged {
		seqs[i] = r.Seq
		if err := json.Unmarshal(r.Customer, &rows[i]); err != nil {
			return nil, nil, fmt.Errorf("import row %d of %s: %w", r.Seq, jobID, err)
		}
	}
	return seqs, rows, nil
}

// rowResult is one recorded row's outcome and result as stored.
func rowResult(o ImportOutcome) (string, string) {
	kind, res := ImportCreated, ImportRowResult{CustomerID: o.ID, Warnings: o.Warnings}
	if d := o.Duplicate; d != nil {
		kind, res = ImportDuplicate, ImportRowResult{ExistingID: d.ExistingID}
		if d.OwnerName != "" { // the pool has no owner to name
			res.OwnerName = &d.OwnerName
		}
	}
	b, _ := json.Marshal(res)
	return kind, string(b)
}

// finishImportRows writes the rows' outcomes and adds them to the job.
func finishImportRows(ctx context.Context, tx *sqlx.Tx, jobID string, seqs []int64, kinds, results []string) error {
	// A recorded row's staged customer is of no more use; a failed row's
	// is kept for the job's next run.
	const rowsQ = `UPDATE customer_import_rows r SET outcome = d.outcome, result = d.result::jsonb,
			customer = CASE WHEN d.outcome = 'failed' THEN r.customer END
		FROM unnest($2::int[], $3::text[], $4::text[]) AS d(seq, outcome, result)
		WHERE r.job_id = $1 AND r.seq = d.seq`
	if _, err := tx.ExecContext(ctx, rowsQ, jobID, pq.Int64Array(seqs), pq.StringArray(kinds), pq.StringArray(results)); err != nil {
		return err
	}
	const jobQ = `UPDATE customer_import_jobs SET rows_done = rows_done + cardinality($2::text[]),
		created = created + (SELECT count(*) FROM unnest($2::text[]) k WHERE k = 'created'),
		duplicate = duplicate + (SELECT count(*) FROM unnest($2::text[]) k WHERE k = 'duplicate'),
		failed = failed + (SELECT count(*) FROM unnest($2::text[]) k WHERE k = 'failed')
		WHERE id = $1`
	_, err := tx.ExecContext(ctx, jobQ, jobID, pq.StringArray(kinds))
	return err
}

// FailImportBatch marks the pending rows of [from, to) failed: the batch
// could not be recorded (its retries spent). RetryImportJob makes them
// pending again.
func (s *Store) FailImportBatch(ctx context.Context, jobID string, from, to int) error {
	return mapErr(s.inTx(ctx, func(tx *sqlx.Tx) error {
		seqs, _, err := pendingImportRows(ctx, tx, jobID, from, to)
		if err != nil || len(seqs) == 0 {
			return err
		}
		kinds, results := make([]string, len(seqs)), make([]string, len(seqs))
		for i := range seqs {
			kinds[i], results[i] = ImportFailed, `{}`
		}
		return finishImportRows(ctx, tx, jobID, seqs, kinds, results)
	}))
}

// FinishImportJob marks the job done and tells its author, once: a second
// call finds it done and writes nothing. A row still pending (there is
// none when every batch ran) counts as failed.
func (s *Store) FinishImportJob(ctx context.Context, jobID string) (ImportJob, error) {
	if err := s.FailImportBatch(ctx, jobID, 0, 1<<31-1); err != nil {
		return ImportJob{}, err
	}
	var job ImportJob
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		const q = `UPDATE customer_import_jobs SET state = 'done', finished_at = now()
			WHERE id = $1 AND state = 'running' RETURNING ` + importJobColumns
		err := tx.GetContext(ctx, &job, q, jobID)
		if errors.Is(err, sql.ErrNoRows) {
			return tx.GetContext(ctx, &job, importJobByID, jobID)
		}
		if err != nil {
			return err
		}
		return Notify(ctx, tx, importDoneNotification(job))
	})
	return job, mapErr(err)
}

// RetryImportJob makes a finished job's failed rows pending again and the
// job running, for its next attempt (a workflow of its own); it answers
// the job as it is, unchanged, when it is running or has no failed row.
func (s *Store) RetryImportJob(ctx context.Context, jobID string) (ImportJob, error) {
	var job ImportJob
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		const q = `UPDATE customer_import_jobs SET state = 'running', finished_at = NULL, started = false,
				attempt = attempt + 1, rows_done = rows_done - failed, failed = 0
			WHERE id = $1 AND state = 'done' AND failed > 0 RETURNING ` + importJobColumns
		err := tx.GetContext(ctx, &job, q, jobID)
		if errors.Is(err, sql.ErrNoRows) {
			return tx.GetContext(ctx, &job, importJobByID, jobID)
		}
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE customer_import_rows SET outcome = NULL, result = NULL
			WHERE job_id = $1 AND outcome = 'failed'`, jobID)
		return err
	})
	return job, mapErr(err)
}

// importDoneNotification tells the job's author what the import did.
func importDoneNotification(j ImportJob) Notification {
	return Notification{ID: fmt.Sprintf("customer-import/%s/%d", j.ID, j.Attempt), UserID: j.CreatedBy, Kind: "customer_import_done",
		SubjectType: "customer_import", SubjectID: j.ID,
		TitleZH: fmt.Sprintf("客户导入完成：新建 %d，重复 %d，无效 %d，失败 %d", j.Created, j.Duplicate, j.Invalid, j.Failed),
		TitleEN: fmt.Sprintf("Customer import finished: %d created, %d duplicate, %d invalid, %d failed",
			j.Created, j.Duplicate, j.Invalid, j.Failed),
		Body: subjectPath("customer_import", j.ID),
		Detail: jsonDetail(map[string]any{"rows": j.RowsTotal, "created": j.Created, "duplicate": j.Duplicate,
			"invalid": j.Invalid, "failed": j.Failed})}
}

// PurgeImportJobs deletes the import jobs finished before olderThan ago,
// with their rows, one job a statement (a job has up to 100,000 rows, so
// no transaction grows with the backlog), oldest first, at most limit
// jobs; it answers how many went. A running job is never touched, however
// old. The customers a job created stay, with their audit events: only
// the job's report of its rows goes.
func (s *Store) PurgeImportJobs(ctx context.Context, olderThan time.Duration, limit int) (int, error) {
	const q = `DELETE FROM customer_import_jobs WHERE id = (
		SELECT id FROM customer_import_jobs WHERE state = 'done' AND finished_at < now() - make_interval(secs => $1)
		ORDER BY finished_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)`
	purged := 0
	for purged < limit {
		res, err := s.db.ExecContext(ctx, q, olderThan.Seconds())
		if err != nil {
			return purged, err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			break
		}
		purged++
	}
	return purged, nil
}
