package api

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"testing"
	"time"

	"salesflow/service"
	"salesflow/store"
	"salesflow/store/storetest"
)

// newCustomer records a customer owned by c's user and returns its id.
func (c *apiClient) newCustomer(name string) string {
	c.t.Helper()
	res := c.do("POST", "/api/v1/customers", map[string]any{"name": name, "channel": "trade_show",
		"collected_on": time.Now().Format(time.DateOnly)}, nil)
	return res.status(http.StatusCreated).str("id")
}

func (e *testEnv) items(prices ...int64) []map[string]any {
	out := []map[string]any{}
	for i, p := range prices {
		out = append(out, map[string]any{"product_id": e.products[i%len(e.products)].ID, "quantity": 2, "unit_price_fen": p})
	}
	return out
}

// newProposal drafts a proposal for a new customer of c and returns its id.
func (e *testEnv) newProposal(c *apiClient, title string) string {
	c.t.Helper()
	cust := c.newCustomer(title + " 客户 " + randomSuffix())
	res := c.do("POST", "/api/v1/proposals", map[string]any{"customer_id": cust, "title": title,
		"body": "方案正文", "items": e.items(90_000)}, nil)
	res.status(http.StatusCreated)
	if res.str("status") != "draft" || res.body["version"].(float64) != 1 || res.str("workflow_id") == "" {
		c.t.Fatalf("new proposal: %s", res.raw)
	}
	return res.str("id")
}

func (c *apiClient) openTaskFor(proposalID string) string {
	c.t.Helper()
	for _, task := range c.openTasks() {
		if task["subject_id"] == proposalID {
			return task["id"].(string)
		}
	}
	return ""
}

// openTasks is every open task of c's inbox, page after page: the shared
// test database gathers more than one page as the tests go.
func (c *apiClient) openTasks() []map[string]any {
	c.t.Helper()
	var out []map[string]any
	cursor := ""
	for range 100 {
		res := c.do("GET", "/api/v1/tasks?status=open&limit=200&cursor="+url.QueryEscape(cursor), nil, nil).status(http.StatusOK)
		for _, it := range res.body["items"].([]any) {
			out = append(out, it.(map[string]any))
		}
		next, _ := res.body["next_cursor"].(string)
		if next == "" {
			break
		}
		cursor = next
	}
	return out
}

func (c *apiClient) decide(taskID, decision, comment, key string) response {
	c.t.Helper()
	h := map[string]string{}
	if key != "" {
		h["Idempotency-Key"] = key
	}
	return c.do("POST", "/api/v1/tasks/"+taskID+"/decision", map[string]string{"decision": decision, "comment": comment}, h)
}

func wantStatus(t *testing.T, r response, status string) {
	t.Helper()
	if got := r.str("status"); got != status {
		t.Fatalf("proposal status %q, want %q: %s", got, status, r.raw)
	}
}

