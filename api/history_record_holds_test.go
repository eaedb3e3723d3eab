package api

import (
	"net/http"
	"os"
	"testing"
	"time"

	"salesflow/workflows"
)

// TestRecordHoldHistories records the histories of issue 13's workflows
// for workflows/replay_test.go, like TestRecordHistories (and with the
// same SALESFLOW_RECORD_HISTORIES), but alone, so the older files stay as
// they were recorded:
//
//	SALESFLOW_TEST_INTEGRATION=1 SALESFLOW_RECORD_HISTORIES=$PWD/workflows/testdata \
//	  go test -count=1 -run TestRecordHoldHistories ./api/
//
// A proposal holds a line at its submission and the customer declines
// (proposal_holds_declined); a second holds the line, warned and lapsed
// by its HoldWorkflow (hold_warn_lapse); the slot goes to the waiting
// list, whose offer lapses unused (waitlist_offer_lapse); a contract
// revised onto another resource claims it at its last approval, lets the
// proposal's hold go to the waiting list and books its line with the
// signatures (contract_books_holds); a holder gives a hold up through the
// API, released by the waiting list's own first step (waitlist_release_ordered).
func TestRecordHoldHistories(t *testing.T) {
	dir := os.Getenv("SALESFLOW_RECORD_HISTORIES")
	if dir == "" {
		t.Skip("records replay histories only when SALESFLOW_RECORD_HISTORIES is set")
	}
	e := newTestEnv(t)
	f := e.withHoldTiming(t, workflows.HoldTiming{HoldFor: 4 * time.Second, WarnBefore: 2 * time.Second, OfferFor: 2 * time.Second})
	rec := recorder{t: t, e: e, dir: dir, suffix: os.Getenv("SALESFLOW_RECORD_SUFFIX")}
	s1, s2, rev := f.as(t, "sales1"), f.as(t, "sales2"), f.as(t, "reviewer")
	res := e.slotResource(t, 1)
	line := span{res, "2027-08-01", "2027-08-05"}

	declined := f.draftWithLines(s1, s1.newCustomer("录制客户 "+randomSuffix()), line)
	s1.do("POST", "/api/v1/proposals/"+declined+"/submit", nil, nil).status(http.StatusOK)
	rev.decide(rev.openTaskFor(declined), "approve", "", "").status(http.StatusOK)
	s1.do("POST", "/api/v1/proposals/"+declined+"/customer-response", map[string]any{"accepted": false, "paper": true}, nil).
		status(http.StatusOK)
	rec.saveRun(t, "proposal_holds_declined", workflows.ProposalWorkflowID(declined), "")

	held := f.draftWithLines(s1, s1.newCustomer("录制客户 "+randomSuffix()), line)
	s1.do("POST", "/api/v1/proposals/"+held+"/submit", nil, nil).status(http.StatusOK)
	s2.do("POST", "/api/v1/resources/"+res+"/waitlist", map[string]any{"from": line.from, "to": line.to}, nil).
		status(http.StatusCreated)
	claim := claimsOf(s1, held)[0]["id"].(string)
	rec.save(t, "hold_warn_lapse", workflows.HoldWorkflowID(held, 1))
	rec.save(t, "waitlist_offer_lapse", workflows.WaitlistWorkflowID(claim))

	k := f.acceptWithLines(s1, span{e.slotResource(t, 1), "2027-10-08", "2027-10-12"})
	f.submitContract(s1, k, span{e.slotResource(t, 1), "2027-10-08", "2027-10-12"})
	approveAll(t, k, f.as(t, "approver"))
	f.as(t, "approver").sign(k, "company", "", "").status(http.StatusOK)
	s1.sign(k, "customer", "周总", "").status(http.StatusOK)
	rec.save(t, "contract_books_holds", workflows.ContractWorkflowID(k))

	given := f.draftWithLines(s1, s1.newCustomer("录制客户 "+randomSuffix()), line)
	s1.do("POST", "/api/v1/proposals/"+given+"/submit", nil, nil).status(http.StatusOK)
	s2.do("POST", "/api/v1/resources/"+res+"/waitlist", map[string]any{"from": line.from, "to": line.to}, nil).
		status(http.StatusCreated)
	claim = claimsOf(s1, given)[0]["id"].(string)
	s1.do("POST", "/api/v1/claims/"+claim+"/release", map[string]any{}, nil).status(http.StatusOK)
	rec.save(t, "waitlist_release_ordered", workflows.WaitlistWorkflowID(claim))
}
