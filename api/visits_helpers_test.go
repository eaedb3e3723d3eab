package api

import (
	"net/http"
	"testing"
	"time"
)

// planVisit plans a visit of c to customer, due back in back, and returns
// the answer.
func (c *apiClient) planVisit(customer string, back time.Duration, progress string) response {
	c.t.Helper()
	now := time.Now()
	body := map[string]any{"customer_id": customer, "goals": "介绍春季广告位", "planned_start": now.Add(-time.Minute).Format(time.RFC3339),
		"planned_return": now.Add(back).Format(time.RFC3339)}
	if progress != "" {
		body["progress_report"] = progress
	}
	return c.post("/api/v1/visits", body, "")
}

// taskOfKind returns the id of c's open task of kind on subject, or "".
func (c *apiClient) taskOfKind(subject, kind string) string {
	c.t.Helper()
	res := c.do("GET", "/api/v1/tasks?status=open", nil, nil).status(http.StatusOK)
	for _, it := range res.body["items"].([]any) {
		task := it.(map[string]any)
		if task["subject_id"] == subject && task["kind"] == kind {
			return task["id"].(string)
		}
	}
	return ""
}

// approvedVisit plans a visit for a new customer of c and has the manager
// approve it.
func (e *testEnv) approvedVisit(c *apiClient, back time.Duration) string {
	c.t.Helper()
	id := c.planVisit(c.newCustomer("拜访客户 "+randomSuffix()), back, "").status(http.StatusCreated).str("id")
	boss := e.as(c.t, "manager")
	wantVisit(c.t, boss.decide(boss.taskOfKind(id, "visit_plan"), "approve", "", "").status(http.StatusOK), "approved")
	return id
}

// notificationKinds lists the kinds of c's notifications about subject.
func (c *apiClient) notificationKinds(subject string) []string {
	c.t.Helper()
	res := c.do("GET", "/api/v1/notifications?limit=200", nil, nil).status(http.StatusOK)
	out := []string{}
	for _, it := range res.body["items"].([]any) {
		n := it.(map[string]any)
		if n["subject_id"] == subject {
			out = append(out, n["kind"].(string))
		}
	}
	return out
}

// awaitVisitTask waits (bounded) until a task of kind on the visit opens,
// as a timer of the workflow opens it, and returns its id.
func (e *testEnv) awaitVisitTask(t *testing.T, visitID, kind string) string {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		var id string
		err := e.Store.DB().Get(&id, `SELECT id FROM tasks WHERE subject_type = 'visit' AND subject_id = $1
			AND kind = $2 AND status = 'open'`, visitID, kind)
		if err == nil {
			return id
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("no %s task opened for visit %s", kind, visitID)
	return ""
}

func wantVisit(t testing.TB, r response, status string) {
	t.Helper()
	if got := r.str("status"); got != status {
		t.Fatalf("visit status %q, want %q: %s", got, status, r.raw)
	}
}

func report() map[string]any {
	return map[string]any{"notes": "客户计划春季投放商场灯箱", "met_name": "周总", "met_title": "市场总监",
		"is_decision_maker": true, "needs": "三个月的灯箱"}
}

func contains(list []string, want string) bool {
	for _, v := range list {
		if v == want {
			return true
		}
	}
	return false
}
