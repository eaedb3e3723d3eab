package api

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	commonpb "go.temporal.io/api/common/v1"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/api/workflowservice/v1"

	"salesflow/service"
	"salesflow/store"
	"salesflow/workflows"
)

// describeRun returns the latest run of workflowID and its status.
func (e *testEnv) describeRun(t *testing.T, workflowID string) (string, enumspb.WorkflowExecutionStatus) {
	t.Helper()
	d, err := e.Temporal.DescribeWorkflowExecution(context.Background(), workflowID, "")
	if err != nil {
		t.Fatalf("describe %s: %v", workflowID, err)
	}
	info := d.GetWorkflowExecutionInfo()
	return info.GetExecution().GetRunId(), info.GetStatus()
}

// awaitClosed waits for workflowID's current run to end.
func (e *testEnv) awaitClosed(t *testing.T, workflowID string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := e.Temporal.GetWorkflow(ctx, workflowID, "").Get(ctx, nil); err != nil {
		t.Fatalf("%s: %v", workflowID, err)
	}
}

// forget deletes workflowID's closed run, as the namespace's retention does
// some days after it closed, and waits until Temporal no longer knows it.
func (e *testEnv) forget(t *testing.T, workflowID string) {
	t.Helper()
	ctx := context.Background()
	_, err := e.Temporal.WorkflowService().DeleteWorkflowExecution(ctx, &workflowservice.DeleteWorkflowExecutionRequest{
		Namespace: "default", WorkflowExecution: &commonpb.WorkflowExecution{WorkflowId: workflowID}})
	if err != nil {
		t.Fatalf("delete %s: %v", workflowID, err)
	}
	waitFor(t, func() bool {
		_, err := e.Temporal.DescribeWorkflowExecution(ctx, workflowID, "")
		var notFound *serviceerror.NotFound
		return errors.As(err, &notFound)
	})
}

// wantNoRun fails unless Temporal knows no run of workflowID.
func (e *testEnv) wantNoRun(t *testing.T, workflowID string) {
	t.Helper()
	_, err := e.Temporal.DescribeWorkflowExecution(context.Background(), workflowID, "")
	var notFound *serviceerror.NotFound
	if !errors.As(err, &notFound) {
		t.Fatalf("a new run of %s started (%v): it would take the stored record for a fresh one", workflowID, err)
	}
}

// TestCreateAgainAfterCompletionAnswersTheStoredRecord (issue 9, point 5):
// a create posted again with its Idempotency-Key after the workflow ended
// (the browser's Back after the customer accepted, or after the visit's
// plan was rejected) answers with the record as stored and starts no second
// run — also once retention has removed the closed run, when Temporal
// itself no longer knows the ID was used.
func TestCreateAgainAfterCompletionAnswersTheStoredRecord(t *testing.T) {
	e := newTestEnv(t)
	sales := e.as(t, "sales1")
	cust := sales.newCustomer("回退客户 " + randomSuffix())
	key := map[string]string{"Idempotency-Key": "create-" + randomSuffix()}
	body := map[string]any{"customer_id": cust, "title": "回退方案", "body": "正文", "items": e.items(100_000)}
	id := sales.do("POST", "/api/v1/proposals", body, key).status(http.StatusCreated).str("id")
	sales.do("POST", "/api/v1/proposals/"+id+"/submit", nil, nil).status(http.StatusOK)
	rev := e.as(t, "reviewer")
	rev.decide(rev.openTaskFor(id), "approve", "", "").status(http.StatusOK)
	sales.do("POST", "/api/v1/proposals/"+id+"/customer-response", map[string]any{"accepted": true, "paper": true}, nil).
		status(http.StatusOK)
	wfID := workflows.ProposalWorkflowID(id)
	e.awaitClosed(t, wfID)
	run, _ := e.describeRun(t, wfID)

	again := sales.do("POST", "/api/v1/proposals", body, key).status(http.StatusCreated)
	if again.str("id") != id || again.str("status") != "accepted" {
		t.Fatalf("the same key answers the accepted proposal: %s", again.raw)
	}
	if now, status := e.describeRun(t, wfID); now != run || status != enumspb.WORKFLOW_EXECUTION_STATUS_COMPLETED {
		t.Fatalf("a second run started (%s, %v); want only the completed run %s", now, status, run)
	}
	e.forget(t, wfID)
	if again := sales.do("POST", "/api/v1/proposals", body, key).status(http.StatusCreated); again.str("status") != "accepted" {
		t.Fatalf("after retention the same key answers the accepted proposal: %s", again.raw)
	}
	e.wantNoRun(t, wfID)

	visitKey := map[string]string{"Idempotency-Key": "visit-" + randomSuffix()}
	now := time.Now()
	plan := map[string]any{"customer_id": sales.newCustomer("回退拜访 " + randomSuffix()), "goals": "介绍",
		"planned_start": now.Add(-time.Minute).Format(time.RFC3339), "planned_return": now.Add(time.Hour).Format(time.RFC3339)}
	vid := sales.do("POST", "/api/v1/visits", plan, visitKey).status(http.StatusCreated).str("id")
	boss := e.as(t, "manager")
	boss.decide(boss.taskOfKind(vid, "visit_plan"), "reject", "改期", "").status(http.StatusOK)
	vwf := workflows.VisitWorkflowID(vid)
	e.awaitClosed(t, vwf)
	vrun, _ := e.describeRun(t, vwf)
	wantVisit(t, sales.do("POST", "/api/v1/visits", plan, visitKey).status(http.StatusCreated), "rejected")
	if now, _ := e.describeRun(t, vwf); now != vrun {
		t.Fatalf("a second visit run started: %s, want %s", now, vrun)
	}
	e.forget(t, vwf)
	wantVisit(t, sales.do("POST", "/api/v1/visits", plan, visitKey).status(http.StatusCreated), "rejected")
	e.wantNoRun(t, vwf)
}

