package api

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	historypb "go.temporal.io/api/history/v1"
	"google.golang.org/protobuf/encoding/protojson"

	"salesflow/service"
	"salesflow/workflows"
)

// TestRecordHistories records, from real runs through the API, the
// workflow histories workflows/replay_test.go replays: the branches beside
// the happy paths (reminders and escalation, rejection and recall rounds,
// visit alerts, a continue-as-new). It runs only when
// SALESFLOW_RECORD_HISTORIES names the directory to write to, e.g.
//
//	SALESFLOW_TEST_INTEGRATION=1 SALESFLOW_RECORD_HISTORIES=$PWD/workflows/testdata \
//	  go test -count=1 -run TestRecordHistories ./api/
//
// and SALESFLOW_RECORD_SUFFIX is appended to each file name (histories of
// an older release keep their own files beside the newer ones).
func TestRecordHistories(t *testing.T) {
	dir := os.Getenv("SALESFLOW_RECORD_HISTORIES")
	if dir == "" {
		t.Skip("records replay histories only when SALESFLOW_RECORD_HISTORIES is set")
	}
	e := newTestEnv(t)
	sc := service.Config{TaskQueue: e.TaskQueue,
		ContractTiming: workflows.ContractTiming{RemindAfter: time.Second, EscalateAfter: 2 * time.Second},
		VisitTiming:    workflows.VisitTiming{ReportDueAfter: 3 * time.Second, ReportRemindAfter: time.Second}}
	sc.SigningKeys = e.trustedKeys()
	cfg := Config{PDFFont: e.Font}
	fast := httptest.NewServer(testHandler(e.Store, e.Temporal, slog.New(slog.NewTextHandler(io.Discard, nil)), sc, cfg))
	defer fast.Close()
	f := *e
	f.URL = fast.URL
	rec := recorder{t: t, e: e, dir: dir, suffix: os.Getenv("SALESFLOW_RECORD_SUFFIX")}
	t.Run("contract_reminder_escalation", func(t *testing.T) { rec.contractEscalation(t, &f) })
	t.Run("contract_reject_recall", func(t *testing.T) { rec.contractRejectRecall(t, e) })
	t.Run("visit_alerts", func(t *testing.T) { rec.visitAlerts(t, &f) })
	t.Run("proposal_continue_as_new", func(t *testing.T) { rec.proposalContinueAsNew(t, e) })
	t.Run("customer_import_job", func(t *testing.T) { rec.customerImportJob(t, e) })
}

// customerImportJob records an import job of two batches, the second
// short, with an invalid row among them.
func (r recorder) customerImportJob(t *testing.T, e *testEnv) {
	body, _ := bigImportFile("回放作业"+randomSuffix()+"-", 1001, "坏渠道"+randomSuffix()+",电台,"+today())
	job := e.as(t, "sales1").sendAs("POST", "/api/v1/customers/imports", "text/csv", body, nil).status(http.StatusAccepted)
	r.save(t, "customer_import_job", workflows.CustomerImportWorkflowID(job.str("id"), 1))
}

type recorder struct {
	t      *testing.T
	e      *testEnv
	dir    string
	suffix string
}

// contractEscalation: a step reminded and escalated on its timers, decided
// by the escalation's target, then signed.
func (r recorder) contractEscalation(t *testing.T, f *testEnv) {
	sales := f.as(t, "sales1")
	id := f.acceptedContract(sales, 100_000)
	f.withTerms(sales, id, 0, 100_000).status(http.StatusOK)
	sales.post("/api/v1/contracts/"+id+"/submit", nil, "").status(http.StatusOK)
	target := r.e.awaitEscalation(t, id)
	var username string
	_ = r.e.Store.DB().Get(&username, `SELECT username FROM users WHERE id = $1`, target)
	boss := f.as(t, username)
	boss.decide(boss.openTaskFor(id), "approve", "超时代批", "").status(http.StatusOK)
	f.as(t, "approver").sign(id, "company", "", "").status(http.StatusOK)
	sales.sign(id, "customer", "赵总", "").status(http.StatusOK)
	r.save(t, "contract_reminder_escalation", workflows.ContractWorkflowID(id))
}

// contractRejectRecall: a major contract (R5.3) rejected by the director,
// recalled, revised, rejected by the company, then approved and signed —
// with the policy's working-day deadlines (no timing set).
func (r recorder) contractRejectRecall(t *testing.T, e *testEnv) {
	sales, director, approver := e.as(t, "sales1"), e.as(t, "director"), e.as(t, "approver")
	id := e.acceptedContract(sales, 80_000)
	path := "/api/v1/contracts/" + id
	e.withTerms(sales, id, 1, 80_000).status(http.StatusOK)
	sales.post(path+"/submit", nil, "").status(http.StatusOK)
	director.decide(director.openTaskFor(id), "reject", "折扣超出权限", "").status(http.StatusOK)
	sales.post(path+"/submit", nil, "").status(http.StatusOK)
	sales.post(path+"/recall", nil, "").status(http.StatusOK)
	e.withTerms(sales, id, 2, 85_000).status(http.StatusOK)
	sales.post(path+"/submit", nil, "").status(http.StatusOK)
	approveAll(t, id, director)
	approver.decide(approver.openTaskFor(id), "reject", "服务条款不清", "").status(http.StatusOK)
	sales.post(path+"/submit", nil, "").status(http.StatusOK)
	approveAll(t, id, director, approver)
	approver.sign(id, "company", "", "").status(http.StatusOK)
	sales.sign(id, "customer", "赵总", "").status(http.StatusOK)
	r.save(t, "contract_reject_recall", workflows.ContractWorkflowID(id))
}

