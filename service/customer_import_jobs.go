package service

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"

	"github.com/google/uuid"

	"salesflow/policy"
	"salesflow/store"
	"salesflow/workflows"
)

// A customer file of more than MaxImportRows rows is recorded as a job
// (issue 12): StartCustomerImport reads and checks the whole file, stages
// its rows with the job in one transaction and starts the job's workflow,
// which records them a batch at a time (workflows.CustomerImportWorkflow).
// The job's counts are the rows done so far, which the page and the API's
// status resource show while it runs; every row's result is kept with it.
// A failed start leaves the job unstarted for the outbox sweep
// (SweepImportJobs), as a new customer's deadline is left (R2.5).

// ImportJobRowsPage is how many rows of a job's result one read answers
// at most.
const ImportJobRowsPage = 200

// StartCustomerImport records a customer file (UTF-8 or GB18030/GBK, a
// header row in Chinese or English, at most MaxImportJobRows rows) as a
// job and answers it at once, before any row is recorded. A file that
// cannot be read is refused whole; a row the checks refuse is the job's
// invalid row from the start. With a key the job and each row's customer
// are named from actor, the key and the file, so the same file sent again
// is the same job and records nobody twice (and, when the job has
// finished with failed rows, records those: RetryCustomerImport).
func (s *Service) StartCustomerImport(ctx context.Context, actor store.User, key, fileName string, body []byte) (store.ImportJob, error) {
	rows, err := parseCustomerFile(body, MaxImportJobRows)
	if err != nil {
		return store.ImportJob{}, err
	}
	if len(rows) == 0 {
		return store.ImportJob{}, errCSV("detail.csv_no_rows")
	}
	in := CustomerImport{Rows: rows, Sum: sha256.Sum256(body)}
	staged, err := s.stageImportRows(actor, importRowIDs(actor, key, in), rows)
	if err != nil {
		return store.ImportJob{}, err
	}
	jobID := uuid.NewString()
	if key != "" {
		name := fmt.Sprintf("salesflow:customer-import-job:%s:%s:%x", actor.ID, key, in.Sum)
		jobID = uuid.NewSHA1(uuid.NameSpaceURL, []byte(name)).String()
	}
	job, err := s.store.CreateImportJob(ctx, store.ImportJob{ID: jobID, CreatedBy: actor.ID, FileName: jobFileName(fileName)}, staged)
	if err != nil {
		return store.ImportJob{}, err
	}
	return s.runImportJob(ctx, job)
}

// RetryCustomerImport records again the rows of actor's finished job that
// failed (a fault on our side), as a new attempt; the rows recorded already
// stay as they are. A job running, or without a failed row, is answered as
// it is. Sending the same file again with its key does the same.
func (s *Service) RetryCustomerImport(ctx context.Context, actor store.User, id string) (store.ImportJob, error) {
	job, err := s.CustomerImportJob(ctx, actor, id)
	if err != nil {
		return job, err
	}
	if job.CreatedBy != actor.ID {
		return job, ErrForbidden
	}
	return s.runImportJob(ctx, job)
}

// runImportJob makes a finished job's failed rows pending again and starts
// the job's workflow unless it runs; a failed start is left to the outbox.
func (s *Service) runImportJob(ctx context.Context, job store.ImportJob) (store.ImportJob, error) {
	if job.State == store.ImportDone && job.Failed > 0 {
		var err error
		if job, err = s.store.RetryImportJob(ctx, job.ID); err != nil {
			return store.ImportJob{}, err
		}
	}
	if !job.Started {
		if err := s.startImportJob(ctx, job); err != nil {
			s.log.WarnContext(ctx, "import job not started; the outbox will retry", "job", job.ID, "error", err)
		}
	}
	return job, nil
}

// jobFileName is the name a job shows for its file: the browser's or the
// client's, without a path or control characters, at most 200 characters.
func jobFileName(name string) string {
	name = path.Base(strings.ReplaceAll(name, "\\", "/"))
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, name)
	if name == "." || name == "/" {
		return ""
	}
	if r := []rune(strings.TrimSpace(name)); len(r) > 200 {
		return string(r[:200])
	}
	return strings.TrimSpace(name)
}

// stageImportRows checks every row as RecordCustomer checks one: a valid
// row is staged as the customer to record, a refused one with its field
// errors.
func (s *Service) stageImportRows(actor store.User, ids []string, rows []ImportLine) ([]store.StagedImportRow, error) {
	staged := make([]store.StagedImportRow, len(rows))
	for i, r := range rows {
		staged[i] = store.StagedImportRow{Line: r.Line, Name: r.Customer.Name}
		n, err := s.NewCustomer(actor, cmp.Or(ids[i], FreshID()), r.Customer)
		var e *Error
		switch {
		case err == nil:
			staged[i].Customer = &n
		case errors.As(err, &e) && e.Kind == KindInvalid:
			staged[i].Invalid = storedFields(e.Fields)
		default:
			return nil, err
		}
	}
	return staged, nil
}

// storedField is a field error as a job's row keeps it.
type storedField struct {
	Field string `json:"field"`
	Key   string `json:"key"`
	Args  []any  `json:"args,omitempty"`
}

func storedFields(fields []FieldError) json.RawMessage {
	out := make([]storedField, len(fields))
	for i, f := range fields {
		out[i] = storedField(f)
	}
	b, _ := json.Marshal(out)
	return b
}

