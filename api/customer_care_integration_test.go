package api

import (
	"net/http"
	"testing"
	"time"
)

// classHistory returns the class_history of a customer as c sees it.
func (c *apiClient) classHistory(customerID string) []map[string]any {
	c.t.Helper()
	res := c.do("GET", "/api/v1/customers/"+customerID, nil, nil).status(http.StatusOK)
	var out []map[string]any
	for _, ev := range res.body["class_history"].([]any) {
		out = append(out, ev.(map[string]any))
	}
	return out
}

// TestClassHistoryThroughHTTP: every class change is kept with who, when
// (the server's time) and why; setting the same class again is no change,
// and the history cannot be rewritten (R4.1).
func TestClassHistoryThroughHTTP(t *testing.T) {
	e := newTestEnv(t)
	sales := e.as(t, "sales1")
	id := sales.newCustomer("类别历史客户" + randomSuffix())
	path := "/api/v1/customers/" + id
	if h := sales.classHistory(id); len(h) != 0 {
		t.Fatalf("a new customer has no class changes: %v", h)
	}
	bad := sales.do("PATCH", path, map[string]any{"class_reason": "无类别"}, nil).status(http.StatusUnprocessableEntity)
	if !hasFieldError(bad, "class_reason") {
		t.Fatalf("a reason without a class: %s", bad.raw)
	}
	before := time.Now().Add(-time.Second)
	sales.do("PATCH", path, map[string]any{"class": "key", "class_reason": "已确认年度预算"}, nil).status(http.StatusOK)
	sales.do("PATCH", path, map[string]any{"class": "key"}, nil).status(http.StatusOK)
	patched := e.as(t, "manager").do("PATCH", path, map[string]any{"class": "progressing"}, nil).status(http.StatusOK)
	after := time.Now().Add(time.Second)

	if patched.str("class") != "progressing" {
		t.Fatalf("class: %s", patched.raw)
	}
	h := sales.classHistory(id)
	if len(h) != 2 {
		t.Fatalf("two changes, the repeat is none: %v", h)
	}
	want := []struct{ from, to, reason, actor string }{
		{"tracking", "key", "已确认年度预算", e.users["sales1"].ID},
		{"key", "progressing", "", e.users["manager"].ID},
	}
	for i, w := range want {
		ev := h[i]
		at, err := time.Parse(time.RFC3339Nano, ev["created_at"].(string))
		if ev["from_class"] != w.from || ev["to_class"] != w.to || ev["reason"] != w.reason ||
			ev["actor_id"] != w.actor || ev["source"] != "manual" || err != nil || at.Before(before) || at.After(after) {
			t.Errorf("change %d: got %v, want %+v", i, ev, w)
		}
	}
	if _, err := e.Store.DB().Exec(`UPDATE customer_class_events SET reason = 'x' WHERE customer_id = $1`, id); err == nil {
		t.Fatal("the class history is append-only")
	}
}

// TestHardCustomerThroughHTTP: the owner escalates a difficult customer
// with a reason; only the owner's manager answers, with the joint approach
// plan, which the customer file keeps (R3.4).
func TestHardCustomerThroughHTTP(t *testing.T) {
	e := newTestEnv(t)
	sales, mgr := e.as(t, "sales1"), e.as(t, "manager")
	id := sales.newCustomer("难点客户" + randomSuffix())
	path := "/api/v1/customers/" + id + "/difficulty"
	reason := map[string]any{"reason": "集团采购，多部门决策，预算大"}

	if r := mgr.post(path, reason, "").status(http.StatusForbidden); r.str("type") != "/problems/not-owner" {
		t.Fatalf("the manager sees it but does not own it: %s", r.raw)
	}
	e.as(t, "sales3").post(path, reason, "").status(http.StatusNotFound)
	if r := sales.post(path, map[string]any{"reason": " "}, "").status(http.StatusUnprocessableEntity); !hasFieldError(r, "reason") {
		t.Fatalf("a reason is required: %s", r.raw)
	}
	key := "hard-" + randomSuffix()
	flagged := sales.post(path, reason, key).status(http.StatusCreated)
	if flagged.body["difficult"] != true || flagged.str("difficulty_reason") != reason["reason"] ||
		flagged.str("difficulty_by") != e.users["sales1"].ID || flagged.str("hard_plan") != "" {
		t.Fatalf("flagged: %s", flagged.raw)
	}
	sales.post(path, reason, key).status(http.StatusCreated) // a retried click
	if r := sales.post(path, reason, "").status(http.StatusConflict); r.str("type") != "/problems/hard-customer-open" {
		t.Fatalf("one open escalation at a time: %s", r.raw)
	}
	var open int
	_ = e.Store.DB().Get(&open, `SELECT count(*) FROM tasks WHERE subject_id = $1 AND kind = 'hard_customer'`, id)
	taskID := mgr.openTaskFor(id)
	if open != 1 || taskID == "" {
		t.Fatalf("one hard_customer task in the manager's inbox: %d %q", open, taskID)
	}

	decide := "/api/v1/tasks/" + taskID + "/decision"
	plan := map[string]any{"decision": "approve", "comment": "经理陪同拜访采购总监，先报框架价"}
	sales.post(decide, plan, "").status(http.StatusForbidden)
	e.as(t, "manager2").post(decide, plan, "").status(http.StatusNotFound)
	if r := mgr.post(decide, map[string]any{"decision": "approve"}, "").status(http.StatusUnprocessableEntity); !hasFieldError(r, "comment") {
		t.Fatalf("approving needs the plan: %s", r.raw)
	}
	planned := mgr.post(decide, plan, "").status(http.StatusOK)
	if planned.str("hard_plan") != plan["comment"] || planned.str("hard_plan_by") != e.users["manager"].ID ||
		planned.str("hard_plan_at") == "" || planned.body["difficult"] != true {
		t.Fatalf("the plan is kept on the customer: %s", planned.raw)
	}
	if got := sales.do("GET", "/api/v1/customers/"+id, nil, nil).status(http.StatusOK); got.str("hard_plan") != plan["comment"] {
		t.Fatalf("the owner reads the plan: %s", got.raw)
	}
	mgr.post(decide, plan, "").status(http.StatusConflict)

	// A later escalation the manager turns down clears the flag and keeps
	// the plan they made before.
	sales.post(path, map[string]any{"reason": "又出现新问题"}, "").status(http.StatusCreated)
	second := mgr.openTaskFor(id)
	if second == "" || second == taskID {
		t.Fatalf("a new escalation once the first is answered: %q", second)
	}
	declined := mgr.post("/api/v1/tasks/"+second+"/decision", map[string]any{"decision": "reject",
		"comment": "按正常客户跟进"}, "").status(http.StatusOK)
	if declined.body["difficult"] != false || declined.str("hard_plan") != plan["comment"] {
		t.Fatalf("declined: %s", declined.raw)
	}
}