// visitAlerts: not back in time (R3.6), a later return reported and missed
// too, then the report reminded and escalated (R3.8) before it is filed.
func (r recorder) visitAlerts(t *testing.T, f *testEnv) {
	sales := f.as(t, "sales1")
	id := f.approvedVisit(sales, 2*time.Second)
	f.as(t, "frontdesk").post("/api/v1/visits/"+id+"/departure", nil, "").status(http.StatusOK)
	r.e.awaitVisitTask(t, id, "visit_late_return")
	later := time.Now().Add(2 * time.Second).Format(time.RFC3339Nano)
	sales.post("/api/v1/visits/"+id+"/expected-return", map[string]any{"expected_return": later, "reason": "客户会议延长"}, "").
		status(http.StatusOK)
	waitFor(t, func() bool {
		var n int
		_ = r.e.Store.DB().Get(&n, `SELECT count(*) FROM tasks WHERE subject_id = $1 AND kind = 'visit_late_return'`, id)
		return n >= 2
	})
	sales.post("/api/v1/visits/"+id+"/return", nil, "").status(http.StatusOK)
	r.e.awaitVisitTask(t, id, "visit_report_overdue")
	sales.post("/api/v1/visits/"+id+"/report", report(), "").status(http.StatusOK)
	r.save(t, "visit_alerts", workflows.VisitWorkflowID(id))
}

// proposalContinueAsNew revises a proposal until its
// history is long enough for Temporal to suggest continuing as new, then
// takes the new run to acceptance; both runs are kept.
func (r recorder) proposalContinueAsNew(t *testing.T, e *testEnv) {
	sales := e.as(t, "sales1")
	cust := sales.newCustomer("续跑客户 " + randomSuffix())
	body := "正文"
	res := sales.do("POST", "/api/v1/proposals", map[string]any{"customer_id": cust, "title": "长谈判",
		"body": body, "items": e.items(100_000)}, nil).status(http.StatusCreated)
	id := res.str("id")
	wfID := workflows.ProposalWorkflowID(id)
	ctx := context.Background()
	first := ""
	for i := 0; i < 1000; i++ {
		sales.do("PUT", "/api/v1/proposals/"+id, map[string]any{"title": "长谈判", "body": body,
			"items": e.items(100_000 - int64(i))}, nil).status(http.StatusOK)
		d, err := e.Temporal.DescribeWorkflowExecution(ctx, wfID, "")
		if err != nil {
			t.Fatal(err)
		}
		info := d.GetWorkflowExecutionInfo()
		if first == "" {
			first = info.GetExecution().GetRunId()
		}
		if info.GetExecution().GetRunId() != first {
			break
		}
	}
	sales.do("POST", "/api/v1/proposals/"+id+"/submit", nil, nil).status(http.StatusOK)
	rev := e.as(t, "reviewer")
	rev.decide(rev.openTaskFor(id), "approve", "", "").status(http.StatusOK)
	sales.do("POST", "/api/v1/proposals/"+id+"/customer-response", map[string]any{"accepted": true, "paper": true}, nil).
		status(http.StatusOK)
	r.saveRun(t, "proposal_continue_as_new_first_run", wfID, first)
	r.save(t, "proposal_continue_as_new_second_run", wfID)
}

func (r recorder) save(t *testing.T, name, workflowID string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := r.e.Temporal.GetWorkflow(ctx, workflowID, "").Get(ctx, nil); err != nil {
		t.Fatalf("%s did not complete: %v", workflowID, err)
	}
	r.saveRun(t, name, workflowID, "")
}

// saveRun writes one run's history as `temporal workflow show --output
// json` does.
func (r recorder) saveRun(t *testing.T, name, workflowID, runID string) {
	t.Helper()
	ctx := context.Background()
	it := r.e.Temporal.GetWorkflowHistory(ctx, workflowID, runID, false, enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
	var h historypb.History
	for it.HasNext() {
		ev, err := it.Next()
		if err != nil {
			t.Fatal(err)
		}
		h.Events = append(h.Events, ev)
	}
	raw, err := protojson.MarshalOptions{Multiline: true, Indent: "  "}.Marshal(&h)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(r.dir, name+r.suffix+".json")
	if err := os.WriteFile(path, append(raw, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("recorded %s (%d events)", path, len(h.Events))
}

// waitFor polls cond (bounded), for what a workflow's timer does.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for stop := time.Now().Add(60 * time.Second); time.Now().Before(stop); time.Sleep(200 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatal("condition not met in time")
}