func fieldsOf(raw json.RawMessage) []FieldError {
	var in []storedField
	if len(raw) == 0 || json.Unmarshal(raw, &in) != nil {
		return nil
	}
	out := make([]FieldError, len(in))
	for i, f := range in {
		out[i] = FieldError(f)
	}
	return out
}

// startImportJob starts the job's workflow and records that it runs; the
// workflow ID (one per job) makes a repeat harmless.
func (s *Service) startImportJob(ctx context.Context, job store.ImportJob) error {
	opts := client.StartWorkflowOptions{ID: workflows.CustomerImportWorkflowID(job.ID, job.Attempt), TaskQueue: s.cfg.TaskQueue,
		WorkflowIDConflictPolicy: enumspb.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING, WorkflowIDReusePolicy: StartOnce,
		WorkflowExecutionErrorWhenAlreadyStarted: true}
	in := workflows.CustomerImportInput{JobID: job.ID, Rows: job.RowsTotal}
	if _, err := s.temporal.ExecuteWorkflow(ctx, opts, workflows.CustomerImportWorkflow, in); err != nil && !StartedBefore(err) {
		return err
	}
	return s.store.MarkImportJobStarted(ctx, job.ID)
}

// importStartGrace is how long a job may wait for its own request to start
// it before the sweep does.
const importStartGrace = 30 * time.Second

// SweepImportJobs starts the workflows of the jobs whose start failed, and
// returns how many it started.
func (s *Service) SweepImportJobs(ctx context.Context) (int, error) {
	jobs, err := s.store.UnstartedImportJobs(ctx, importStartGrace, outboxBatch)
	started := 0
	for _, j := range jobs {
		if err := s.startImportJob(ctx, j); err != nil {
			return started, err
		}
		started++
	}
	return started, err
}

// CustomerImportJob is one job, for its author or an admin; to anyone else
// it does not exist.
func (s *Service) CustomerImportJob(ctx context.Context, actor store.User, id string) (store.ImportJob, error) {
	job, err := s.store.ImportJobByID(ctx, id)
	if err == nil && job.CreatedBy != actor.ID && !policy.HasRole(actor.Roles, policy.RoleAdmin) {
		err = store.ErrNotFound
	}
	return job, NotFoundAs(err, "import "+id)
}

// CustomerImportJobs are actor's newest jobs.
func (s *Service) CustomerImportJobs(ctx context.Context, actor store.User, limit int) ([]store.ImportJob, error) {
	return s.store.ImportJobsOf(ctx, actor.ID, limit)
}

// ImportJobRowsQuery asks for one page of a job's done rows, in file
// order: those with Outcome ("" for all), from Page's cursor on.
type ImportJobRowsQuery struct {
	Outcome string
	Page    store.Page
}

// ImportJobRow is one done row of a job: its outcome and what the import
// answered at once answers of it.
type ImportJobRow struct {
	Outcome string
	ImportedRow
}

// CustomerImportJobRows answers one page of the job's done rows and the
// cursor of the next ("" on the last).
func (s *Service) CustomerImportJobRows(ctx context.Context, actor store.User, id string, q ImportJobRowsQuery) ([]ImportJobRow, string, error) {
	var v Validation
	switch q.Outcome {
	case "", store.ImportCreated, store.ImportDuplicate, store.ImportInvalid, store.ImportFailed:
	default:
		v.Add("outcome", "field.one_of", "created, duplicate, invalid, failed")
	}
	after, err := strconv.Atoi(cmp.Or(q.Page.Cursor, "-1"))
	if err != nil || after < -1 {
		v.Add("cursor", "field.cursor")
	}
	if err := v.Err(); err != nil {
		return nil, "", err
	}
	if _, err := s.CustomerImportJob(ctx, actor, id); err != nil {
		return nil, "", err
	}
	limit := min(cmp.Or(q.Page.Limit, ImportJobRowsPage), ImportJobRowsPage)
	rows, err := s.store.ImportJobRows(ctx, id, q.Outcome, after, limit+1)
	if err != nil {
		return nil, "", err
	}
	next := ""
	if len(rows) > limit {
		rows, next = rows[:limit], strconv.Itoa(rows[limit-1].Seq)
	}
	out := make([]ImportJobRow, len(rows))
	for i, r := range rows {
		out[i] = importJobRowOf(r)
	}
	return out, next, nil
}

func importJobRowOf(r store.ImportJobRow) ImportJobRow {
	row := ImportedRow{Line: r.Line, Name: r.Name, ID: r.Result.CustomerID, ExistingID: r.Result.ExistingID,
		OwnerName: r.Result.OwnerName, Warnings: r.Result.Warnings, Fields: fieldsOf(r.Result.Fields)}
	if r.Outcome == store.ImportFailed {
		row.Fields = failedRowFields()
	}
	return ImportJobRow{Outcome: r.Outcome, ImportedRow: row}
}

// ImportResultOf files a job's rows under their outcomes, as the import
// answered at once files them.
func ImportResultOf(rows []ImportJobRow) ImportResult {
	res := ImportResult{Created: []ImportedRow{}, Duplicate: []ImportedRow{}, Invalid: []ImportedRow{}, Failed: []ImportedRow{}}
	for _, r := range rows {
		switch r.Outcome {
		case store.ImportCreated:
			res.Created = append(res.Created, r.ImportedRow)
		case store.ImportDuplicate:
			res.Duplicate = append(res.Duplicate, r.ImportedRow)
		case store.ImportInvalid:
			res.Invalid = append(res.Invalid, r.ImportedRow)
		default:
			res.Failed = append(res.Failed, r.ImportedRow)
		}
	}
	return res
}
