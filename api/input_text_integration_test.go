package api

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestNULCannotWedgeAProposal (issue 11, point 1): a NUL in a title used
// to hang for the request timeout, answer 500 and wedge the proposal for
// good; a NUL in a reviewer's comment left it in_review for ever. Now both
// are a 422 naming the field, before any workflow hears of them, and the
// proposal goes on as if nothing was sent.
func TestNULCannotWedgeAProposal(t *testing.T) {
	e := newTestEnv(t)
	sales, reviewer := e.as(t, "sales1"), e.as(t, "reviewer")
	id := e.newProposal(sales, "不会卡住的方案")
	path := "/api/v1/proposals/" + id
	nul := map[string]any{"title": "a\u0000b", "body": "x", "items": e.items(90_000)}
	wantRefused(t, english(sales).do("PUT", path, nul, nil), 422, "/problems/validation", "title", "NUL")
	wantRefused(t, sales.do("PUT", path, map[string]any{"title": "t", "body": "a\u0000b", "items": e.items(90_000)}, nil),
		422, "/problems/validation", "body", "空字符")
	got := sales.do("GET", path, nil, nil).status(http.StatusOK)
	if got.str("title") != "不会卡住的方案" || got.body["version"].(float64) != 1 {
		t.Fatalf("the refused revision changed the proposal: %s", got.raw)
	}
	sales.do("PUT", path, map[string]any{"title": "修改后", "body": "第二版", "items": e.items(90_000)}, nil).status(http.StatusOK)
	wantStatus(t, sales.do("POST", path+"/submit", nil, nil).status(http.StatusOK), "in_review")

	task := reviewer.openTaskFor(id)
	wantRefused(t, reviewer.decide(task, "reject", "意见\u0000", ""), 422, "/problems/validation", "comment", "U+0000")
	wantRefused(t, reviewer.decide(task, "reject", "\u001b[31m红字", ""), 422, "/problems/validation", "comment", "U+001B")
	wantStatus(t, reviewer.decide(task, "approve", "可以", "").status(http.StatusOK), "approved")
}

// TestNULAndYearZeroCannotWedgeAContract (issue 11, point 1): a NUL in the
// service terms and a year-0000 start used to wedge the contract.
func TestNULAndYearZeroCannotWedgeAContract(t *testing.T) {
	e := newTestEnv(t)
	sales := e.as(t, "sales1")
	id := e.acceptedContract(sales, 100_000)
	path := "/api/v1/contracts/" + id
	body := func(fee, starts string) map[string]any {
		return map[string]any{"items": e.items(100_000), "service_terms": map[string]any{"service_fee": fee},
			"starts_on": starts, "ends_on": "2027-11-30"}
	}
	wantRefused(t, sales.do("PUT", path, body("按次\u0000收费", "2026-12-01"), nil), 422, "/problems/validation",
		"service_terms.service_fee", "空字符")
	for _, day := range []string{"0000-01-01", "0001-01-01", "1999-12-31", "9999-12-31"} {
		wantRefused(t, english(sales).do("PUT", path, body("按次收费", day), nil), 422, "/problems/validation",
			"starts_on", "from 2000-01-01")
	}
	k := sales.do("GET", path, nil, nil).status(http.StatusOK)
	if k.body["version"].(float64) != 1 {
		t.Fatalf("a refused revision made a version: %s", k.raw)
	}
	sales.do("PUT", path, body("按次收费", "2026-12-01"), nil).status(http.StatusOK)
	sales.do("POST", path+"/submit", nil, nil).status(http.StatusOK)
}

// TestVisitDecisionRefusesNUL (issue 11, point 1): a manager's comment on a
// visit plan with NUL is refused; the plan can still be decided.
func TestVisitDecisionRefusesNUL(t *testing.T) {
	e := newTestEnv(t)
	sales, boss := e.as(t, "sales1"), e.as(t, "manager")
	cust := sales.newCustomer("走访 " + randomSuffix())
	wantRefused(t, sales.do("POST", "/api/v1/visits", map[string]any{"customer_id": cust, "goals": "目标\u0000",
		"planned_start": time.Now().Format(time.RFC3339), "planned_return": time.Now().Add(time.Hour).Format(time.RFC3339)}, nil),
		422, "/problems/validation", "goals", "空字符")
	id := sales.planVisit(cust, 2*time.Hour, "").status(http.StatusCreated).str("id")
	task := boss.taskOfKind(id, "visit_plan")
	wantRefused(t, boss.decide(task, "reject", "不行\u0000", ""), 422, "/problems/validation", "comment", "空字符")
	wantVisit(t, boss.decide(task, "approve", "", "").status(http.StatusOK), "approved")
}

