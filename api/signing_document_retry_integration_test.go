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
	wantContract(t, approver.decide(approver.openTaskFor(id), "approve", "同意", "").status(http.StatusOK), "approved")
	early := approver.sign(id, "company", "", "")
	if early.code != http.StatusConflict {
		t.Fatalf("without its document the contract cannot be signed yet: %d %s", early.code, early.raw)
	}
	w.Stop() // the operator installs the font and restarts the worker
	e.restartInProcessWorker(t)

	deadline := time.Now().Add(90 * time.Second)
	for {
		r := approver.sign(id, "company", "", "")
		if r.code == http.StatusOK {
			break
		}
		if r.code != http.StatusConflict || time.Now().After(deadline) {
			t.Fatalf("the document was not issued again: %d %s", r.code, r.raw)
		}
		time.Sleep(time.Second)
	}
	wantContract(t, sales.sign(id, "customer", "孙经理", "").status(http.StatusOK), "signed")
	if v := verification(sales, id); v.body["valid"] != true {
		t.Fatalf("the retried document is signed and verifies: %s", v.raw)
	}
}