// TestProposalLoopThroughHTTP walks every branch of F1 through the API:
// reject → revise → approve → customer declines → revise → approve → accept.
func TestProposalLoopThroughHTTP(t *testing.T) {
	e := newTestEnv(t)
	sales, mgr, rev := e.as(t, "sales1"), e.as(t, "manager"), e.as(t, "reviewer")
	id := e.newProposal(sales, "春季推广方案")
	path := "/api/v1/proposals/" + id

	wantStatus(t, sales.do("POST", path+"/submit", nil, nil).status(http.StatusOK), "in_review")
	task := mgr.openTaskFor(id)
	if task == "" || sales.openTaskFor(id) != "" {
		t.Fatalf("the review task must be in the manager's inbox (%q) and not the author's", task)
	}
	wantStatus(t, mgr.decide(task, "reject", "价格需要调整", "").status(http.StatusOK), "revising")

	revised := sales.do("PUT", path, map[string]any{"title": "春季推广方案（修订）", "body": "新正文",
		"items": e.items(80_000, 200_000)}, nil).status(http.StatusOK)
	if revised.body["version"].(float64) != 2 || len(revised.body["items"].([]any)) != 2 {
		t.Fatalf("revision: %s", revised.raw)
	}
	sales.do("POST", path+"/submit", nil, nil).status(http.StatusOK)
	wantStatus(t, rev.decide(rev.openTaskFor(id), "approve", "", "").status(http.StatusOK), "approved")

	declined := sales.do("POST", path+"/customer-response", map[string]any{"accepted": false, "note": "预算不足", "paper": true}, nil)
	wantStatus(t, declined.status(http.StatusOK), "revising")
	sales.do("PUT", path, map[string]any{"title": "春季推广方案 v3", "body": "x", "items": e.items(70_000)}, nil).status(http.StatusOK)
	sales.do("POST", path+"/submit", nil, nil).status(http.StatusOK)
	mgr.decide(mgr.openTaskFor(id), "approve", "可以", "").status(http.StatusOK)
	accepted := sales.do("POST", path+"/customer-response", map[string]any{"accepted": true, "note": "签", "paper": true}, nil)
	wantStatus(t, accepted.status(http.StatusOK), "accepted")

	got := sales.do("GET", path, nil, nil).status(http.StatusOK)
	if got.body["version"].(float64) != 3 || len(got.body["versions"].([]any)) != 3 {
		t.Fatalf("want version 3 with 3 kept versions: %s", got.raw)
	}
	wantActions := []string{"proposal.created", "proposal.submitted", "proposal.review_rejected", "proposal.revised",
		"proposal.submitted", "proposal.review_approved", "proposal.customer_declined", "proposal.revised",
		"proposal.submitted", "proposal.review_approved", "proposal.customer_accepted"}
	history := got.body["history"].([]any)
	if len(history) != len(wantActions) {
		t.Fatalf("history has %d steps, want %d: %s", len(history), len(wantActions), got.raw)
	}
	for i, h := range history {
		step := h.(map[string]any)
		if step["action"] != wantActions[i] || step["actor_name"] == "" || step["at"] == "" {
			t.Fatalf("history[%d] = %v, want action %s with actor and time", i, step, wantActions[i])
		}
	}
	// The accepted proposal is closed: another revision is a conflict.
	sales.do("PUT", path, map[string]any{"title": "late", "body": "", "items": e.items(1)}, nil).status(http.StatusConflict)
}

func TestSelfReviewRefused(t *testing.T) {
	e := newTestEnv(t)
	author := e.as(t, "salesreviewer") // holds the reviewer role too
	id := e.newProposal(author, "自审方案")
	author.do("POST", "/api/v1/proposals/"+id+"/submit", nil, nil).status(http.StatusOK)
	if author.openTaskFor(id) != "" {
		t.Fatal("the author's own review task must not be in their inbox")
	}
	task := e.as(t, "reviewer").openTaskFor(id)
	res := author.decide(task, "approve", "", "").status(http.StatusForbidden)
	if res.str("type") != "/problems/self-review" {
		t.Fatalf("want self-review problem, got %s", res.raw)
	}
	wantStatus(t, author.do("GET", "/api/v1/proposals/"+id, nil, nil), "in_review")
}

func TestDecisionIdempotencyAndDecidedTask(t *testing.T) {
	e := newTestEnv(t)
	sales, mgr, rev := e.as(t, "sales1"), e.as(t, "manager"), e.as(t, "reviewer")
	id := e.newProposal(sales, "幂等方案")
	sales.do("POST", "/api/v1/proposals/"+id+"/submit", nil, nil).status(http.StatusOK)
	task := mgr.openTaskFor(id)
	first := mgr.decide(task, "approve", "好", "click-1").status(http.StatusOK)
	second := mgr.decide(task, "approve", "好", "click-1").status(http.StatusOK)
	wantStatus(t, first, "approved")
	wantStatus(t, second, "approved")
	res := rev.decide(task, "reject", "晚了", "click-2").status(http.StatusConflict)
	if res.str("type") != "/problems/task-decided" {
		t.Fatalf("want task-decided, got %s", res.raw)
	}
	var approvals int
	err := e.Store.DB().Get(&approvals, `SELECT count(*) FROM audit_events WHERE subject_id = $1 AND action = 'proposal.review_approved'`, id)
	if err != nil || approvals != 1 {
		t.Fatalf("want exactly one approval event, got %d (%v)", approvals, err)
	}
}

