package api

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestPagesNotifications: a proposal sent for review is a notification for
// the reviewers (not its author) in their language; opening it marks it read
// and leads to the proposal; nobody opens another person's notification.
func TestPagesNotifications(t *testing.T) {
	e := newTestEnv(t)
	sales := e.as(t, "sales1")
	id := e.newProposal(sales, "通知测试方案")
	sales.post("/api/v1/proposals/"+id+"/submit", nil, "").status(http.StatusOK)

	var noteID string
	list := e.as(t, "reviewer").do("GET", "/api/v1/notifications?unread=true&limit=200", nil, nil).status(http.StatusOK)
	for _, it := range list.body["items"].([]any) {
		if n := it.(map[string]any); n["subject_id"] == id && n["kind"] == "task" {
			noteID = n["id"].(string)
		}
	}
	if noteID == "" {
		t.Fatalf("no task notification for the reviewer: %s", list.raw)
	}
	if kinds := sales.notificationKinds(id); len(kinds) != 0 {
		t.Errorf("the author is notified of their own review: %v", kinds)
	}

	reviewer := e.pageBrowser(t)
	reviewer.signIn("reviewer")
	reviewer.page("/notifications", "新待办：方案评审", `name="id" value="`+noteID+`"`, `class="nav-count"`)
	other := e.pageBrowser(t)
	other.signIn("sales3")
	if code, _, _ := other.send("POST", "/notifications/open", url.Values{"id": {noteID}}, nil); code != http.StatusNotFound {
		t.Errorf("another person opens the notification: %d, want 404", code)
	}
	if code, loc, _ := reviewer.send("POST", "/notifications/open", url.Values{"id": {noteID}}, nil); code != http.StatusSeeOther || loc != "/proposals/"+id {
		t.Fatalf("open: %d %q, want the proposal", code, loc)
	}
	if code, _, _ := reviewer.send("POST", "/notifications/read-all", nil, nil); code != http.StatusSeeOther {
		t.Fatalf("mark all read: %d", code)
	}
	if html := reviewer.page("/notifications", "新待办：方案评审"); strings.Contains(html, `class="nav-count"`) {
		t.Error("the unread badge stays after everything is read")
	}
	// The API reads a notification whose id holds slashes, sent escaped.
	read := e.as(t, "reviewer").do("POST", "/api/v1/notifications/"+url.PathEscape(noteID)+"/read", nil, nil).status(http.StatusOK)
	if read.str("id") != noteID || read.body["read_at"] == nil {
		t.Errorf("read through the API: %s", read.raw)
	}
	reviewer.send("GET", "/lang/en", nil, nil)
	reviewer.page("/notifications", "New task: Proposal review")
}

// TestPagesDigest: the manager's daily digest lists their team with a link
// to guide each one (R4.3); a salesperson may not open it.
func TestPagesDigest(t *testing.T) {
	e := newTestEnv(t)
	boss := e.pageBrowser(t)
	boss.signIn("manager")
	html := boss.page("/digest", "每日摘要", "上一个工作日", "测试 sales1", `/guidance?salesperson_id=`+e.users["sales1"].ID)
	if strings.Contains(html, "测试 sales3") {
		t.Error("another team's salesperson is in the manager's digest")
	}
	sales := e.pageBrowser(t)
	sales.signIn("sales1")
	if code, _, _ := sales.send("GET", "/digest", nil, nil); code != http.StatusForbidden {
		t.Errorf("a salesperson opens the digest: %d, want 403", code)
	}
}

// TestPagesContactOverdue: the manager answers a missed one-week deadline
// (R2.5) from the inbox card: a bad number of days is shown on the card,
// then the customer is reassigned to a salesperson of the team.
func TestPagesContactOverdue(t *testing.T) {
	e := newTestEnv(t)
	f := *e
	f.URL = e.shortWeek(t)
	id := f.asOn(t, f.URL, "sales1").newCustomer("页面逾期客户" + randomSuffix())
	task := overdueTask(f.asOn(t, f.URL, "manager"), id)

	boss := f.pageBrowser(t)
	boss.signIn("manager")
	boss.page("/inbox", `name="days"`, `name="owner_id"`, `value="`+e.users["sales2"].ID+`"`, "延长联系期限", "改派")
	htmx := map[string]string{"HX-Request": "true"}
	form := url.Values{"idempotency_key": {"co-" + randomSuffix()}, "decision": {"extend"}, "days": {"0"}, "return": {"/inbox"}}
	if code, _, html := boss.send("POST", "/tasks/"+task+"/decision", form, htmx); code != http.StatusUnprocessableEntity ||
		!strings.Contains(html, `name="days"`) || !strings.Contains(html, `aria-invalid="true"`) {
		t.Fatalf("extend by 0 days: %d, want 422 on the card\n%s", code, html)
	}
	form = url.Values{"idempotency_key": {"co-" + randomSuffix()}, "decision": {"reassign"},
		"owner_id": {e.users["sales2"].ID}, "return": {"/inbox"}}
	if code, _, html := boss.send("POST", "/tasks/"+task+"/decision", form, htmx); code != http.StatusOK || !strings.Contains(html, "已改派") {
		t.Fatalf("reassign: %d\n%s", code, html)
	}
	var owner string
	_ = e.Store.DB().Get(&owner, `SELECT owner_id FROM customers WHERE id = $1`, id)
	if owner != e.users["sales2"].ID {
		t.Errorf("owner after the reassignment: %s, want sales2", owner)
	}
	e.terminateContact(t, id, 2)
}
