package api

import (
	"context"
	"net/http"
	"testing"

	"github.com/google/uuid"
	"go.temporal.io/sdk/client"

	"salesflow/activities"
	"salesflow/store"
	"salesflow/workflows"
)

// TestAuditCheckpointThroughTemporal: the checkpoint workflow, run by the
// worker on its task queue, seals a checkpoint with the worker's key; the
// API's verification then starts from it and checks its seal with the
// trusted public key, and ?full=true still re-hashes everything.
func TestAuditCheckpointThroughTemporal(t *testing.T) {
	e := newTestEnv(t)
	e.newProposal(e.as(t, "sales1"), "审计检查点")
	ctx := context.Background()
	run, err := e.Temporal.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: "audit-checkpoint-" + uuid.NewString(),
		TaskQueue: e.TaskQueue}, workflows.AuditCheckpointWorkflow)
	if err != nil {
		t.Fatal(err)
	}
	var res activities.AuditCheckpointResult
	if err := run.Get(ctx, &res); err != nil || res.CheckpointID == 0 {
		t.Fatalf("checkpoint: %v %+v", err, res)
	}
	admin := e.as(t, "admin")
	inc := admin.do("GET", "/api/v1/audit/verification", nil, nil).status(http.StatusOK)
	cp, _ := inc.body["checkpoint"].(map[string]any)
	if inc.body["valid"] != true || inc.body["full"] != false || cp == nil || cp["id"].(float64) < float64(res.CheckpointID) {
		t.Fatalf("incremental: %s", inc.raw)
	}
	full := admin.do("GET", "/api/v1/audit/verification?full=true", nil, nil).status(http.StatusOK)
	if full.body["valid"] != true || full.body["full"] != true || full.body["checked"].(float64) < 1 {
		t.Fatalf("full: %s", full.raw)
	}
}

// TestAuditCheckpointFindsRewrittenChain: after a checkpoint, somebody past
// the triggers removes a calendar day's event and its head and writes the
// day again through the ordinary code, so that chain is consistent from
// its start. The verification names the day whose sealed head is gone.
func TestAuditCheckpointFindsRewrittenChain(t *testing.T) {
	e := newTestEnv(t)
	admin, st := e.freshAuditServer(t)
	ctx := context.Background()
	acts := activities.New(st)
	acts.SigningKey = e.Key
	if res, err := acts.WriteAuditCheckpoint(ctx); err != nil || res.CheckpointID == 0 {
		t.Fatalf("checkpoint: %v %+v", err, res)
	}
	if ok := admin.do("GET", "/api/v1/audit/verification", nil, nil).status(http.StatusOK); ok.body["valid"] != true {
		t.Fatalf("sealed: %s", ok.raw)
	}
	for _, q := range []string{`ALTER TABLE audit_events DISABLE TRIGGER USER`, `ALTER TABLE audit_heads DISABLE TRIGGER USER`,
		`DELETE FROM audit_events WHERE subject_type = 'calendar' AND subject_id = '2026-12-06'`,
		`DELETE FROM audit_heads WHERE subject_type = 'calendar' AND subject_id = '2026-12-06'`,
		`ALTER TABLE audit_events ENABLE TRIGGER USER`, `ALTER TABLE audit_heads ENABLE TRIGGER USER`} {
		if _, err := st.DB().ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	var adminID string
	if err := st.DB().GetContext(ctx, &adminID, `SELECT id FROM users WHERE username = 'admin'`); err != nil {
		t.Fatal(err)
	}
	o := store.CalendarOverride{Day: "2026-12-06", Working: true, Note: "改写", CreatedBy: adminID}
	if _, err := st.PutCalendarOverride(ctx, o, "audit-rewrite"); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"", "?full=true"} {
		bad := admin.do("GET", "/api/v1/audit/verification"+q, nil, nil).status(http.StatusOK)
		subject, _ := bad.body["subject"].(map[string]any)
		if bad.body["valid"] != false || bad.body["problem"] != store.ProblemSealedHead || subject["id"] != "2026-12-06" {
			t.Fatalf("a rewritten chain went unnoticed%s: %s", q, bad.raw)
		}
	}
	if _, err := acts.WriteAuditCheckpoint(ctx); err == nil {
		t.Fatal("the worker sealed a checkpoint over a rewritten chain")
	}
}
