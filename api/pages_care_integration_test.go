package api

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestPagesCustomerCare: the manager answers a hard customer from the
// inbox page with the plan (R3.4), sees the pipeline chart (R4.1) and
// writes guidance the salesperson then reads (R4.3); the links show only
// to those roles.
func TestPagesCustomerCare(t *testing.T) {
	e := newTestEnv(t)
	api := e.as(t, "sales1")
	id := api.newCustomer("页面难点客户 " + randomSuffix())
	api.do("PATCH", "/api/v1/customers/"+id, map[string]any{"class": "key"}, nil).status(http.StatusOK)
	api.post("/api/v1/customers/"+id+"/difficulty", map[string]any{"reason": "多方决策"}, "").status(http.StatusCreated)
	task := e.as(t, "manager").taskOfKind(id, "hard_customer")

	boss := e.pageBrowser(t)
	boss.signIn("manager")
	boss.page("/inbox", "大客户/难点客户", "上报原因：", "多方决策", `href="/reports/pipeline"`, `href="/guidance"`)
	plan := "经理陪同拜访 " + randomSuffix()
	if code, _, html := boss.send("POST", "/tasks/"+task+"/decision", url.Values{"decision": {"approve"},
		"comment": {plan}, "idempotency_key": {"hk"}, "return": {"/inbox"}}, nil); code != http.StatusSeeOther {
		t.Fatalf("plan from the inbox: %d\n%s", code, html)
	}
	if got := api.do("GET", "/api/v1/customers/"+id, nil, nil).status(http.StatusOK); got.str("hard_plan") != plan {
		t.Fatalf("the plan is on the customer: %s", got.raw)
	}
	boss.page("/reports/pipeline", "客户分类", "重点客户", "测试 sales1", "<svg class=\"bar\"", "团队")

	code, _, html := boss.send("POST", "/guidance", url.Values{"idempotency_key": {"gk0"},
		"salesperson_id": {e.users["sales1"].ID}, "note": {" "}}, nil)
	if code != http.StatusUnprocessableEntity || !strings.Contains(html, "必填") {
		t.Fatalf("an empty note is refused with the field marked: %d", code)
	}
	note := "今天先跟进华星 " + randomSuffix()
	form := url.Values{"idempotency_key": {"gk1"}, "salesperson_id": {e.users["sales1"].ID}, "note": {note}}
	for range 2 { // a double click saves one note
		if code, loc, html := boss.send("POST", "/guidance", form, nil); code != http.StatusSeeOther ||
			loc != "/guidance?salesperson_id="+e.users["sales1"].ID {
			t.Fatalf("save: %d %q\n%s", code, loc, html)
		}
	}
	boss.page("/guidance?salesperson_id="+e.users["sales1"].ID, note)

	sales := e.pageBrowser(t)
	sales.signIn("sales1")
	if html := sales.page("/guidance", note, "测试 manager"); strings.Count(html, note) != 1 {
		t.Fatalf("one note, shown once:\n%s", html)
	}
	if code, _, _ := sales.send("POST", "/guidance", form, nil); code != http.StatusForbidden {
		t.Fatalf("a salesperson does not write guidance: %d", code)
	}
	sales.page("/reports/pipeline", "测试 sales1")

	desk := e.pageBrowser(t)
	desk.signIn("frontdesk")
	if html := desk.page("/inbox"); strings.Contains(html, `href="/guidance"`) || strings.Contains(html, `href="/reports/pipeline"`) {
		t.Fatal("the front desk has no pipeline or guidance links")
	}
	if code, _, _ := desk.send("GET", "/guidance", nil, nil); code != http.StatusForbidden {
		t.Fatalf("nor the page: %d", code)
	}
}
