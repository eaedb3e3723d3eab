package api

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"testing"
	"time"

	"salesflow/service"
	"salesflow/workflows"
)

// shortWeek serves the API with R2.5's week shortened to seconds, on the
// shared database, Temporal and worker, so the deadline branches run for
// real within a test.
func (e *testEnv) shortWeek(t *testing.T) string {
	t.Helper()
	return e.shortWeekRechecking(t, time.Second)
}

// shortWeekRechecking is shortWeek with an open overdue task re-reading
// the customer every recheck.
func (e *testEnv) shortWeekRechecking(t *testing.T, recheck time.Duration) string {
	t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv := httptest.NewServer(testHandler(e.Store, e.Temporal, log, service.Config{TaskQueue: e.TaskQueue,
		ContactDeadline: 3 * time.Second, ContactReminderBefore: 2 * time.Second, ContactRecheckEvery: recheck}, Config{}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// asOn signs in as username on the server at base.
func (e *testEnv) asOn(t *testing.T, base, username string) *apiClient {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &apiClient{t: t, base: base, http: &http.Client{Jar: jar}}
	res := c.do("POST", "/api/v1/session", map[string]string{"username": username, "password": testPassword}, nil)
	c.token = res.status(http.StatusOK).body["token"].(string)
	return c
}

// overdueTask waits until c's inbox offers the contact_overdue task of
// customerID and returns its id. The wait is a bound on a test that would
// otherwise hang, not an assertion about timing.
func overdueTask(c *apiClient, customerID string) string {
	c.t.Helper()
	for stop := time.Now().Add(60 * time.Second); time.Now().Before(stop); time.Sleep(200 * time.Millisecond) {
		for _, task := range c.openTasks() {
			if task["subject_id"] == customerID && task["kind"] == workflows.TaskKindContactOverdue {
				if task["subject_title"] == "" {
					c.t.Fatalf("the task names the customer: %v", task)
				}
				return task["id"].(string)
			}
		}
	}
	c.t.Fatalf("no contact_overdue task for %s", customerID)
	return ""
}

// contactResult waits for the ownership's workflow to finish and returns
// its final state.
func (e *testEnv) contactResult(t *testing.T, customerID string, generation int) workflows.ContactState {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	var st workflows.ContactState
	run := e.Temporal.GetWorkflow(ctx, workflows.ContactDeadlineWorkflowID(customerID, generation), "")
	if err := run.Get(ctx, &st); err != nil {
		t.Fatalf("contact workflow %s/%d: %v", customerID, generation, err)
	}
	return st
}

// TestContactOverdueReassign: no contact within the week → the owner was
// reminded, the manager gets a task, reassigns, and the new owner's own
// week ends with their first call (R2.5).
func TestContactOverdueReassign(t *testing.T) {
	e := newTestEnv(t)
	base := e.shortWeek(t)
	sales1, mgr := e.asOn(t, base, "sales1"), e.asOn(t, base, "manager")
	id := sales1.newCustomer("逾期客户" + randomSuffix())
	task := overdueTask(mgr, id)
	var reminders int
	if err := e.Store.DB().Get(&reminders, `SELECT count(*) FROM notifications WHERE user_id = $1
		AND kind = 'contact_reminder' AND subject_id = $2`, e.users["sales1"].ID, id); err != nil || reminders != 1 {
		t.Fatalf("the owner is reminded once before the deadline: %d %v", reminders, err)
	}
	notes := sales1.do("GET", "/api/v1/notifications", nil, nil).status(http.StatusOK)
	if !hasItem(notes, map[string]any{"kind": "contact_reminder", "subject_id": id}) {
		t.Fatalf("the reminder is in the owner's notifications: %s", notes.raw)
	}
	path := "/api/v1/tasks/" + task + "/decision"
	sales2ID := e.users["sales2"].ID
	sales1.do("POST", path, map[string]any{"decision": "extend", "days": 3}, nil).status(http.StatusForbidden)
	e.asOn(t, base, "manager2").do("POST", path, map[string]any{"decision": "extend", "days": 3}, nil).status(http.StatusNotFound)
	for _, bad := range []map[string]any{{"decision": "approve"}, {"decision": "extend", "days": 0},
		{"decision": "reassign"}, {"decision": "reassign", "owner_id": e.users["sales3"].ID}} {
		mgr.do("POST", path, bad, nil).status(http.StatusUnprocessableEntity)
	}
	res := mgr.do("POST", path, map[string]any{"decision": "reassign", "owner_id": sales2ID, "comment": "一周未联系"},
		map[string]string{"Idempotency-Key": "reassign-" + id}).status(http.StatusOK)
	if res.str("owner_id") != sales2ID {
		t.Fatalf("reassigned: %s", res.raw)
	}
	mgr.do("POST", path, map[string]any{"decision": "extend", "days": 1}, nil).status(http.StatusConflict)
	if st := e.contactResult(t, id, 1); st.Status != workflows.ContactReassigned || st.NewOwnerID != sales2ID {
		t.Fatalf("first ownership: %+v", st)
	}
	sales2 := e.asOn(t, base, "sales2")
	sales2.do("POST", "/api/v1/customers/"+id+"/interactions", map[string]any{"kind": "visit", "summary": "上门拜访"}, nil).
		status(http.StatusCreated)
	if st := e.contactResult(t, id, 2); st.Status != workflows.ContactContacted || st.OwnerID != sales2ID {
		t.Fatalf("the new owner's week ends with their contact: %+v", st)
	}
}

// TestContactOverdueExtend: the manager extends the deadline; the owner's
// contact then ends the ownership's workflow (R2.5).
func TestContactOverdueExtend(t *testing.T) {
	e := newTestEnv(t)
	base := e.shortWeek(t)
	sales1, mgr := e.asOn(t, base, "sales1"), e.asOn(t, base, "manager")
	id := sales1.newCustomer("延期客户" + randomSuffix())
	before := sales1.do("GET", "/api/v1/customers/"+id, nil, nil).status(http.StatusOK).str("contact_due_at")
	task := overdueTask(mgr, id)
	res := mgr.do("POST", "/api/v1/tasks/"+task+"/decision", map[string]any{"decision": "extend", "days": 2}, nil).
		status(http.StatusOK)
	due, _ := time.Parse(time.RFC3339Nano, res.str("contact_due_at"))
	old, _ := time.Parse(time.RFC3339Nano, before)
	if !due.After(old.Add(24*time.Hour)) || res.str("owner_id") != e.users["sales1"].ID {
		t.Fatalf("extended by two days from %s: %s", before, res.raw)
	}
	var decision string
	_ = e.Store.DB().Get(&decision, `SELECT decision FROM tasks WHERE id = $1`, task)
	if decision != "extend" {
		t.Fatalf("task decision %q", decision)
	}
	sales1.do("POST", "/api/v1/customers/"+id+"/interactions", map[string]any{"kind": "email", "summary": "发送公司介绍"}, nil).
		status(http.StatusCreated)
	if st := e.contactResult(t, id, 1); st.Status != workflows.ContactContacted || st.Round != 1 {
		t.Fatalf("contact after an extension: %+v", st)
	}
}

// hasItem reports whether r's items hold one with all of want's fields.
func hasItem(r response, want map[string]any) bool {
	items, _ := r.body["items"].([]any)
	for _, it := range items {
		m := it.(map[string]any)
		match := true
		for k, v := range want {
			match = match && m[k] == v
		}
		if match {
			return true
		}
	}
	return false
}
