package api

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"salesflow/pages/site"
	"salesflow/policy"
)

// TestPagesVisitLoop walks a visit through the pages: the salesperson plans
// it with the form (typed in Shanghai time), the manager approves it from
// the inbox, the front desk departs and returns it from the board, the
// salesperson files the report, and the activity page shows the chart.
func TestPagesVisitLoop(t *testing.T) {
	e := newTestEnv(t)
	cust := e.as(t, "sales1").newCustomer("页面拜访客户 " + randomSuffix())
	sales := e.pageBrowser(t)
	sales.signIn("sales1")
	sales.page("/visits/new", "计划拜访", "页面拜访客户")
	start := time.Now().In(policy.Shanghai).Add(-time.Minute)
	code, loc, html := sales.send("POST", "/visits", url.Values{"idempotency_key": {"pk-" + randomSuffix()},
		"customer_id": {cust}, "goals": {"介绍灯箱"}, "planned_start": {start.Format(site.LocalMinute)},
		"planned_return": {start.Add(3 * time.Hour).Format(site.LocalMinute)}}, nil)
	if code != http.StatusSeeOther || !strings.HasPrefix(loc, "/visits/") {
		t.Fatalf("plan: %d %q\n%s", code, loc, html)
	}
	id := strings.TrimPrefix(loc, "/visits/")
	sales.page(loc, "待审批", "介绍灯箱")

	boss := e.pageBrowser(t)
	boss.signIn("manager")
	boss.page("/inbox", "拜访计划审批", `href="/visits/`+id+`"`)
	task := e.as(t, "manager").taskOfKind(id, "visit_plan")
	if code, _, html := boss.send("POST", "/tasks/"+task+"/decision", url.Values{"decision": {"approve"},
		"idempotency_key": {"dk"}, "return": {"/inbox"}}, nil); code != http.StatusSeeOther {
		t.Fatalf("approve: %d\n%s", code, html)
	}

	desk := e.pageBrowser(t)
	desk.signIn("frontdesk")
	desk.page("/visits/board", "今日外出", `action="/visits/`+id+`/departure"`)
	for _, step := range []string{"departure", "return"} {
		code, loc, _ := desk.send("POST", "/visits/"+id+"/"+step, url.Values{"idempotency_key": {"bk"}, "return": {"/visits/board"}}, nil)
		if code != http.StatusSeeOther || loc != "/visits/board" {
			t.Fatalf("%s: %d %q", step, code, loc)
		}
	}
	if code, _, _ := sales.send("GET", "/visits/board", nil, nil); code != http.StatusForbidden {
		t.Fatalf("the board is the front desk's: %d", code)
	}
	sales.page("/visits/"+id, "已返回", `action="/visits/`+id+`/report"`)
	code, _, html = sales.send("POST", "/visits/"+id+"/report", url.Values{"idempotency_key": {"rk"}, "notes": {""},
		"met_name": {"周总"}, "met_title": {"总监"}}, nil)
	if code != http.StatusUnprocessableEntity || !strings.Contains(html, "必填") {
		t.Fatalf("a report without notes is refused with the field marked: %d", code)
	}
	code, _, _ = sales.send("POST", "/visits/"+id+"/report", url.Values{"idempotency_key": {"rk2"}, "notes": {"谈妥档期"},
		"met_name": {"周总"}, "met_title": {"总监"}, "is_decision_maker": {"yes"}}, nil)
	if code != http.StatusSeeOther {
		t.Fatalf("report: %d", code)
	}
	sales.page("/visits/"+id, "已报告", "谈妥档期", "周总")
	boss.page("/reports/activity", "业绩指标", "<svg", "团队（人均）")
}
