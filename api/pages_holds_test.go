package api

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"salesflow/store"
)

// TestProposalPageShowsHolds renders a proposal's holds in both languages,
// with the owner's renewal form, and without it for anyone else.
func TestProposalPageShowsHolds(t *testing.T) {
	view, err := newPageRenderer()
	if err != nil {
		t.Fatal(err)
	}
	until := time.Date(2026, 10, 15, 2, 0, 0, 0, time.UTC) // 10:00 in Shanghai
	owner := &store.User{ID: "u-2", Username: "sales1", Name: "王销", Roles: []string{"salesperson"}}
	p := store.Proposal{ID: "p-1", OwnerID: "u-2", Status: "in_review", Version: 1, Title: "国庆档灯箱"}
	holds := []store.ResourceClaim{
		{ID: "h-1", ResourceID: "R-001", StartsOn: "2026-10-01", EndsOn: "2026-10-07", State: store.ClaimHeld, ExpiresAt: &until},
		{ID: "h-2", ResourceID: "R-002", StartsOn: "2026-10-01", EndsOn: "2026-10-07", State: store.ClaimReleased}}
	if !canRenew(p, *owner, holds) || canRenew(p, store.User{ID: "u-9"}, holds) || canRenew(p, *owner, holds[1:]) {
		t.Fatal("only the owner renews, and only a live hold")
	}
	for lang, want := range map[Lang][]string{
		LangZH: {"订位", "R-001", "2026-10-01 – 2026-10-07", "已订位", "已释放", "2026-10-15 10:00", `action="/proposals/p-1/holds/renewal"`, "申请续期"},
		LangEN: {"Holds", "Held", "Released", "Ask for a renewal"},
	} {
		page := proposalPage{pageBase: pageBase{Lang: string(lang), User: owner}, P: p, Holds: holds, RenewKey: "k"}
		checkPage(t, view, lang, "proposal holds", "proposal", page, want)
	}
}

// TestHoldRenewalThroughPages: the owner sees the hold on the proposal's
// page and asks for a renewal with its form; the manager finds the task in
// the inbox page and approves it there; the hold is renewed.
func TestHoldRenewalThroughPages(t *testing.T) {
	e := newTestEnv(t)
	api := e.as(t, "sales1")
	id := e.draftWithLines(api, api.newCustomer("页面订位客户 "+randomSuffix()), span{e.slotResource(t, 1), "2027-12-01", "2027-12-05"})
	api.do("POST", "/api/v1/proposals/"+id+"/submit", nil, nil).status(http.StatusOK)

	sales := e.pageBrowser(t)
	sales.signIn("sales1")
	loc := "/proposals/" + id
	sales.page(loc, "订位", "已订位", "2027-12-01 – 2027-12-05", "申请续期")
	if code, _, _ := sales.send("POST", loc+"/holds/renewal", url.Values{"idempotency_key": {"r-" + randomSuffix()}}, nil); code != http.StatusSeeOther {
		t.Fatalf("renewal request: %d", code)
	}
	sales.page(loc, "申请订位续期")

	mgr := e.pageBrowser(t)
	mgr.signIn("manager")
	inbox := mgr.page("/inbox", "订位续期")
	taskID := pageValueAfter(inbox, `action="/tasks/`, `/decision"`, "订位续期")
	decide := url.Values{"idempotency_key": {"d-" + randomSuffix()}, "decision": {"approve"}, "return": {"/inbox"}}
	if code, _, html := mgr.send("POST", "/tasks/"+taskID+"/decision", decide, nil); code != http.StatusSeeOther {
		t.Fatalf("approve from the inbox page: %d\n%s", code, html)
	}
	if got := claimsOf(api, id); got[0]["renewals"] != float64(1) {
		t.Fatalf("renewed from the pages: %v", got)
	}
	sales.page(loc, "批准了订位续期")
}
