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

// TestMissedVisitReportEscalated runs visits with the report due two
// seconds after the return (as SALESFLOW_VISIT_REPORT_DUE_AFTER sets it):
// the salesperson is reminded, the manager gets an escalation task, and the
// report filed afterwards is kept, marked late, and closes the task (R3.8).
func TestMissedVisitReportEscalated(t *testing.T) {
	e := newTestEnv(t)
	sc := service.Config{TaskQueue: e.TaskQueue, VisitTiming: workflows.VisitTiming{ReportDueAfter: 2 * time.Second, ReportRemindAfter: time.Second}}
	sc.SigningKeys = e.trustedKeys()
	cfg := Config{PDFFont: e.Font}
	fast := httptest.NewServer(testHandler(e.Store, e.Temporal, slog.New(slog.NewTextHandler(io.Discard, nil)), sc, cfg))
	defer fast.Close()
	f := *e
	f.URL = fast.URL
	sales, boss := f.as(t, "sales1"), f.as(t, "manager")
	id := f.approvedVisit(sales, time.Hour)
	f.as(t, "frontdesk").post("/api/v1/visits/"+id+"/departure", nil, "").status(http.StatusOK)
	sales.post("/api/v1/visits/"+id+"/return", nil, "").status(http.StatusOK)

	task := e.awaitVisitTask(t, id, "visit_report_overdue")
	if boss.taskOfKind(id, "visit_report_overdue") != task {
		t.Fatal("the escalation is in the manager's inbox")
	}
	kinds := sales.notificationKinds(id)
	if !contains(kinds, "visit_report_due") || !contains(kinds, "visit_report_missed") ||
		!contains(boss.notificationKinds(id), "visit_report_overdue") {
		t.Fatalf("reminder and escalation notified: %v", kinds)
	}
	done := sales.post("/api/v1/visits/"+id+"/report", report(), "").status(http.StatusOK)
	if done.body["report"].(map[string]any)["late"] != true || done.str("report_escalated_at") == "" {
		t.Fatalf("a late report is kept and marked: %s", done.raw)
	}
	if boss.taskOfKind(id, "visit_report_overdue") != "" {
		t.Fatal("filing the report closes the escalation")
	}
}