// TestBadInputWritesNothing: each bad request is a clear 4xx and no row is
// written anywhere.
func TestBadInputWritesNothing(t *testing.T) {
	e := newTestEnv(t)
	sales, other := e.as(t, "sales1"), e.as(t, "sales2")
	own := sales.newCustomer("自己的客户 " + randomSuffix())
	theirs := other.newCustomer("别人的客户 " + randomSuffix())
	before := e.rowCounts(t)
	cases := []struct {
		name   string
		body   map[string]any
		status int
		field  string
	}{
		// Unknown and another's customer answer alike (issue 11, point 7):
		// the answer never confirms that someone else's customer exists.
		{"unknown customer", map[string]any{"customer_id": "nope", "title": "t", "body": "", "items": e.items(1)}, 404, "customer_id"},
		{"another's customer", map[string]any{"customer_id": theirs, "title": "t", "body": "", "items": e.items(1)}, 404, "customer_id"},
		{"empty items", map[string]any{"customer_id": own, "title": "t", "body": "", "items": []any{}}, 422, "items"},
		{"negative price", map[string]any{"customer_id": own, "title": "t", "body": "", "items": e.items(-5)}, 422, "items[0].unit_price_fen"},
		{"zero quantity", map[string]any{"customer_id": own, "title": "t", "body": "", "items": []any{
			map[string]any{"product_id": e.products[0].ID, "quantity": 0, "unit_price_fen": 1}}}, 422, "items[0].quantity"},
		{"unknown product", map[string]any{"customer_id": own, "title": "t", "body": "", "items": []any{
			map[string]any{"product_id": "ghost", "quantity": 1, "unit_price_fen": 1}}}, 422, "items[0].product_id"},
		{"missing title", map[string]any{"customer_id": own, "title": " ", "body": "", "items": e.items(1)}, 422, "title"},
		{"unknown field", map[string]any{"customer_id": own, "title": "t", "items": e.items(1), "created_at": "2020-01-01"}, 400, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sales.t = t
			res := sales.do("POST", "/api/v1/proposals", tc.body, nil)
			res.status(tc.status)
			if ct := res.header.Get("Content-Type"); ct != "application/problem+json; charset=utf-8" {
				t.Fatalf("content type %q", ct)
			}
			if res.str("title") == "" || res.str("type") == "" {
				t.Fatalf("problem without type/title: %s", res.raw)
			}
			if tc.field != "" && !hasFieldError(res, tc.field) {
				t.Fatalf("want a field error on %s: %s", tc.field, res.raw)
			}
		})
	}
	if after := e.rowCounts(t); after != before {
		t.Fatalf("bad input wrote rows: before %v, after %v", before, after)
	}
}

func hasFieldError(r response, field string) bool {
	errs, _ := r.body["errors"].([]any)
	for _, e := range errs {
		if e.(map[string]any)["field"] == field && e.(map[string]any)["message"] != "" {
			return true
		}
	}
	return false
}

type counts struct{ proposals, versions, tasks, events int }

