package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"salesflow/store"
	"salesflow/store/storetest"
)

// TestImportJobBatchesOnce: a job's batches record their rows and the
// job's counts in one transaction each; a batch run again (a retried
// activity), or twice at once, writes nothing twice; a batch marked failed
// counts its pending rows failed; finishing tells the author once and the
// counts add up to the file.
func TestImportJobBatchesOnce(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	u := salesperson(t, st, "job", "作业者")
	rows := make([]store.StagedImportRow, 7)
	for i := range rows {
		c := store.NewCustomer{Customer: store.Customer{ID: uuid.NewString(), Name: fmt.Sprintf("作业客户%d有限公司", i),
			Channel: "internet", OwnerID: u.ID, CollectedOn: "2026-11-25", CreatedBy: u.ID},
			ContactDeadline: 7 * 24 * time.Hour}
		rows[i] = store.StagedImportRow{Line: i + 2, Name: c.Name, Customer: &c}
	}
	rows[1].Customer.Name = "作业客户0" // the first row again: a duplicate
	rows[6] = store.StagedImportRow{Line: 8, Name: "", Invalid: json.RawMessage(`[{"field":"name","key":"field.required"}]`)}
	job, err := st.CreateImportJob(ctx, store.ImportJob{ID: uuid.NewString(), CreatedBy: u.ID, FileName: "f.csv"}, rows)
	if err != nil {
		t.Fatal(err)
	}
	if job.RowsTotal != 7 || job.RowsDone != 1 || job.Invalid != 1 || job.State != store.ImportRunning {
		t.Fatalf("a new job: %+v", job)
	}
	if again, err := st.CreateImportJob(ctx, store.ImportJob{ID: job.ID, CreatedBy: u.ID}, rows[:2]); err != nil || again.RowsTotal != 7 {
		t.Fatalf("the same job again: %+v, %v", again, err)
	}

	var wg sync.WaitGroup
	done := make([]int, 2)
	for i := range done { // the same batch twice at once: one records it
		wg.Go(func() {
			n, err := st.RecordImportBatch(ctx, job.ID, 0, 4)
			if err != nil {
				t.Error(err)
			}
			done[i] = n
		})
	}
	wg.Wait()
	if done[0]+done[1] != 4 || done[0]*done[1] != 0 {
		t.Fatalf("two runs of a batch of 4 recorded %v rows", done)
	}
	if n, err := st.RecordImportBatch(ctx, job.ID, 0, 4); err != nil || n != 0 {
		t.Fatalf("a retried batch recorded %d rows (%v)", n, err)
	}
	if err := st.FailImportBatch(ctx, job.ID, 4, 6); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		job, err = st.FinishImportJob(ctx, job.ID)
		if err != nil {
			t.Fatal(err)
		}
	}
	if job.State != store.ImportDone || job.RowsDone != 7 || job.Created != 3 || job.Duplicate != 1 ||
		job.Invalid != 1 || job.Failed != 2 || job.FinishedAt == nil {
		t.Fatalf("the finished job: %+v", job)
	}
	var customers, told int
	if err := st.DB().GetContext(ctx, &customers, `SELECT count(*) FROM customers WHERE created_by = $1`, u.ID); err != nil {
		t.Fatal(err)
	}
	if err := st.DB().GetContext(ctx, &told, `SELECT count(*) FROM notifications WHERE subject_id = $1`, job.ID); err != nil {
		t.Fatal(err)
	}
	if customers != 3 || told != 1 {
		t.Fatalf("%d customers recorded (want 3), the author told %d times (want 1)", customers, told)
	}
	got, err := st.ImportJobRows(ctx, job.ID, "", -1, 10)
	if err != nil || len(got) != 7 {
		t.Fatalf("rows: %+v, %v", got, err)
	}
	if d := got[1]; d.Outcome != store.ImportDuplicate || d.Result.ExistingID != rows[0].Customer.ID {
		t.Fatalf("row 1 repeats row 0: %+v", d)
	}
	if c := got[0]; c.Outcome != store.ImportCreated || c.Result.CustomerID != rows[0].Customer.ID {
		t.Fatalf("row 0 is recorded under its staged ID: %+v", c)
	}
	if f := got[4]; f.Outcome != store.ImportFailed || got[6].Outcome != store.ImportInvalid || string(got[6].Result.Fields) == "" {
		t.Fatalf("rows 4 and 6: %+v, %+v", f, got[6])
	}

	// The failed rows sent again: the next attempt records only them.
	job, err = st.RetryImportJob(ctx, job.ID)
	if err != nil || job.State != store.ImportRunning || job.Attempt != 2 || job.Failed != 0 || job.RowsDone != 5 || job.Started {
		t.Fatalf("the job retried: %+v, %v", job, err)
	}
	if again, err := st.RetryImportJob(ctx, job.ID); err != nil || again.Attempt != 2 {
		t.Fatalf("a running job retried again: %+v, %v", again, err)
	}
	if n, err := st.RecordImportBatch(ctx, job.ID, 0, 7); err != nil || n != 2 {
		t.Fatalf("the second attempt recorded %d rows (%v), want the 2 failed", n, err)
	}
	if job, err = st.FinishImportJob(ctx, job.ID); err != nil || job.Created != 5 || job.Failed != 0 || job.RowsDone != 7 {
		t.Fatalf("the second attempt finished: %+v, %v", job, err)
	}
	if err := st.DB().GetContext(ctx, &told, `SELECT count(*) FROM notifications WHERE subject_id = $1`, job.ID); err != nil || told != 2 {
		t.Fatalf("the author told %d times over two attempts (%v)", told, err)
	}
	var staged int
	if err := st.DB().GetContext(ctx, &staged, `SELECT count(*) FROM customer_import_rows
		WHERE job_id = $1 AND customer IS NOT NULL`, job.ID); err != nil || staged != 0 {
		t.Fatalf("%d done rows keep their staged customer (%v)", staged, err)
	}
}