// TestContactDeadlineNotStartedAgainAfterItEnded (issue 9, point 5): the
// outbox starting an ownership's week again after it ended (contact made)
// starts no new week.
func TestContactDeadlineNotStartedAgainAfterItEnded(t *testing.T) {
	e := newTestEnv(t)
	sales := e.as(t, "sales1")
	id := sales.newCustomer("一次客户 " + randomSuffix())
	sales.do("POST", "/api/v1/customers/"+id+"/interactions", map[string]any{"kind": "email", "summary": "发送公司介绍"}, nil).
		status(http.StatusCreated)
	wfID := workflows.ContactDeadlineWorkflowID(id, 1)
	e.awaitClosed(t, wfID)
	run, _ := e.describeRun(t, wfID)
	s := e.service()
	if err := s.StartDeadline(context.Background(), store.PendingDeadline{CustomerID: id, OwnerID: e.users["sales1"].ID, Generation: 1}); err != nil {
		t.Fatalf("starting an ended week again is not an error: %v", err)
	}
	if now, status := e.describeRun(t, wfID); now != run || status != enumspb.WORKFLOW_EXECUTION_STATUS_COMPLETED {
		t.Fatalf("a second week started (%s, %v); want only the completed run %s", now, status, run)
	}
}

// TestInvalidValueDoesNotWedgeTheProposal (issue 9, point 6): a revise
// whose title PostgreSQL refuses (a NUL character) answers 422 at once,
// and the next valid revise and the submit work.
func TestInvalidValueDoesNotWedgeTheProposal(t *testing.T) {
	e := newTestEnv(t)
	sales := e.as(t, "sales1")
	cust := sales.newCustomer("空字符客户 " + randomSuffix())
	id := sales.do("POST", "/api/v1/proposals", map[string]any{"customer_id": cust, "title": "方案",
		"body": "正文", "items": e.items(100_000)}, nil).status(http.StatusCreated).str("id")
	path := "/api/v1/proposals/" + id
	start := time.Now()
	bad := sales.do("PUT", path, map[string]any{"title": "坏\x00标题", "body": "正文", "items": e.items(100_000)}, nil)
	if bad.code != http.StatusUnprocessableEntity || time.Since(start) > 10*time.Second {
		t.Fatalf("a refused value answers 422 at once; got %d after %v: %s", bad.code, time.Since(start), bad.raw)
	}
	good := sales.do("PUT", path, map[string]any{"title": "好标题", "body": "正文", "items": e.items(100_000)}, nil).
		status(http.StatusOK)
	if good.body["version"] != float64(2) || good.str("title") != "好标题" {
		t.Fatalf("the next revise is version 2: %s", good.raw)
	}
	sales.do("POST", path+"/submit", nil, nil).status(http.StatusOK)
}

// TestAcceptanceAnswersWhileTheContractDraftIsSlow (issue 9, point 8): the
// contract's draft waits on a lock longer than the request's timeout; the
// acceptance, recorded, still answers 200 with the contract's id (the
// answer is built on a fresh context), and the contract appears after.
func TestAcceptanceAnswersWhileTheContractDraftIsSlow(t *testing.T) {
	e := newTestEnv(t)
	cfg := Config{PDFFont: e.Font, RequestTimeout: 2 * time.Second}
	sc := service.Config{TaskQueue: e.TaskQueue, SigningKeys: e.trustedKeys()}
	short := httptest.NewServer(testHandler(e.Store, e.Temporal, slog.New(slog.NewTextHandler(io.Discard, nil)), sc, cfg))
	defer short.Close()
	sales := e.asOn(t, short.URL, "sales1")
	cust := sales.newCustomer("慢合同客户 " + randomSuffix())
	id := sales.do("POST", "/api/v1/proposals", map[string]any{"customer_id": cust, "title": "方案",
		"body": "正文", "items": e.items(100_000)}, nil).status(http.StatusCreated).str("id")
	sales.do("POST", "/api/v1/proposals/"+id+"/submit", nil, nil).status(http.StatusOK)
	rev := e.as(t, "reviewer")
	rev.decide(rev.openTaskFor(id), "approve", "", "").status(http.StatusOK)

	tx := e.Store.DB().MustBegin()
	tx.MustExec(`LOCK TABLE contracts IN EXCLUSIVE MODE`) // the draft's INSERT waits
	released := make(chan struct{})
	go func() {
		time.Sleep(3 * time.Second)
		_ = tx.Rollback()
		close(released)
	}()
	accepted := sales.do("POST", "/api/v1/proposals/"+id+"/customer-response", map[string]any{"accepted": true, "paper": true}, nil)
	<-released
	if accepted.code != http.StatusOK || accepted.str("status") != "accepted" {
		t.Fatalf("a recorded acceptance answers 200: %d %s", accepted.code, accepted.raw)
	}
	contractID := accepted.str("contract_id")
	if contractID != workflows.ContractIDFor(id) {
		t.Fatalf("the answer names the contract: %s", accepted.raw)
	}
	waitFor(t, func() bool { return sales.do("GET", "/api/v1/contracts/"+contractID, nil, nil).code == http.StatusOK })
}
