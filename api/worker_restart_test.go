package api

import (
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"salesflow/worker"
)

// buildBinary compiles cmd/salesflow once for tests that run it as a
// separate process.
func buildBinary(t *testing.T) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Dir(filepath.Dir(file))
	bin := filepath.Join(t.TempDir(), "salesflow")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/salesflow")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build salesflow: %v\n%s", err, out)
	}
	return bin
}

// startWorkerProcess runs `salesflow worker` against the test database and
// task queue, as production would, reaching Temporal at temporalAddr; the
// worker key is handed to it through the environment, so its seals verify
// through the harness's API.
func (e *testEnv) startWorkerProcess(t *testing.T, bin, temporalAddr string) *exec.Cmd {
	t.Helper()
	return e.startWorkerProcessWithKey(t, bin, temporalAddr, e.Key)
}

// startWorkerProcessWithKey is startWorkerProcess with the signing key
// given.
func (e *testEnv) startWorkerProcessWithKey(t *testing.T, bin, temporalAddr string, key ed25519.PrivateKey) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(bin, "worker")
	cmd.Env = append(os.Environ(), "DATABASE_URL="+e.DBURL, "SALESFLOW_TASK_QUEUE="+e.TaskQueue,
		"TEMPORAL_ADDRESS="+temporalAddr, "SALESFLOW_LOG_LEVEL=warn", "SALESFLOW_METRICS_ADDR=127.0.0.1:0",
		"SALESFLOW_SIGNING_KEY="+base64.StdEncoding.EncodeToString(key.Seed()))
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd
}

// TestWorkerKilledMidReview kills the worker process (SIGKILL) in the worst
// moment of a decision: its activity has committed the decision to
// PostgreSQL but Temporal has not heard that it completed. The test holds
// the proposal's row lock so the activity waits inside its transaction,
// cuts the worker off from Temporal (a frozen proxy), releases the lock so
// the transaction commits, and kills the worker. A new worker retries the
// activity once its timeout passes: the decision completes, the proposal
// carries on, and nothing is written twice.
func TestWorkerKilledMidReview(t *testing.T) {
	e := newTestEnv(t)
	bin := buildBinary(t)
	sales, mgr := e.as(t, "sales1"), e.as(t, "manager")
	id := e.newProposal(sales, "重启方案")
	sales.do("POST", "/api/v1/proposals/"+id+"/submit", nil, nil).status(http.StatusOK)
	task := mgr.openTaskFor(id)

	proxy, proc := e.proxiedWorker(t, bin)
	lock := e.lockRow(t, `SELECT 1 FROM proposals WHERE id = $1 FOR UPDATE`, id)
	done := make(chan response, 1)
	go func() { done <- mgr.decide(task, "approve", "重启后批准", "restart-1") }()
	e.awaitBlockedOnLock(t)

	proxy.Freeze()
	if err := lock.Rollback(); err != nil {
		t.Fatal(err)
	}
	e.awaitTaskDecided(t, task)
	if err := proc.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = proc.Wait()
	proxy.Close()
	select {
	case r := <-done:
		t.Fatalf("the decision answered although its activity never reported back: %s", r.raw)
	default:
	}

	proc = e.startWorkerProcess(t, bin, envOr("TEMPORAL_ADDRESS", "127.0.0.1:7233"))
	defer func() { _ = proc.Process.Signal(syscall.SIGTERM); _ = proc.Wait() }()
	// The activity is retried when its timeout passes; a decision that
	// outlived the request's time answers 503 and its retry with the same
	// key returns the one decision.
	select {
	case r := <-done:
		if r.code == http.StatusServiceUnavailable {
			r = mgr.decide(task, "approve", "重启后批准", "restart-1")
		}
		wantStatus(t, r.status(http.StatusOK), "approved")
	case <-time.After(90 * time.Second):
		t.Fatal("decision did not complete after the worker came back")
	}
	// The loop carries on with the new worker.
	wantStatus(t, sales.do("POST", "/api/v1/proposals/"+id+"/customer-response",
		map[string]any{"accepted": true, "note": "ok", "paper": true}, nil).status(http.StatusOK), "accepted")
	e.wantWrittenOnce(t, id)
}

