package api

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"salesflow/service"
	"salesflow/workflows"
)

// TestApprovalReminderAndEscalationThroughHTTP runs the contract loop with
// shortened timings (as SALESFLOW_CONTRACT_REMIND_AFTER and
// SALESFLOW_CONTRACT_ESCALATE_AFTER set them): the waiting task is marked
// reminded, then re-offered to the approvers' manager, who can decide it.
func TestApprovalReminderAndEscalationThroughHTTP(t *testing.T) {
	e := newTestEnv(t)
	sc := service.Config{TaskQueue: e.TaskQueue, ContractTiming: workflows.ContractTiming{RemindAfter: time.Second, EscalateAfter: 2 * time.Second}}
	sc.SigningKeys = e.trustedKeys()
	cfg := Config{PDFFont: e.Font}
	fast := httptest.NewServer(testHandler(e.Store, e.Temporal, slog.New(slog.NewTextHandler(io.Discard, nil)), sc, cfg))
	defer fast.Close()
	f := *e
	f.URL = fast.URL
	sales := f.as(t, "sales1")
	id := f.acceptedContract(sales, 100_000)
	f.withTerms(sales, id, 0, 100_000).status(http.StatusOK)
	sales.post("/api/v1/contracts/"+id+"/submit", nil, "").status(http.StatusOK)

	// The seed's company approvers are approver and approver2, who report to
	// manager2, and salesapprover, who reports to the author's manager: the
	// step goes to the approvers' manager, manager2.
	target := e.awaitEscalation(t, id)
	if want := e.users["manager2"].ID; target != want {
		t.Fatalf("escalated to %s, want the approvers' manager manager2 (%s)", target, want)
	}
	boss := f.as(t, "manager2")
	task := boss.openTaskFor(id)
	if task == "" {
		t.Fatal("the escalated task must be in manager2's inbox")
	}
	if f.as(t, "manager").openTaskFor(id) != "" {
		t.Fatal("the author's manager is offered the escalated approval")
	}
	approved := boss.decide(task, "approve", "超时代批", "").status(http.StatusOK)
	wantContract(t, approved, "approved")
	if a := approvals(approved)[0]; a["decided_by"] != target {
		t.Fatalf("the escalation target's decision is recorded as theirs: %v", a)
	}
	var events int
	_ = e.Store.DB().Get(&events, `SELECT count(*) FROM audit_events WHERE subject_id = $1
		AND action IN ('contract.approval_reminded', 'contract.approval_escalated')`, id)
	if events != 2 {
		t.Fatalf("want one reminder and one escalation event, got %d", events)
	}
	// The audit says on what authority the decision was taken.
	var authority string
	_ = e.Store.DB().Get(&authority, `SELECT detail::jsonb->>'authority' FROM audit_events WHERE subject_id = $1
		AND action = 'contract.approval_approved'`, id)
	if authority != "escalated" {
		t.Fatalf("the escalated approval's audit authority is %q, want escalated", authority)
	}
	// Each step is a notification: the approvers got the task and the
	// reminder, the escalation target the escalation; never the author.
	if kinds := f.as(t, "approver").notificationKinds(id); !contains(kinds, "task") || !contains(kinds, "task_reminder") {
		t.Errorf("the approver's notifications of the contract: %v, want the task and its reminder", kinds)
	}
	if kinds := boss.notificationKinds(id); !contains(kinds, "task_escalated") {
		t.Errorf("the escalation target's notifications: %v, want the escalation", kinds)
	}
	if kinds := sales.notificationKinds(id); len(kinds) != 0 {
		t.Errorf("the author is notified of their own approval task: %v", kinds)
	}
}

// awaitEscalation waits (bounded) until the contract's open task has been
// reminded and escalated, and returns who it was escalated to.
func (e *testEnv) awaitEscalation(t *testing.T, contractID string) string {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		var row struct {
			Reminded  bool   `db:"reminded"`
			Escalated bool   `db:"escalated"`
			Target    string `db:"target"`
		}
		err := e.Store.DB().Get(&row, `SELECT reminded_at IS NOT NULL AS reminded, escalated_at IS NOT NULL AS escalated,
			COALESCE(assignee_user_id, '') AS target FROM tasks WHERE subject_id = $1 AND status = 'open'`, contractID)
		if err == nil && row.Reminded && row.Escalated && row.Target != "" {
			return row.Target
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatal("the waiting task was not reminded and escalated")
	return ""
}
