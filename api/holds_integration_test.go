package api

import (
	"net/http"
	"sync"
	"testing"
	"time"

	"salesflow/workflows"
)

// TestHoldConcurrentSubmitsYieldOneHold: a hundred salespeople's proposals
// for the same resource and dates are submitted at once; PostgreSQL's
// exclusion constraint lets exactly one hold through, every other submit
// is a 409 naming the line and until when the slot is taken, holds
// nothing and stays a draft. Who holds it is shown to managers only.
func TestHoldConcurrentSubmitsYieldOneHold(t *testing.T) {
	// A hundred steps at once on a shared machine: give each request time,
	// and retry one still running with its key, as a client would.
	e := newTestEnv(t).withConfig(t, func(c *Config) { c.RequestTimeout = time.Minute })
	res := e.slotResource(t, 1)
	line := span{res, "2026-12-20", "2026-12-31"}
	people := []*apiClient{e.as(t, "sales1"), e.as(t, "sales2")}
	custs := []string{people[0].newCustomer("抢位客户甲 " + randomSuffix()), people[1].newCustomer("抢位客户乙 " + randomSuffix())}
	const n = 100
	ids := make([]string, n)
	var wg sync.WaitGroup
	sem := make(chan struct{}, 10)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			ids[i] = e.draftWithLines(people[i%2], custs[i%2], line)
		}()
	}
	wg.Wait()

	codes := make([]response, n)
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			key := map[string]string{"Idempotency-Key": "submit-" + ids[i]}
			for try := 0; try < 5; try++ {
				if codes[i] = people[i%2].do("POST", "/api/v1/proposals/"+ids[i]+"/submit", nil, key); codes[i].code != http.StatusServiceUnavailable {
					break
				}
			}
		}()
	}
	close(start)
	wg.Wait()

	won := -1
	for i, r := range codes {
		switch r.code {
		case http.StatusOK:
			if won >= 0 {
				t.Fatalf("two holds of one slot: proposals %s and %s", ids[won], ids[i])
			}
			won = i
		case http.StatusConflict:
			if r.str("type") != "/problems/resource-taken" || r.body["line"] != float64(1) ||
				r.str("taken_until") == "" || r.str("waitlist") != "/api/v1/resources/"+res+"/waitlist" {
				t.Fatalf("a refused hold names the line, until when and the waiting list: %s", r.raw)
			}
			if _, leaked := r.body["held_by"]; leaked {
				t.Fatalf("a salesperson is not told who holds the slot: %s", r.raw)
			}
		default:
			t.Fatalf("submit %d: status %d: %s", i, r.code, r.raw)
		}
	}
	if won < 0 {
		t.Fatal("no submit held the slot")
	}
	if got := e.liveClaims(t, res); got["held"] != 1 || len(got) != 1 {
		t.Fatalf("live claims %v, want exactly one hold", got)
	}
	loser := (won + 1) % n
	if st := people[loser%2].do("GET", "/api/v1/proposals/"+ids[loser], nil, nil).str("status"); st != "draft" {
		t.Fatalf("a refused submit leaves the proposal a draft, got %s", st)
	}
	held := claimsOf(people[won%2], ids[won])
	if len(held) != 1 || held[0]["state"] != "held" || held[0]["expires_at"] == nil {
		t.Fatalf("the winner's hold: %v", held)
	}

	// Visibility: the other salesperson sees held and until when; the
	// manager sees who and for which customer.
	other := people[(won+1)%2]
	seen := items(other.do("GET", "/api/v1/resources/"+res+"/claims?from=2026-12-01&to=2026-12-31", nil, nil).status(http.StatusOK))
	if len(seen) != 1 || seen[0]["state"] != "held" || seen[0]["expires_at"] == nil || seen[0]["holder_id"] != nil ||
		seen[0]["customer_name"] != nil {
		t.Fatalf("a salesperson sees only that it is held and until when: %v", seen)
	}
	mgr := items(e.as(t, "manager").do("GET", "/api/v1/resources/"+res+"/claims?from=2026-12-01&to=2026-12-31", nil, nil).status(http.StatusOK))
	if len(mgr) != 1 || mgr[0]["holder_id"] != e.users[[]string{"sales1", "sales2"}[won%2]].ID || mgr[0]["customer_name"] == nil {
		t.Fatalf("a manager sees who holds it: %v", mgr)
	}
	other.do("GET", "/api/v1/resources/"+res+"/claims?from=2026-12-31&to=2026-12-01", nil, nil).status(http.StatusUnprocessableEntity)
}