// TestGuidanceNotes: a manager notes guidance for their own salespeople at
// the server's time; the salesperson reads their own, the manager their
// team's, nobody else's; notes cannot be changed (R4.3).
func TestGuidanceNotes(t *testing.T) {
	e := newTestEnv(t)
	mgr, sales := e.as(t, "manager"), e.as(t, "sales1")
	sales1 := e.users["sales1"].ID
	text := "跟进重点客户反馈 " + randomSuffix()
	note := map[string]any{"salesperson_id": sales1, "note": text}

	sales.post("/api/v1/guidance", note, "").status(http.StatusForbidden)
	if r := mgr.post("/api/v1/guidance", map[string]any{"salesperson_id": e.users["sales3"].ID, "note": text}, "").
		status(http.StatusUnprocessableEntity); r.str("type") != "/problems/not-team-member" {
		t.Fatalf("only the manager's own team: %s", r.raw)
	}
	if r := mgr.post("/api/v1/guidance", map[string]any{"salesperson_id": sales1}, "").status(http.StatusUnprocessableEntity); !hasFieldError(r, "note") {
		t.Fatalf("a note is required: %s", r.raw)
	}
	key := "note-" + randomSuffix()
	before := time.Now().Add(-time.Second)
	made := mgr.post("/api/v1/guidance", note, key).status(http.StatusCreated)
	again := mgr.post("/api/v1/guidance", note, key).status(http.StatusCreated)
	at, err := time.Parse(time.RFC3339Nano, made.str("created_at"))
	if made.str("id") != again.str("id") || made.str("manager_id") != e.users["manager"].ID || err != nil ||
		at.Before(before) || at.After(time.Now().Add(time.Second)) {
		t.Fatalf("one note at the server's time: %s %s", made.raw, again.raw)
	}

	count := func(c *apiClient, query string, want int) {
		t.Helper()
		res := c.do("GET", "/api/v1/guidance"+query, nil, nil).status(http.StatusOK)
		n := 0
		for _, it := range res.body["items"].([]any) {
			if it.(map[string]any)["note"] == text {
				n++
			}
		}
		if n != want {
			t.Errorf("GET /guidance%s: %d of the note, want %d: %s", query, n, want, res.raw)
		}
	}
	count(sales, "", 1)
	count(sales, "?salesperson_id="+sales1, 1)
	count(mgr, "?salesperson_id="+sales1, 1)
	count(mgr, "", 1)
	count(e.as(t, "sales2"), "", 0)
	sales.do("GET", "/api/v1/guidance?salesperson_id="+e.users["sales2"].ID, nil, nil).status(http.StatusNotFound)
	e.as(t, "manager2").do("GET", "/api/v1/guidance?salesperson_id="+sales1, nil, nil).status(http.StatusNotFound)
	e.as(t, "frontdesk").do("GET", "/api/v1/guidance", nil, nil).status(http.StatusForbidden)
	if _, err := e.Store.DB().Exec(`DELETE FROM guidance_notes WHERE id = $1`, made.str("id")); err == nil {
		t.Fatal("guidance notes are append-only")
	}
}