func (e *testEnv) rowCounts(t *testing.T) counts {
	t.Helper()
	var c counts
	err := e.Store.DB().QueryRow(`SELECT (SELECT count(*) FROM proposals), (SELECT count(*) FROM proposal_versions),
		(SELECT count(*) FROM tasks), (SELECT count(*) FROM audit_events)`).Scan(&c.proposals, &c.versions, &c.tasks, &c.events)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestProposalVisibility(t *testing.T) {
	e := newTestEnv(t)
	sales := e.as(t, "sales1")
	id := e.newProposal(sales, "可见性")
	path := "/api/v1/proposals/" + id
	e.as(t, "sales2").do("GET", path, nil, nil).status(http.StatusNotFound)
	e.as(t, "sales3").do("GET", path, nil, nil).status(http.StatusNotFound)
	e.as(t, "manager2").do("GET", path, nil, nil).status(http.StatusNotFound)
	e.as(t, "manager").do("GET", path, nil, nil).status(http.StatusOK)
	e.as(t, "reviewer").do("GET", path, nil, nil).status(http.StatusOK)
	// Another salesperson can neither revise nor submit it.
	other := e.as(t, "sales2")
	other.do("POST", path+"/submit", nil, nil).status(http.StatusNotFound)
	// The manager sees it but is not the author: submitting is forbidden.
	e.as(t, "manager").do("POST", path+"/submit", nil, nil).status(http.StatusForbidden)
	wantStatus(t, sales.do("GET", path, nil, nil), "draft")
}

func TestSessionsAndProblemLanguage(t *testing.T) {
	e := newTestEnv(t)
	anon := &apiClient{t: t, base: e.URL, http: http.DefaultClient}
	res := anon.do("GET", "/api/v1/me", nil, nil).status(http.StatusUnauthorized)
	if res.str("title") != "未登录或登录已失效" {
		t.Fatalf("default language must be Chinese: %s", res.raw)
	}
	anon.lang = "en-US,en;q=0.9"
	if res := anon.do("GET", "/api/v1/me", nil, nil).status(http.StatusUnauthorized); res.str("title") != "Not signed in" {
		t.Fatalf("English on Accept-Language en: %s", res.raw)
	}
	anon.do("POST", "/api/v1/session", map[string]string{"username": "sales1", "password": "wrong"}, nil).status(http.StatusUnauthorized)

	c := e.as(t, "sales1")
	me := c.do("GET", "/api/v1/me", nil, nil).status(http.StatusOK)
	if me.str("username") != "sales1" {
		t.Fatalf("me: %s", me.raw)
	}
	c.do("DELETE", "/api/v1/session", nil, nil).status(http.StatusNoContent)
	c.http.Jar = nil
	c.do("GET", "/api/v1/me", nil, nil).status(http.StatusUnauthorized)
}

func TestAuditChainVerifies(t *testing.T) {
	e := newTestEnv(t)
	sales := e.as(t, "sales1")
	e.newProposal(sales, "审计")
	sales.do("GET", "/api/v1/audit/verification", nil, nil).status(http.StatusForbidden)
	res := e.as(t, "admin").do("GET", "/api/v1/audit/verification", nil, nil).status(http.StatusOK)
	if res.body["valid"] != true || res.body["checked"].(float64) < 1 {
		t.Fatalf("chain: %s", res.raw)
	}
	// The table refuses changes: the trail is append-only.
	if _, err := e.Store.DB().ExecContext(context.Background(), `UPDATE audit_events SET action = 'x'`); err == nil {
		t.Fatal("audit_events accepted an UPDATE")
	}
}

// TestAuditChainDetectsTampering: somebody who gets past the append-only
// triggers (the table's owner can disable them) and changes, removes or
// inserts a row is found by the verification, which names the first broken
// event. Each case runs on a database of its own, so the shared one stays
// valid for the other tests.
func TestAuditChainDetectsTampering(t *testing.T) {
	e := newTestEnv(t)
	cases := []struct {
		name, sql string
	}{
		{"changed", `UPDATE audit_events SET action = 'user.deleted' WHERE seq = (SELECT min(seq) + 1 FROM audit_events)`},
		{"removed", `DELETE FROM audit_events WHERE seq = (SELECT min(seq) + 1 FROM audit_events)`},
		{"inserted", `INSERT INTO audit_events (event_key, subject_type, subject_id, action, detail, at, prev_hash, hash)
			SELECT 'forged', 'user', 'u-forged', 'user.created', '{}', now(), hash, repeat('0', 64)
			FROM audit_events ORDER BY seq DESC LIMIT 1`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			admin, st := e.freshAuditServer(t)
			ok := admin.do("GET", "/api/v1/audit/verification", nil, nil).status(http.StatusOK)
			if ok.body["valid"] != true || ok.body["checked"].(float64) < 3 {
				t.Fatalf("untouched chain: %s", ok.raw)
			}
			ctx := context.Background()
			for _, q := range []string{`ALTER TABLE audit_events DISABLE TRIGGER USER`, tc.sql,
				`ALTER TABLE audit_events ENABLE TRIGGER USER`} {
				if _, err := st.DB().ExecContext(ctx, q); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			bad := admin.do("GET", "/api/v1/audit/verification", nil, nil).status(http.StatusOK)
			if bad.body["valid"] != false || bad.body["broken_at"] == nil {
				t.Fatalf("a %s row went unnoticed: %s", tc.name, bad.raw)
			}
		})
	}
}

// freshAuditServer serves the API over a database of its own holding a few
// audit events (three calendar overrides an admin set), and returns the
// admin's client.
func (e *testEnv) freshAuditServer(t *testing.T) (*apiClient, *store.Store) {
	t.Helper()
	st := storetest.Open(t)
	ctx := context.Background()
	admin, err := newUser(ctx, st, "admin", "审计管理员", testPassword, []string{"admin"}, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	for i, day := range []string{"2026-12-05", "2026-12-06", "2026-12-07"} {
		o := store.CalendarOverride{Day: day, Working: i%2 == 0, Note: "审计", CreatedBy: admin.ID}
		if _, err := st.PutCalendarOverride(ctx, o, "audit-test-"+day); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(testHandler(st, e.Temporal, slog.New(slog.NewTextHandler(io.Discard, nil)), service.Config{TaskQueue: e.TaskQueue,
		SigningKeys: e.trustedKeys()}, Config{}))
	t.Cleanup(srv.Close)
	f := *e
	f.URL = srv.URL
	return f.as(t, "admin"), st
}

func TestHealth(t *testing.T) {
	e := newTestEnv(t)
	anon := &apiClient{t: t, base: e.URL, http: http.DefaultClient}
	anon.do("GET", "/livez", nil, nil).status(http.StatusOK)
	res := anon.do("GET", "/readyz", nil, nil).status(http.StatusOK)
	if fmt.Sprintf("%v %v", res.body["postgres"], res.body["temporal"]) != "ok ok" {
		t.Fatalf("readyz: %s", res.raw)
	}
}

// TestInboxPaging follows next_cursor one task at a time: every task comes
// exactly once, oldest first.
func TestInboxPaging(t *testing.T) {
	e := newTestEnv(t)
	sales, rev := e.as(t, "sales2"), e.as(t, "reviewer")
	var want []string
	for i := 0; i < 3; i++ {
		id := e.newProposal(sales, fmt.Sprintf("分页 %d", i))
		sales.do("POST", "/api/v1/proposals/"+id+"/submit", nil, nil).status(http.StatusOK)
		want = append(want, id)
	}
	seen, cursor := map[string]int{}, ""
	var order []string
	for page := 0; page < 500; page++ {
		res := rev.do("GET", "/api/v1/tasks?status=open&limit=1&cursor="+url.QueryEscape(cursor), nil, nil).status(http.StatusOK)
		for _, it := range res.body["items"].([]any) {
			subject := it.(map[string]any)["subject_id"].(string)
			seen[subject]++
			order = append(order, subject)
		}
		next, _ := res.body["next_cursor"].(string)
		if next == "" {
			break
		}
		cursor = next
	}
	var got []string
	for _, s := range order {
		if slices.Contains(want, s) {
			got = append(got, s)
		}
	}
	if !slices.Equal(got, want) {
		t.Fatalf("paged inbox gave %v, want %v oldest first", got, want)
	}
	for _, id := range want {
		if seen[id] != 1 {
			t.Fatalf("task of %s seen %d times", id, seen[id])
		}
	}
}