// TestHoldReleasedOnDeclineRevisionAndRecall: the customer's decline
// releases the holds; a resubmission keeps an unchanged line's hold in
// place; a revision that drops a line releases it; the holder gives up
// (recalls) a hold; a booking is released only by a manager with a reason.
func TestHoldReleasedOnDeclineRevisionAndRecall(t *testing.T) {
	e := newTestEnv(t)
	sales, rev := e.as(t, "sales1"), e.as(t, "reviewer")
	cust := sales.newCustomer("释放客户 " + randomSuffix())
	r1, r2 := e.slotResource(t, 1), e.slotResource(t, 2)

	// Decline.
	id := e.draftWithLines(sales, cust, span{r1, "2027-01-01", "2027-01-10"})
	sales.do("POST", "/api/v1/proposals/"+id+"/submit", nil, nil).status(http.StatusOK)
	rev.decide(rev.openTaskFor(id), "approve", "", "").status(http.StatusOK)
	sales.do("POST", "/api/v1/proposals/"+id+"/customer-response", map[string]any{"accepted": false, "note": "预算不够", "paper": true}, nil).
		status(http.StatusOK)
	if got := claimsOf(sales, id); len(got) != 1 || got[0]["state"] != "released" || got[0]["release_reason"] != "declined" {
		t.Fatalf("a decline releases the hold: %v", got)
	}

	// Resubmission keeps, revision drops.
	id = e.draftWithLines(sales, cust, span{r1, "2027-01-01", "2027-01-10"}, span{r2, "2027-01-01", "2027-01-10"})
	sales.do("POST", "/api/v1/proposals/"+id+"/submit", nil, nil).status(http.StatusOK)
	first := claimsOf(sales, id)
	rev.decide(rev.openTaskFor(id), "reject", "换个点位", "").status(http.StatusOK)
	sales.do("POST", "/api/v1/proposals/"+id+"/submit", nil, nil).status(http.StatusOK)
	again := claimsOf(sales, id)
	if len(first) != 2 || len(again) != 2 || again[0]["id"] != first[0]["id"] || again[0]["state"] != "held" ||
		again[0]["expires_at"] == first[0]["expires_at"] {
		t.Fatalf("a resubmission keeps the same holds, with a new expiry: %v then %v", first, again)
	}
	rev.decide(rev.openTaskFor(id), "reject", "去掉第二个点位", "").status(http.StatusOK)
	sales.do("PUT", "/api/v1/proposals/"+id, map[string]any{"title": "点位方案 v2", "body": "正文",
		"items": e.lineItems(span{r1, "2027-01-01", "2027-01-10"})}, nil).status(http.StatusOK)
	if got := e.liveClaims(t, r2); len(got) != 0 {
		t.Fatalf("a revision without the line releases its hold: %v", got)
	}
	if e.claimOf(t, "release_reason", "resource_id = $1", r2) != "revised" {
		t.Fatal("the revision's release is recorded with its reason")
	}
	if e.claimOf(t, "state", "id = $1", first[0]["id"]) != "held" {
		t.Fatal("the unchanged line keeps its hold through the revision")
	}
	sales.do("POST", "/api/v1/proposals/"+id+"/submit", nil, nil).status(http.StatusOK)
	if got := claimsOf(sales, id); got[0]["id"] != first[0]["id"] || got[0]["state"] != "held" || got[1]["state"] != "released" {
		t.Fatalf("the resubmitted revision keeps line 1's hold: %v", got)
	}

	// The holder gives up (recalls) a hold.
	id = e.draftWithLines(sales, cust, span{r2, "2027-02-01", "2027-02-10"})
	sales.do("POST", "/api/v1/proposals/"+id+"/submit", nil, nil).status(http.StatusOK)
	claim := claimsOf(sales, id)[0]["id"].(string)
	e.as(t, "sales2").do("POST", "/api/v1/claims/"+claim+"/release", map[string]any{}, nil).status(http.StatusNotFound)
	rel := sales.do("POST", "/api/v1/claims/"+claim+"/release", map[string]any{}, nil).status(http.StatusOK)
	if rel.str("state") != "released" || rel.str("release_reason") != "given_up" {
		t.Fatalf("the holder releases their own hold: %s", rel.raw)
	}
	sales.do("POST", "/api/v1/claims/"+claim+"/release", map[string]any{}, nil).status(http.StatusConflict)
	var audited int
	if err := e.Store.DB().QueryRow(`SELECT count(*) FROM audit_events WHERE subject_type = 'resource_claim' AND subject_id = $1`,
		claim).Scan(&audited); err != nil || audited != 2 {
		t.Fatalf("held and released are audited: %d events (%v)", audited, err)
	}
}

