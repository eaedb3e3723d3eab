package api

import (
	"context"
	"net/http"
	"testing"
	"time"

	"salesflow/workflows"
)

// TestContactDeadlineOutbox: an import records its customers without
// waiting for a workflow start per row; they wait in the outbox until the
// sweeper starts each ownership's deadline workflow (R2.5), once — a
// second sweep starts nothing. A single record answers before its
// workflow starts and gets it moments later, without a sweep.
func TestContactDeadlineOutbox(t *testing.T) {
	e := newTestEnv(t)
	sales := e.as(t, "sales1")
	a, b := "Outbox A "+randomSuffix(), "Outbox B "+randomSuffix()
	csv := "name,channel,collected_on\n" + a + ",internet," + today() + "\n" + b + ",internet," + today() + "\n"
	res := sales.postCSV([]byte(csv)).status(http.StatusOK)
	created := rowsOf(res, "created")
	if len(created) != 2 {
		t.Fatalf("two rows created: %s", res.raw)
	}
	var ids []string
	for _, row := range created {
		ids = append(ids, row["id"].(string))
	}
	single := sales.postCustomer(map[string]any{"name": "Outbox C " + randomSuffix(), "channel": "internet",
		"collected_on": today()}).status(http.StatusCreated).str("id")

	started := func(id string) bool { // its outbox row is gone and its workflow runs
		if e.sqlCount(t, `SELECT count(*) FROM contact_deadline_outbox WHERE customer_id = $1`, id) != 0 {
			return false
		}
		_, err := e.Temporal.DescribeWorkflowExecution(context.Background(), workflows.ContactDeadlineWorkflowID(id, 1), "")
		return err == nil
	}
	for deadline := time.Now().Add(30 * time.Second); !started(single); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("a single record's deadline is started without a sweep")
		}
	}
	if started(ids[0]) || started(ids[1]) {
		t.Fatal("imported rows wait in the outbox")
	}

	s := e.service()
	ctx := context.Background()
	if n, err := s.SweepContactDeadlines(ctx); err != nil || n < 2 {
		t.Fatalf("sweep: started %d, %v; want at least the two imported", n, err)
	}
	for _, id := range ids {
		if !started(id) {
			t.Errorf("customer %s still pending after the sweep", id)
		}
		if _, err := e.Temporal.DescribeWorkflowExecution(ctx, workflows.ContactDeadlineWorkflowID(id, 1), ""); err != nil {
			t.Errorf("no deadline workflow for %s: %v", id, err)
		}
	}
	if n, err := s.SweepContactDeadlines(ctx); err != nil || n != 0 {
		t.Errorf("a second sweep started %d (%v), want 0", n, err)
	}
}