// proxiedWorker hands the task queue from the in-process worker (given
// back when the test ends) to a worker process that reaches Temporal
// through a freezable proxy, so the test can cut it off at an exact moment.
func (e *testEnv) proxiedWorker(t *testing.T, bin string) (*freezableProxy, *exec.Cmd) {
	t.Helper()
	e.Worker.Stop()
	t.Cleanup(func() { e.restartInProcessWorker(t) })
	proxy := newFreezableProxy(t, envOr("TEMPORAL_ADDRESS", "127.0.0.1:7233"))
	return proxy, e.startWorkerProcess(t, bin, proxy.Addr())
}

// lockRow holds the row query locks (a SELECT … FOR UPDATE of id) in a
// transaction of its own until the test rolls it back (or ends), so a
// step that needs the row waits inside its own transaction.
func (e *testEnv) lockRow(t *testing.T, query, id string) *sqlx.Tx {
	t.Helper()
	lock, err := e.Store.DB().BeginTxx(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = lock.Rollback() })
	if _, err := lock.Exec(query, id); err != nil {
		t.Fatal(err)
	}
	return lock
}

// wantWrittenOnce checks that no audit action of the proposal, no task and
// no version was written twice.
func (e *testEnv) wantWrittenOnce(t *testing.T, id string) {
	t.Helper()
	var dup int
	err := e.Store.DB().Get(&dup, `SELECT count(*) FROM (SELECT action FROM audit_events WHERE subject_id = $1
		GROUP BY action HAVING count(*) > 1) d`, id)
	if err != nil || dup != 0 {
		t.Fatalf("an audit action was written twice (%d, %v)", dup, err)
	}
	var tasks, versions int
	_ = e.Store.DB().Get(&tasks, `SELECT count(*) FROM tasks WHERE subject_id = $1`, id)
	_ = e.Store.DB().Get(&versions, `SELECT count(*) FROM proposal_versions WHERE proposal_id = $1`, id)
	if tasks != 1 || versions != 1 {
		t.Fatalf("want 1 task and 1 version, got %d and %d", tasks, versions)
	}
}

// awaitBlockedOnLock waits until a session of the test database waits for
// a row lock: the decision's activity is inside its transaction.
func (e *testEnv) awaitBlockedOnLock(t *testing.T) {
	t.Helper()
	for stop := time.Now().Add(60 * time.Second); time.Now().Before(stop); time.Sleep(20 * time.Millisecond) {
		var waiting int
		err := e.Store.DB().Get(&waiting, `SELECT count(*) FROM pg_stat_activity
			WHERE datname = current_database() AND wait_event_type = 'Lock'`)
		if err == nil && waiting > 0 {
			return
		}
	}
	t.Fatal("the decision's activity never reached the proposal's row")
}

// awaitQueryBlockedOnLock waits until a session of the test database whose
// statement starts with prefix waits for a lock.
func (e *testEnv) awaitQueryBlockedOnLock(t *testing.T, prefix string) {
	t.Helper()
	for stop := time.Now().Add(60 * time.Second); time.Now().Before(stop); time.Sleep(20 * time.Millisecond) {
		var waiting int
		err := e.Store.DB().Get(&waiting, `SELECT count(*) FROM pg_stat_activity
			WHERE datname = current_database() AND wait_event_type = 'Lock' AND ltrim(query) LIKE $1 || '%'`, prefix)
		if err == nil && waiting > 0 {
			return
		}
	}
	t.Fatalf("no statement %q ever waited for the lock", prefix)
}

// awaitTaskDecided waits until the task's decision is committed.
func (e *testEnv) awaitTaskDecided(t *testing.T, taskID string) {
	t.Helper()
	for stop := time.Now().Add(30 * time.Second); time.Now().Before(stop); time.Sleep(10 * time.Millisecond) {
		if e.taskStatus(t, taskID) != "open" {
			return
		}
	}
	t.Fatal("the decision's transaction did not commit")
}

