package api

import (
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
// task queue, as production would: the worker key is handed to it through
// the environment, so its seals verify through the harness's API.
func (e *testEnv) startWorkerProcess(t *testing.T, bin string) *exec.Cmd {
	t.Helper()
	return e.startWorkerProcessWithKey(t, bin, e.Key)
}

// startWorkerProcessWithKey is startWorkerProcess with the signing key
// given.
func (e *testEnv) startWorkerProcessWithKey(t *testing.T, bin string, key ed25519.PrivateKey) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(bin, "worker")
	cmd.Env = append(os.Environ(), "DATABASE_URL="+e.DBURL, "SALESFLOW_TASK_QUEUE="+e.TaskQueue,
		"SALESFLOW_LOG_LEVEL=warn", "SALESFLOW_SIGNING_KEY="+base64.StdEncoding.EncodeToString(key.Seed()))
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd
}

// TestWorkerKilledMidReview kills the worker process (SIGKILL) while a
// proposal waits for its review, sends the decision while no worker runs,
// then starts a new worker: the decision goes through, the proposal carries
// on, and no row is written twice.
func TestWorkerKilledMidReview(t *testing.T) {
	e := newTestEnv(t)
	bin := buildBinary(t)
	sales, mgr := e.as(t, "sales1"), e.as(t, "manager")
	id := e.newProposal(sales, "重启方案")
	sales.do("POST", "/api/v1/proposals/"+id+"/submit", nil, nil).status(http.StatusOK)
	task := mgr.openTaskFor(id)

	// Hand the task queue to a worker process, then kill it.
	e.Worker.Stop()
	defer e.restartInProcessWorker(t)
	proc := e.startWorkerProcess(t, bin)
	time.Sleep(2 * time.Second) // let it poll so it holds the workflow's sticky queue
	if err := proc.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = proc.Wait()

	// The decision is sent while no worker is running; it waits.
	done := make(chan response, 1)
	go func() { done <- mgr.decide(task, "approve", "重启后批准", "restart-1") }()
	time.Sleep(time.Second)
	select {
	case r := <-done:
		t.Fatalf("decision answered without a worker: %s", r.raw)
	default:
	}
	proc = e.startWorkerProcess(t, bin)
	defer func() { _ = proc.Process.Signal(syscall.SIGTERM); _ = proc.Wait() }()

	select {
	case r := <-done:
		wantStatus(t, r.status(http.StatusOK), "approved")
	case <-time.After(60 * time.Second):
		t.Fatal("decision did not complete after the worker came back")
	}
	// The loop carries on with the new worker.
	wantStatus(t, sales.do("POST", "/api/v1/proposals/"+id+"/customer-response",
		map[string]any{"accepted": true, "note": "ok"}, nil).status(http.StatusOK), "accepted")

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

func (e *testEnv) restartInProcessWorker(t *testing.T) {
	e.Worker = worker.New(e.Temporal, e.TaskQueue, e.activities())
	if err := e.Worker.Start(); err != nil {
		t.Fatal(err)
	}
}