// TestHoldRenewalByManager: the owner asks for a renewal; the task waits
// in the manager's inbox, the owner cannot decide it, the manager's
// approval extends the hold by seven working days.
func TestHoldRenewalByManager(t *testing.T) {
	e := newTestEnv(t)
	sales, mgr := e.as(t, "sales1"), e.as(t, "manager")
	cust := sales.newCustomer("续期客户 " + randomSuffix())
	id := e.draftWithLines(sales, cust, span{e.slotResource(t, 1), "2027-03-01", "2027-03-05"})
	e.as(t, "sales2").do("POST", "/api/v1/proposals/"+id+"/holds/renewal", nil, nil).status(http.StatusNotFound)
	sales.do("POST", "/api/v1/proposals/"+id+"/holds/renewal", nil, nil).status(http.StatusConflict) // nothing held yet
	sales.do("POST", "/api/v1/proposals/"+id+"/submit", nil, nil).status(http.StatusOK)
	before := claimsOf(sales, id)[0]["expires_at"].(string)
	st := sales.post("/api/v1/proposals/"+id+"/holds/renewal", nil, "renew-1").status(http.StatusOK)
	task := st.str("renewal_task_id")
	sales.post("/api/v1/proposals/"+id+"/holds/renewal", nil, "renew-2").status(http.StatusConflict) // one at a time
	if task == "" || mgr.openTaskFor(id) == "" {
		t.Fatalf("the renewal waits in the manager's inbox: %s", st.raw)
	}
	if res := sales.decide(task, "approve", "", "").status(http.StatusForbidden); res.str("type") != "/problems/self-review" {
		t.Fatalf("no self-approval: %s", res.raw)
	}
	mgr.decide(task, "approve", "客户在走流程", "").status(http.StatusOK)
	after := claimsOf(sales, id)[0]
	b, _ := time.Parse(time.RFC3339Nano, before)
	a, _ := time.Parse(time.RFC3339Nano, after["expires_at"].(string))
	if after["renewals"] != float64(1) || a.Sub(b) < 7*24*time.Hour || a.Sub(b) > 15*24*time.Hour {
		t.Fatalf("renewed by seven working days: %s → %v", before, after)
	}
}

// TestHoldWarnsOnceAndLapsesOnItsTimer: with the hold period shortened,
// the real HoldWorkflow warns the owner once (a notification in the
// outbox), lapses the hold at its time and offers the slot to the one
// waiting for it.
func TestHoldWarnsOnceAndLapsesOnItsTimer(t *testing.T) {
	e := newTestEnv(t).withHoldTiming(t, workflows.HoldTiming{HoldFor: 3 * time.Second, WarnBefore: 2 * time.Second,
		OfferFor: time.Hour})
	s1, s2 := e.as(t, "sales1"), e.as(t, "sales2")
	res := e.slotResource(t, 1)
	line := span{res, "2027-09-01", "2027-09-03"}
	id := e.draftWithLines(s1, s1.newCustomer("到期客户 "+randomSuffix()), line)
	s1.do("POST", "/api/v1/proposals/"+id+"/submit", nil, nil).status(http.StatusOK)
	s2.do("POST", "/api/v1/resources/"+res+"/waitlist", map[string]any{"from": line.from, "to": line.to}, nil).
		status(http.StatusCreated)
	e.workflowDone(t, workflows.HoldWorkflowID(id, 1))
	if got := claimsOf(s1, id); got[0]["state"] != "released" || got[0]["release_reason"] != "lapsed" {
		t.Fatalf("the hold lapsed: %v", got)
	}
	var warnings int
	if err := e.Store.DB().QueryRow(`SELECT count(*) FROM notifications WHERE user_id = $1 AND kind = 'hold_expiring'
		AND subject_id = $2`, e.users["sales1"].ID, id).Scan(&warnings); err != nil || warnings != 1 {
		t.Fatalf("one warning before the lapse: %d (%v)", warnings, err)
	}
	waitUntil(t, 10*time.Second, "the lapsed slot is offered to the queue", func() bool {
		return e.claimOf(t, "holder_id", "resource_id = $1 AND state = 'offered'", res) == e.users["sales2"].ID
	})
}
