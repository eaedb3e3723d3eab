package api

import (
	"net/http"
	"net/url"
	"testing"
)

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
