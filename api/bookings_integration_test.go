package api

import (
	"net/http"
	"testing"
	"time"

	"salesflow/workflows"
)

// acceptWithLines walks a proposal of c with the spans through review and
// the customer's acceptance and returns its contract's id.
func (e *testEnv) acceptWithLines(c *apiClient, spans ...span) string {
	c.t.Helper()
	id := e.draftWithLines(c, c.newCustomer("订位合同客户 "+randomSuffix()), spans...)
	c.do("POST", "/api/v1/proposals/"+id+"/submit", nil, nil).status(http.StatusOK)
	rev := e.as(c.t, "reviewer")
	rev.decide(rev.openTaskFor(id), "approve", "", "").status(http.StatusOK)
	k := c.do("POST", "/api/v1/proposals/"+id+"/customer-response", map[string]any{"accepted": true, "paper": true}, nil).
		status(http.StatusOK).str("contract_id")
	if k == "" {
		c.t.Fatal("an accepted proposal names its contract")
	}
	return k
}

// submitContract revises the contract to its terms and the resource line
// (at list price, so only the company approves) and submits it.
func (e *testEnv) submitContract(c *apiClient, id string, line span) {
	c.t.Helper()
	c.do("PUT", "/api/v1/contracts/"+id, map[string]any{"items": e.lineItems(line),
		"service_terms": map[string]any{"free_revisions": 0}, "starts_on": line.from, "ends_on": line.to}, nil).
		status(http.StatusOK)
	c.post("/api/v1/contracts/"+id+"/submit", nil, "").status(http.StatusOK)
}

// TestBookingSignedContractBooksAndSecondCannotBeSigned: the signatures
// that make a contract valid turn its hold into a booking in place; a
// second contract revised onto the booked dates is refused at its last
// approval (409 naming the line) and so can never be signed; a salesperson
// cannot release a booking, a manager can with a reason, and then the
// second contract goes through.
func TestBookingSignedContractBooksAndSecondCannotBeSigned(t *testing.T) {
	e := newTestEnv(t)
	s1, s2, approver, mgr := e.as(t, "sales1"), e.as(t, "sales2"), e.as(t, "approver"), e.as(t, "manager")
	res := e.slotResource(t, 1)
	april, may := span{res, "2027-04-01", "2027-04-30"}, span{res, "2027-05-01", "2027-05-31"}
	ka, kb := e.acceptWithLines(s1, april), e.acceptWithLines(s2, may)
	heldA := e.claimOf(t, "id", "resource_id = $1 AND period @> '2027-04-01'::date AND state = 'held'", res)

	e.submitContract(s1, ka, april)
	approveAll(t, ka, approver)
	approver.sign(ka, "company", "", "").status(http.StatusOK)
	wantContract(t, s1.sign(ka, "customer", "赵总", "").status(http.StatusOK), "signed")
	if got := e.liveClaims(t, res); got["booked"] != 1 || got["held"] != 1 {
		t.Fatalf("April booked, May still held: %v", got)
	}
	if e.claimOf(t, "id", "contract_id = $1 AND state = 'booked'", ka) != heldA {
		t.Fatal("the hold became the booking in place (same claim)")
	}

	e.submitContract(s2, kb, april)
	task := approver.openTaskFor(kb)
	r := approver.decide(task, "approve", "同意", "").status(http.StatusConflict)
	if r.str("type") != "/problems/resource-taken" || r.str("state") != "booked" || r.str("taken_until") != "" {
		t.Fatalf("the last approval is refused: the slot is booked: %s", r.raw)
	}
	approver.sign(kb, "company", "", "").status(http.StatusConflict)
	wantContract(t, s2.do("GET", "/api/v1/contracts/"+kb, nil, nil), "in_approval")

	booking := heldA
	s1.do("POST", "/api/v1/claims/"+booking+"/release", map[string]any{"reason": "客户撤单"}, nil).status(http.StatusForbidden)
	mgr.do("POST", "/api/v1/claims/"+booking+"/release", map[string]any{}, nil).status(http.StatusUnprocessableEntity)
	rel := mgr.do("POST", "/api/v1/claims/"+booking+"/release", map[string]any{"reason": "客户撤单，经理决定"}, nil).status(http.StatusOK)
	if rel.str("release_reason") != "客户撤单，经理决定" {
		t.Fatalf("the manager's release keeps its reason: %s", rel.raw)
	}
	approver.decide(task, "approve", "同意", "").status(http.StatusOK)
	approver.sign(kb, "company", "", "").status(http.StatusOK)
	wantContract(t, s2.sign(kb, "customer", "钱总", "").status(http.StatusOK), "signed")
	if e.claimOf(t, "contract_id", "resource_id = $1 AND state = 'booked'", res) != kb {
		t.Fatal("the second contract is booked once the first booking was released")
	}
}

