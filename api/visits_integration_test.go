package api

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestVisitOnTimeThroughHTTP: plan → the manager approves (the author
// cannot) → the front desk records the slip → return → report on time
// (R3.5, R3.8), with notifications to the manager and the salesperson.
func TestVisitOnTimeThroughHTTP(t *testing.T) {
	e := newTestEnv(t)
	sales, boss, desk := e.as(t, "sales1"), e.as(t, "manager"), e.as(t, "frontdesk")
	planned := sales.planVisit(sales.newCustomer("准时客户 "+randomSuffix()), 2*time.Hour, "").status(http.StatusCreated)
	wantVisit(t, planned, "pending_approval")
	id := planned.str("id")
	task := boss.taskOfKind(id, "visit_plan")
	if task == "" || sales.taskOfKind(id, "visit_plan") != "" {
		t.Fatalf("the plan's task is the manager's, not the author's")
	}
	e.as(t, "manager2").do("POST", "/api/v1/tasks/"+task+"/decision", map[string]string{"decision": "approve"}, nil).status(http.StatusNotFound)
	wantVisit(t, boss.decide(task, "approve", "", "k1").status(http.StatusOK), "approved")
	boss.decide(task, "approve", "", "k1").status(http.StatusOK) // same key: the same decision
	boss.decide(task, "approve", "", "k2").status(http.StatusConflict)

	out := desk.post("/api/v1/visits/"+id+"/departure", nil, "").status(http.StatusOK)
	wantVisit(t, out, "departed")
	if out.str("departed_at") == "" || out.str("departed_recorded_by") != e.users["frontdesk"].ID {
		t.Fatalf("the visit slip keeps the server time and the front desk: %s", out.raw)
	}
	desk.post("/api/v1/visits/"+id+"/departure", nil, "").status(http.StatusConflict)
	back := sales.post("/api/v1/visits/"+id+"/return", nil, "").status(http.StatusOK)
	wantVisit(t, back, "returned")
	if back.str("report_due_at") == "" {
		t.Fatalf("the return sets the report deadline (R3.8): %s", back.raw)
	}
	done := sales.post("/api/v1/visits/"+id+"/report", report(), "").status(http.StatusOK)
	wantVisit(t, done, "reported")
	if rep := done.body["report"].(map[string]any); rep["late"] != false || rep["met_name"] != "周总" {
		t.Fatalf("report kept, on time: %s", done.raw)
	}
	if !contains(boss.notificationKinds(id), "visit_plan") || !contains(sales.notificationKinds(id), "visit_approved") {
		t.Fatal("the manager is notified of the plan and the salesperson of the approval")
	}
	// The report is on the customer's timeline, once, and counts as contact (R1.5, R2.5).
	sales.post("/api/v1/visits/"+id+"/report", report(), "").status(http.StatusConflict)
	file := sales.do("GET", "/api/v1/customers/"+planned.str("customer_id"), nil, nil).status(http.StatusOK)
	var visits []map[string]any
	for _, it := range file.body["interactions"].([]any) {
		if in := it.(map[string]any); in["kind"] == "visit" {
			visits = append(visits, in)
		}
	}
	if len(visits) != 1 || !strings.Contains(visits[0]["summary"].(string), "周总") || file.body["contacted_at"] == nil {
		t.Fatalf("the visit report as one timeline entry that counts as contact: %s", file.raw)
	}
}

// TestVisitPlanRejectedThroughHTTP: a rejection needs a comment; a rejected
// plan cannot depart.
func TestVisitPlanRejectedThroughHTTP(t *testing.T) {
	e := newTestEnv(t)
	sales, boss := e.as(t, "sales1"), e.as(t, "manager")
	id := sales.planVisit(sales.newCustomer("驳回客户 "+randomSuffix()), time.Hour, "").status(http.StatusCreated).str("id")
	task := boss.taskOfKind(id, "visit_plan")
	boss.decide(task, "reject", "", "").status(http.StatusUnprocessableEntity)
	rejected := boss.decide(task, "reject", "目标不清楚", "").status(http.StatusOK)
	wantVisit(t, rejected, "rejected")
	if rejected.str("decision_comment") != "目标不清楚" {
		t.Fatalf("the reason is kept: %s", rejected.raw)
	}
	e.as(t, "frontdesk").post("/api/v1/visits/"+id+"/departure", nil, "").status(http.StatusConflict)
	if !contains(sales.notificationKinds(id), "visit_rejected") {
		t.Fatal("the salesperson is told of the rejection")
	}
}

// TestDepartureRules: only an approved visit departs (409), and only the
// front desk records it (403), in either language.
func TestDepartureRules(t *testing.T) {
	e := newTestEnv(t)
	sales := e.as(t, "sales1")
	id := sales.planVisit(sales.newCustomer("出发客户 "+randomSuffix()), time.Hour, "").status(http.StatusCreated).str("id")
	path := "/api/v1/visits/" + id + "/departure"
	desk := e.as(t, "frontdesk")
	refused := desk.post(path, nil, "").status(http.StatusConflict)
	if refused.str("type") != "/problems/conflict" || refused.header.Get("Content-Type") != "application/problem+json; charset=utf-8" {
		t.Fatalf("a problem+json conflict: %s", refused.raw)
	}
	sales.post(path, nil, "").status(http.StatusForbidden)
	boss := e.as(t, "manager")
	boss.lang = "en"
	if p := boss.post(path, nil, "").status(http.StatusForbidden); p.str("title") != "Not allowed" {
		t.Fatalf("English problem: %s", p.raw)
	}
}

// TestRevisitNeedsProgressReport: a customer visited before needs a
// progress report (R4.2); the 422 says why.
func TestRevisitNeedsProgressReport(t *testing.T) {
	e := newTestEnv(t)
	sales := e.as(t, "sales1")
	cust := sales.newCustomer("回访客户 " + randomSuffix())
	first := sales.planVisit(cust, time.Hour, "").status(http.StatusCreated).str("id")
	boss := e.as(t, "manager")
	boss.decide(boss.taskOfKind(first, "visit_plan"), "approve", "", "").status(http.StatusOK)
	sales.lang = "en"
	refused := sales.planVisit(cust, time.Hour, "").status(http.StatusUnprocessableEntity)
	if refused.str("type") != "/problems/progress-report-required" || !hasFieldError(refused, "progress_report") {
		t.Fatalf("R4.2 problem with the field: %s", refused.raw)
	}
	if d := refused.str("detail"); d == "" || !strings.Contains(d, "R4.2") {
		t.Fatalf("the detail says why: %q", d)
	}
	sales.planVisit(cust, time.Hour, "上次已介绍报价；本次确认投放档期；预计对价格有异议").status(http.StatusCreated)
}

// TestLateReturnAlertsManager: due back in two seconds and not back, the
// manager gets a task and a notification (R3.6); the return closes it.
func TestLateReturnAlertsManager(t *testing.T) {
	e := newTestEnv(t)
	sales, boss := e.as(t, "sales1"), e.as(t, "manager")
	id := e.approvedVisit(sales, 2*time.Second)
	e.as(t, "frontdesk").post("/api/v1/visits/"+id+"/departure", nil, "").status(http.StatusOK)
	task := e.awaitVisitTask(t, id, "visit_late_return")
	if boss.taskOfKind(id, "visit_late_return") != task || !contains(boss.notificationKinds(id), "visit_late_return") {
		t.Fatal("the late return is in the manager's inbox and notifications")
	}
	boss.decide(task, "approve", "", "").status(http.StatusConflict)
	later := sales.post("/api/v1/visits/"+id+"/expected-return", map[string]any{
		"expected_return": time.Now().Add(time.Hour).Format(time.RFC3339), "reason": "客户会议延长"}, "").status(http.StatusOK)
	if later.str("expected_return") == "" || later.str("late_alerted_at") == "" {
		t.Fatalf("the new time and the alert are kept: %s", later.raw)
	}
	sales.post("/api/v1/visits/"+id+"/return", nil, "").status(http.StatusOK)
	if boss.taskOfKind(id, "visit_late_return") != "" {
		t.Fatal("the return closes the alert")
	}
}
