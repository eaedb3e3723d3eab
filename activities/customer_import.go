package activities

import (
	"context"

	"salesflow/store"
)

// ImportBatch names one batch of an import job: the rows of seq [From, To).
type ImportBatch struct {
	JobID string `json:"job_id"`
	From  int    `json:"from"`
	To    int    `json:"to"`
}

// ImportJobProgress is how far an import job is, as its workflow reports
// it in the history.
type ImportJobProgress struct {
	RowsTotal int `json:"rows_total"`
	RowsDone  int `json:"rows_done"`
	Created   int `json:"created"`
	Duplicate int `json:"duplicate"`
	Invalid   int `json:"invalid"`
	Failed    int `json:"failed"`
}

// RecordImportBatch records one batch of an import job's rows (R1.1,
// R2.2), their outcomes and the job's counts in one transaction; a retry
// finds the rows done and writes nothing twice. It answers how many rows
// it recorded.
func (a *Activities) RecordImportBatch(ctx context.Context, b ImportBatch) (int, error) {
	return a.Store.RecordImportBatch(ctx, b.JobID, b.From, b.To)
}

// FailImportBatch marks a batch whose retries are spent failed, so the job
// still finishes and says which rows to send again.
func (a *Activities) FailImportBatch(ctx context.Context, b ImportBatch) error {
	return a.Store.FailImportBatch(ctx, b.JobID, b.From, b.To)
}

// FinishImportJob marks the job done and notifies its author, once.
func (a *Activities) FinishImportJob(ctx context.Context, jobID string) (ImportJobProgress, error) {
	j, err := a.Store.FinishImportJob(ctx, jobID)
	if err != nil {
		return ImportJobProgress{}, err
	}
	return progressOf(j), nil
}

func progressOf(j store.ImportJob) ImportJobProgress {
	return ImportJobProgress{RowsTotal: j.RowsTotal, RowsDone: j.RowsDone, Created: j.Created,
		Duplicate: j.Duplicate, Invalid: j.Invalid, Failed: j.Failed}
}