// TestWaitlistOffersNextAndPassesOnLapse: a salesperson refused a hold
// joins the queue; when the hold is given up the first in the queue is
// offered the slot (nobody else can take it meanwhile) and notified; the
// offer lapses unused and passes to the next, who takes it with a hold.
func TestWaitlistOffersNextAndPassesOnLapse(t *testing.T) {
	e := newTestEnv(t).withHoldTiming(t, workflows.HoldTiming{OfferFor: 4 * time.Second})
	s1, s2, s3 := e.as(t, "sales1"), e.as(t, "sales2"), e.as(t, "salesreviewer")
	res := e.slotResource(t, 1)
	line := span{res, "2027-06-01", "2027-06-10"}
	p1 := e.draftWithLines(s1, s1.newCustomer("候补甲 "+randomSuffix()), line)
	s1.do("POST", "/api/v1/proposals/"+p1+"/submit", nil, nil).status(http.StatusOK)
	p2 := e.draftWithLines(s2, s2.newCustomer("候补乙 "+randomSuffix()), line)
	queue := s2.do("POST", "/api/v1/proposals/"+p2+"/submit", nil, nil).status(http.StatusConflict).str("waitlist")
	join := map[string]any{"from": line.from, "to": line.to}
	s2.do("POST", queue, join, nil).status(http.StatusCreated)
	s2.do("POST", queue, join, nil).status(http.StatusConflict)
	s2.do("POST", queue, map[string]any{"from": line.to, "to": line.from}, nil).status(http.StatusUnprocessableEntity)
	p3 := e.draftWithLines(s3, s3.newCustomer("候补丙 "+randomSuffix()), line)
	s3.do("POST", queue, join, nil).status(http.StatusCreated)

	held := claimsOf(s1, p1)[0]["id"].(string)
	s1.do("POST", "/api/v1/claims/"+held+"/release", map[string]any{}, nil).status(http.StatusOK)
	offeredTo := func() string {
		return e.claimOf(t, "holder_id", "resource_id = $1 AND state = 'offered'", res)
	}
	waitUntil(t, 3*time.Second, "the first in the queue is offered the slot", func() bool { return offeredTo() == e.users["sales2"].ID })
	var notes int
	if err := e.Store.DB().QueryRow(`SELECT count(*) FROM notifications WHERE user_id = $1 AND kind = 'waitlist_offer'`,
		e.users["sales2"].ID).Scan(&notes); err != nil || notes != 1 {
		t.Fatalf("the offer is notified once: %d (%v)", notes, err)
	}
	s3.do("POST", "/api/v1/proposals/"+p3+"/submit", nil, nil).status(http.StatusConflict) // kept for sales2

	waitUntil(t, 30*time.Second, "the lapsed offer passes to the next", func() bool { return offeredTo() == e.users["salesreviewer"].ID })
	s3.do("POST", "/api/v1/proposals/"+p3+"/submit", nil, nil).status(http.StatusOK)
	entry := s3.do("GET", "/api/v1/resources/"+res+"/waitlist", nil, nil).status(http.StatusOK)
	if got := items(entry); len(got) != 0 {
		t.Fatalf("the queue is empty: sales2 passed, salesreviewer took it: %v", got)
	}
	var states []string
	if err := e.Store.DB().Select(&states, `SELECT state FROM resource_waitlist WHERE resource_id = $1 ORDER BY joined_at, id`, res); err != nil {
		t.Fatal(err)
	}
	if len(states) != 2 || states[0] != "passed" || states[1] != "taken" {
		t.Fatalf("waiting list %v, want passed then taken", states)
	}
	if got := e.liveClaims(t, res); got["held"] != 1 || len(got) != 1 {
		t.Fatalf("one hold, the offer converted: %v", got)
	}
}

