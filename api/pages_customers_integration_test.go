package api

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestPagesCustomers records a customer with the form as a browser posts
// it: a double click is one record, the same company from a colleague is
// R2.2's duplicate naming only the first owner, another team cannot open
// it, and only the collecting roles get the form.
func TestPagesCustomers(t *testing.T) {
	e := newTestEnv(t)
	sales := e.pageBrowser(t)
	sales.signIn("sales1")
	name := "页面客户公司 " + randomSuffix()
	phone := uniquePhone()
	form := url.Values{"idempotency_key": {"nc-" + randomSuffix()}, "name": {name}, "channel": {"internet"},
		"collected_on": {"2026-01-05"}, "phone": {phone}, "contact_name": {"王经理"}, "contact_decides": {"1"}}
	code, loc, html := sales.send("POST", "/customers", form, nil)
	if code != http.StatusSeeOther || !strings.HasPrefix(loc, "/customers/") {
		t.Fatalf("record: %d %q\n%s", code, loc, html)
	}
	if again, locAgain, _ := sales.send("POST", "/customers", form, nil); again != http.StatusSeeOther || locAgain != loc {
		t.Fatalf("the same form twice: %d %q, want the first record %q", again, locAgain, loc)
	}
	sales.page(loc, name, "客户已录入", "互联网", "王经理", "决策人", "/proposals/new?customer_id="+strings.TrimPrefix(loc, "/customers/"))
	sales.page("/customers?q="+url.QueryEscape(name), name, "跟踪客户")

	colleague := e.pageBrowser(t)
	colleague.signIn("sales2")
	form.Set("idempotency_key", "nc-"+randomSuffix())
	code, _, html = colleague.send("POST", "/customers", form, nil)
	if code != http.StatusConflict || !strings.Contains(html, "已由 测试 sales1 先行登记") || !strings.Contains(html, `value="`+phone+`"`) {
		t.Errorf("the same company from a colleague: %d, want 409 naming the first owner, the form kept", code)
	}
	if strings.Contains(colleague.page("/customers"), name) {
		t.Error("a colleague's customer is in the list")
	}

	other := e.pageBrowser(t)
	other.signIn("sales3")
	if code, _, _ := other.send("GET", loc, nil, nil); code != http.StatusNotFound {
		t.Errorf("another team's salesperson opens the customer: %d, want 404", code)
	}
	reviewer := e.pageBrowser(t)
	reviewer.signIn("reviewer")
	if code, _, _ := reviewer.send("GET", "/customers/new", nil, nil); code != http.StatusForbidden {
		t.Errorf("a reviewer opens the new-customer form: %d, want 403", code)
	}
}