func (e *testEnv) restartInProcessWorker(t *testing.T) {
	e.Worker = worker.New(e.Temporal, e.TaskQueue, e.activities())
	if err := e.Worker.Start(); err != nil {
		t.Fatal(err)
	}
}

// TestCreateAgainWaitsUntilTheWorkflowKnows (issue 9, seed 920245 of the
// production-shape suite): a create posted again with its Idempotency-Key
// while its record is stored but its workflow has not yet heard the step's
// result must not answer from the row alone — the client would go on to
// the plan's decision and the workflow, not yet pending, would refuse it
// (409). The test holds the customer's row so the visit's create step
// waits inside its transaction, cuts the worker off from Temporal, lets
// the transaction commit and posts the create again: it may not answer
// 201 while the workflow cannot know; once a new worker has recorded the
// step it answers, and the manager's decision goes through.
func TestCreateAgainWaitsUntilTheWorkflowKnows(t *testing.T) {
	e := newTestEnv(t)
	bin := buildBinary(t)
	sales, mgr := e.as(t, "sales1"), e.as(t, "manager")
	cust := sales.newCustomer("重发拜访 " + randomSuffix())
	proxy, proc := e.proxiedWorker(t, bin)
	lock := e.lockRow(t, `SELECT 1 FROM customers WHERE id = $1 FOR UPDATE`, cust)
	now := time.Now()
	plan := map[string]any{"customer_id": cust, "goals": "介绍春季广告位",
		"planned_start": now.Add(-time.Minute).Format(time.RFC3339), "planned_return": now.Add(3 * time.Hour).Format(time.RFC3339)}
	key := map[string]string{"Idempotency-Key": "visit-again-" + randomSuffix()}
	first := make(chan response, 1)
	go func() { first <- sales.do("POST", "/api/v1/visits", plan, key) }()
	// The create step's own INSERT, not another step on the customer (its
	// contact deadline), must be the one waiting when the worker is cut off.
	e.awaitQueryBlockedOnLock(t, "INSERT INTO visits")
	proxy.Freeze()
	if err := lock.Rollback(); err != nil {
		t.Fatal(err)
	}
	var stored int
	for stop := time.Now().Add(30 * time.Second); stored == 0 && time.Now().Before(stop); time.Sleep(10 * time.Millisecond) {
		_ = e.Store.DB().Get(&stored, `SELECT count(*) FROM visits WHERE customer_id = $1`, cust)
	}
	if stored != 1 {
		t.Fatal("the visit's create step did not commit")
	}

	again := make(chan response, 1)
	go func() { again <- sales.do("POST", "/api/v1/visits", plan, key) }()
	select {
	case r := <-again:
		if r.code == http.StatusCreated {
			t.Fatalf("the create posted again answered from the row while its workflow could not know it: %s", r.raw)
		}
	case <-time.After(3 * time.Second): // still waiting for the workflow: right
	}
	if err := proc.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = proc.Wait()
	proxy.Close()
	proc = e.startWorkerProcess(t, bin, envOr("TEMPORAL_ADDRESS", "127.0.0.1:7233"))
	defer func() { _ = proc.Process.Signal(syscall.SIGTERM); _ = proc.Wait() }()

	// The step's activity is retried when its timeout passes; a request
	// that outlived its time answers 503 and is sent again.
	var created response
	for stop := time.Now().Add(2 * time.Minute); ; {
		created = sales.do("POST", "/api/v1/visits", plan, key)
		if created.code != http.StatusServiceUnavailable || time.Now().After(stop) {
			break
		}
	}
	id := created.status(http.StatusCreated).str("id")
	task := created.str("open_task_id")
	if task == "" {
		t.Fatalf("the created visit names no open task: %s", created.raw)
	}
	mgr.decide(task, "approve", "", "visit-again-decision").status(http.StatusOK)
	<-first
	<-again
	var visits int
	_ = e.Store.DB().Get(&visits, `SELECT count(*) FROM visits WHERE customer_id = $1`, cust)
	if visits != 1 {
		t.Fatalf("visit %s: %d visits stored for the customer, want 1", id, visits)
	}
}