// TestCustomerTextRefused (issue 11, points 2 and 5): NUL, BEL, an ESC
// sequence and a bidi override in a customer's fields, NUL in an
// interaction's summary and in a path or query parameter, and year 0000
// in collected_on and occurred_on answered 500 or were stored. Each is a
// 4xx naming the field, and nothing is stored.
func TestCustomerTextRefused(t *testing.T) {
	e := newTestEnv(t)
	sales := english(e.as(t, "sales1"))
	today := time.Now().Format(time.DateOnly)
	newCust := func(field, value string) response {
		body := map[string]any{"name": "文本客户" + randomSuffix(), "channel": "internet", "collected_on": today}
		body[field] = value
		return sales.do("POST", "/api/v1/customers", body, nil)
	}
	for _, tc := range []struct{ field, value, want string }{
		{"name", "坏\u0000名", "NUL"},
		{"name", "响铃\u0007公司", "U+0007"},
		{"name", "\u001b[2J清屏公司", "U+001B"},
		{"name", "正常\u202e司公", "U+202E"},
		{"name", "隔离\u2066公司", "U+2066"},
		{"name", "两行\n公司", "single line"},
		{"name", "C1\u0085公司", "U+0085"},
		{"address", "地址\u0000", "NUL"},
		{"notes", "备注\u0000", "NUL"},
		{"collected_on", "0000-01-01", "from 2000-01-01"},
		{"collected_on", "0001-01-01", "from 2000-01-01"},
	} {
		wantRefused(t, newCust(tc.field, tc.value), 422, "/problems/validation", tc.field, tc.want)
	}
	// Tabs and line breaks are text in a multi-line field.
	newCust("notes", "第一行\n\t第二行").status(http.StatusCreated)
	id := sales.newCustomer("有记录的客户 " + randomSuffix())
	path := "/api/v1/customers/" + id
	wantRefused(t, sales.do("PATCH", path, map[string]any{"name": "改\u0000名"}, nil), 422, "/problems/validation", "name", "NUL")
	wantRefused(t, sales.do("POST", path+"/interactions", map[string]any{"kind": "phone", "summary": "通话\u0000"}, nil),
		422, "/problems/validation", "summary", "NUL")
	wantRefused(t, sales.do("POST", path+"/interactions", map[string]any{"kind": "phone", "summary": "通话",
		"occurred_on": "0000-01-01"}, nil), 422, "/problems/validation", "occurred_on", "from 2000-01-01")
	wantRefused(t, sales.do("GET", "/api/v1/customers?q=%00", nil, nil), 422, "/problems/validation", "q", "NUL")
	wantRefused(t, sales.do("GET", "/api/v1/customers/%00", nil, nil), 422, "/problems/validation", "id", "NUL")
	wantRefused(t, sales.do("GET", "/api/v1/customers?q=%1b", nil, nil), 422, "/problems/validation", "q", "U+001B")
	got := sales.do("GET", path, nil, nil).status(http.StatusOK)
	if !strings.HasPrefix(got.str("name"), "有记录的客户") || len(got.body["interactions"].([]any)) != 0 {
		t.Fatalf("a refused change was stored: %s", got.raw)
	}
	admin := english(e.as(t, "admin"))
	wantRefused(t, admin.do("GET", "/api/v1/calendar/overrides/0000-01-01", nil, nil), 422, "/problems/validation", "date", "from 2000-01-01")
	wantRefused(t, admin.do("PUT", "/api/v1/calendar/overrides/0000-01-01", map[string]any{"working": true}, nil),
		422, "/problems/validation", "date", "from 2000-01-01")
}
