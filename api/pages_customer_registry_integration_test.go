package api

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"salesflow/policy"
)

// TestPagesCustomerRegistry records a customer through the form (a double
// click records once), is warned as another salesperson types the same
// company in another spelling and refused with the first owner's name
// beside the name field (R2.2), logs a contact on the file's timeline
// (R2.5), changes the class (R4.1) and finds the customer in the list;
// another team's salesperson gets the not-found page.
func TestPagesCustomerRegistry(t *testing.T) {
	e := newTestEnv(t)
	sales := e.pageBrowser(t)
	sales.signIn("sales1")
	sales.page("/customers/new", "录入新客户", "行业展览会", "公司营销活动", `name="contact_name"`, `hx-post="/customers/check"`)

	sfx := randomSuffix()
	name := "页面客户" + sfx + " 有限公司"
	today := time.Now().In(policy.Shanghai).Format(time.DateOnly)
	bad := url.Values{"idempotency_key": {"cn-" + sfx}, "name": {""}, "channel": {"fax_machine"},
		"collected_on": {today}, "contact_name": {"", "", ""}, "contact_email": {"not-an-email", "", ""}}
	code, _, html := sales.send("POST", "/customers", bad, nil)
	if code != http.StatusUnprocessableEntity || !strings.Contains(html, "必填") ||
		!strings.Contains(html, "不是有效的客户来源渠道") || !strings.Contains(html, `value="not-an-email"`) {
		t.Fatalf("a bad form: %d, want 422 with the messages and the values as typed\n%s", code, html)
	}

	form := url.Values{"idempotency_key": {"cn-" + sfx}, "name": {name}, "channel": {"internet"},
		"collected_on": {today}, "phone": {"021-5555" + sfx[:4]}, "industry": {"零售"},
		"contact_name": {"陈经理", "", ""}, "contact_title": {"总经理", "", ""}, "contact_decides": {"0"},
		"contact_phone": {"", "", ""}, "contact_email": {"", "", ""}}
	_, first, _ := sales.send("POST", "/customers", form, nil)
	if !strings.HasPrefix(first, "/customers/") {
		t.Fatalf("create: %q", first)
	}
	sales.page(first, "客户已录入")
	if _, again, _ := sales.send("POST", "/customers", form, nil); again != first {
		t.Fatalf("the same form again: %q, want the first record %q", again, first)
	}
	sales.page(first, name, "陈经理", "总经理", "互联网", "零售", "尚无联系记录", "登记者成为负责人")
	list := e.as(t, "sales1").do("GET", "/api/v1/customers?q="+url.QueryEscape("页面客户"+sfx), nil, nil).status(http.StatusOK)
	if n := len(list.body["items"].([]any)); n != 1 {
		t.Fatalf("%d customers after a double submit, want 1", n)
	}

	other := e.pageBrowser(t)
	other.signIn("sales3")
	check := url.Values{"name": {"页面客户" + sfx + "有限责任公司"}, "phone": {""}}
	if code, _, html := other.send("POST", "/customers/check", check, map[string]string{"HX-Request": "true"}); code != http.StatusOK ||
		!strings.Contains(html, "测试 sales1") || strings.Contains(html, "<html") {
		t.Fatalf("the check as sales3 types: %d, want a fragment naming the first owner\n%s", code, html)
	}
	form.Set("idempotency_key", "cn2-"+sfx)
	form.Set("name", "页面客户"+sfx)
	code, _, html = other.send("POST", "/customers", form, nil)
	if code != http.StatusConflict || !strings.Contains(html, "测试 sales1") || !strings.Contains(html, "021-5555") {
		t.Fatalf("the same customer again: %d, want 409 naming the owner with the form kept\n%s", code, html)
	}
	if code, _, _ := other.send("GET", first, nil, nil); code != http.StatusNotFound {
		t.Errorf("another team's salesperson opens the file: %d, want 404", code)
	}

	// The timeline: a blank summary is refused beside it; a contact once.
	logForm := url.Values{"idempotency_key": {"ci-" + sfx}, "kind": {"phone"}, "occurred_on": {today}, "summary": {" "}}
	if code, _, html := sales.send("POST", first+"/interactions", logForm, nil); code != http.StatusUnprocessableEntity ||
		!strings.Contains(html, "必填") {
		t.Fatalf("a blank contact: %d, want 422 with the message", code)
	}
	logForm.Set("summary", "电话介绍了户外大屏套餐")
	for range 2 {
		if code, loc, _ := sales.send("POST", first+"/interactions", logForm, nil); code != http.StatusSeeOther || loc != first {
			t.Fatalf("log a contact: %d %q", code, loc)
		}
	}
	html = sales.page(first, "联系已记录", "电话介绍了户外大屏套餐", "已联系")
	if n := strings.Count(html, "电话介绍了户外大屏套餐"); n != 1 {
		t.Errorf("the contact shows %d times, want once (a double click logs once)", n)
	}

	cls := url.Values{"idempotency_key": {"cc-" + sfx}, "class": {"vip"}}
	if code, _, _ := sales.send("POST", first+"/class", cls, nil); code != http.StatusUnprocessableEntity {
		t.Errorf("an unknown class: %d, want 422", code)
	}
	cls.Set("class", "key")
	cls.Set("class_reason", "已约定下月拜访总经理")
	if code, loc, _ := sales.send("POST", first+"/class", cls, nil); code != http.StatusSeeOther || loc != first {
		t.Fatalf("set the class: %d %q", code, loc)
	}
	sales.page(first, "客户类别已保存", `id="customer-class">重点客户`, "跟踪客户 → 重点客户", "已约定下月拜访总经理")

	// R3.4: the owner asks the manager to plan a difficult customer together.
	hard := url.Values{"idempotency_key": {"ch-" + sfx}, "reason": {" "}}
	if code, _, html := sales.send("POST", first+"/difficulty", hard, nil); code != http.StatusUnprocessableEntity || !strings.Contains(html, "必填") {
		t.Fatalf("no reason: %d, want 422 with the message", code)
	}
	hard.Set("reason", "集团采购，多层决策")
	for range 2 {
		if code, loc, _ := sales.send("POST", first+"/difficulty", hard, nil); code != http.StatusSeeOther || loc != first {
			t.Fatalf("flag as difficult: %d %q", code, loc)
		}
	}
	sales.page(first, "已上报经理", "集团采购，多层决策", "等待经理共商对策")
	boss := e.as(t, "manager")
	task := boss.taskOfKind(strings.TrimPrefix(first, "/customers/"), "hard_customer")
	if task == "" {
		t.Fatal("no hard_customer task for the manager")
	}
	boss.decide(task, "approve", "先约采购总监，再做集团方案", "").status(http.StatusOK)
	sales.page(first, "与经理共同制定的对策", "先约采购总监，再做集团方案")
	sales.page("/customers?class=key&q="+url.QueryEscape("页面客户"+sfx), name, "重点客户", "已联系")
	if html := sales.page("/customers?class=tracking&q=" + url.QueryEscape("页面客户"+sfx)); strings.Contains(html, name) {
		t.Error("the class filter lets another class through")
	}
	desk := e.pageBrowser(t)
	desk.signIn("frontdesk")
	if code, _, _ := desk.send("GET", "/customers", nil, nil); code != http.StatusForbidden {
		t.Errorf("the front desk opens the customer list: %d, want 403", code)
	}
}