// TestBookingRevisedContractLetsDroppedLineGo: the contract drops one of
// its proposal's two held lines; its last approval takes the other over
// and lets the dropped one go, which is offered at once to the salesperson
// waiting for it; the signatures book only the contract's line.
func TestBookingRevisedContractLetsDroppedLineGo(t *testing.T) {
	e := newTestEnv(t)
	s1, s2, approver := e.as(t, "sales1"), e.as(t, "sales2"), e.as(t, "approver")
	kept, dropped := span{e.slotResource(t, 1), "2027-07-01", "2027-07-31"}, span{e.slotResource(t, 1), "2027-07-01", "2027-07-31"}
	k := e.acceptWithLines(s1, kept, dropped)
	p2 := e.draftWithLines(s2, s2.newCustomer("等位客户 "+randomSuffix()), dropped)
	queue := s2.do("POST", "/api/v1/proposals/"+p2+"/submit", nil, nil).status(http.StatusConflict).str("waitlist")
	s2.do("POST", queue, map[string]any{"from": dropped.from, "to": dropped.to}, nil).status(http.StatusCreated)

	e.submitContract(s1, k, kept)
	approveAll(t, k, approver)
	waitUntil(t, 10*time.Second, "the dropped line is offered to the queue", func() bool {
		return e.claimOf(t, "holder_id", "resource_id = $1 AND state = 'offered'", dropped.resource) == e.users["sales2"].ID
	})
	if e.claimOf(t, "release_reason", "resource_id = $1 AND state = 'released'", dropped.resource) != "contract_revised" {
		t.Fatal("the dropped line's hold is released by the last approval")
	}
	approver.sign(k, "company", "", "").status(http.StatusOK)
	wantContract(t, s1.sign(k, "customer", "孙总", "").status(http.StatusOK), "signed")
	if got := e.liveClaims(t, kept.resource); got["booked"] != 1 {
		t.Fatalf("the contract's line is booked: %v", got)
	}
	s2.do("POST", "/api/v1/proposals/"+p2+"/submit", nil, nil).status(http.StatusOK) // takes the offer
}

// TestBookingSignatureRefusedWhenSlotLost: a manager released the approved
// contract's claim and someone else held the slot meanwhile; the signature
// that would make the contract valid is refused with the 409 and not
// recorded, the first signature stays, the contract stays approved.
func TestBookingSignatureRefusedWhenSlotLost(t *testing.T) {
	e := newTestEnv(t)
	s1, s2, approver, mgr := e.as(t, "sales1"), e.as(t, "sales2"), e.as(t, "approver"), e.as(t, "manager")
	line := span{e.slotResource(t, 1), "2027-11-01", "2027-11-30"}
	k := e.acceptWithLines(s1, line)
	e.submitContract(s1, k, line)
	approveAll(t, k, approver)
	claim := e.claimOf(t, "id", "contract_id = $1 AND state = 'held'", k)
	if claim == "" {
		t.Fatal("the last approval took the contract's line over")
	}
	mgr.do("POST", "/api/v1/claims/"+claim+"/release", map[string]any{"reason": "误操作测试"}, nil).status(http.StatusOK)
	p2 := e.draftWithLines(s2, s2.newCustomer("抢单客户 "+randomSuffix()), line)
	s2.do("POST", "/api/v1/proposals/"+p2+"/submit", nil, nil).status(http.StatusOK)

	approver.sign(k, "company", "", "").status(http.StatusOK)
	r := s1.sign(k, "customer", "吴总", "").status(http.StatusConflict)
	if r.str("type") != "/problems/resource-taken" || r.str("state") != "held" {
		t.Fatalf("the completing signature is refused: the slot is held by another: %s", r.raw)
	}
	got := s1.do("GET", "/api/v1/contracts/"+k, nil, nil).status(http.StatusOK)
	wantContract(t, got, "approved")
	var sigs int
	if err := e.Store.DB().QueryRow(`SELECT count(*) FROM signatures WHERE contract_id = $1`, k).Scan(&sigs); err != nil || sigs != 1 {
		t.Fatalf("only the company's signature is recorded: %d (%v)", sigs, err)
	}
}
