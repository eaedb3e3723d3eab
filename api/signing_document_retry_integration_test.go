package api

import (
	"net/http"
	"testing"
	"time"

	"salesflow/worker"
)

// TestSigningDocumentRetriedUntilIssued: the last approval lands on a
// worker without the PDF font, so the signing document cannot be rendered.
// The approval still stands, signing waits for the document, and once a
// worker with the font runs the workflow's retries issue it and the
// contract is signed (issue 9, point 9).
func TestSigningDocumentRetriedUntilIssued(t *testing.T) {
	e := newTestEnv(t)
	sales, approver := e.as(t, "sales1"), e.as(t, "approver")
	id := e.submittedContract(sales, 97_000)

	e.Worker.Stop()
	noFont := e.activities()
	noFont.Font = nil
	w := worker.New(e.Temporal, e.TaskQueue, noFont)
	if err := w.Start(); err != nil {
		t.Fatal(err)
	}
	// The environment is shared: whatever happens below, the worker without
	// the font must not outlive the test, or it takes later tests' tasks.
	stopped := false
	stopNoFont := func() {
		if !stopped {
			stopped = true
			w.Stop()
			e.restartInProcessWorker(t)
		}
	}
	t.Cleanup(stopNoFont)
	wantContract(t, approver.decide(approver.openTaskFor(id), "approve", "同意", "").status(http.StatusOK), "approved")
	// Not yet: the signature is asked to come again (503 still-running,
	// Retry-After), not refused for good.
	early := approver.sign(id, "company", "", "")
	if early.code != http.StatusServiceUnavailable || early.str("type") != "/problems/still-running" {
		t.Fatalf("without its document the contract cannot be signed yet: %d %s", early.code, early.raw)
	}
	stopNoFont() // the operator installs the font and restarts the worker

	deadline := time.Now().Add(90 * time.Second)
	for {
		r := approver.sign(id, "company", "", "")
		if r.code == http.StatusOK {
			break
		}
		if r.code != http.StatusServiceUnavailable || time.Now().After(deadline) {
			t.Fatalf("the document was not issued again: %d %s", r.code, r.raw)
		}
		time.Sleep(time.Second)
	}
	wantContract(t, sales.sign(id, "customer", "孙经理", "").status(http.StatusOK), "signed")
	if v := verification(sales, id); v.body["valid"] != true {
		t.Fatalf("the retried document is signed and verifies: %s", v.raw)
	}
}
