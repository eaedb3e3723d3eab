package api

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// fieldErrorAfter reports whether the page shows a field error containing
// want right after the input named name (the form's layout: the input,
// then its message).
func fieldErrorAfter(html, name, want string) bool {
	re := regexp.MustCompile(`(?s)name="` + regexp.QuoteMeta(name) + `"[^>]*>\s*<p class="field-error">([^<]*)</p>`)
	m := re.FindStringSubmatch(html)
	return m != nil && strings.Contains(m[1], want)
}

// TestFormsRefuseLikeTheAPI (issue 11): the pages parse forms into the
// same requests and call the same validators, so a NUL or a bidi override
// typed into a form is refused beside its field, as the API refuses it,
// and a year-0000 path of the calendar page is refused, not sent to
// PostgreSQL.
func TestFormsRefuseLikeTheAPI(t *testing.T) {
	e := newTestEnv(t)
	customer := e.as(t, "sales1").newCustomer("表单客户 " + randomSuffix())
	sales := e.pageBrowser(t)
	sales.signIn("sales1")
	form := url.Values{"idempotency_key": {"pf-" + randomSuffix()}, "customer_id": {customer},
		"title": {"坏\x00标题"}, "body": {"正文"}, "product_id": {e.products[0].ID}, "quantity": {"1"}, "unit_price": {"900"}}
	code, _, html := sales.send("POST", "/proposals", form, nil)
	if code != http.StatusUnprocessableEntity || !fieldErrorAfter(html, "title", "空字符") {
		t.Fatalf("a NUL title: %d, want 422 with the message beside the title\n%s", code, html)
	}
	cust := url.Values{"idempotency_key": {"cf-" + randomSuffix()}, "name": {"正常\u202e司公"}, "channel": {"internet"},
		"collected_on": {"0000-01-01"}}
	code, _, html = sales.send("POST", "/customers", cust, nil)
	if code != http.StatusUnprocessableEntity || !fieldErrorAfter(html, "name", "202E") ||
		!fieldErrorAfter(html, "collected_on", "2000-01-01") {
		t.Fatalf("a bidi override and year 0000: %d, want 422 beside name and collected_on\n%s", code, html)
	}
	if code, _, _ := sales.send("GET", "/customers?q=%00", nil, nil); code != http.StatusUnprocessableEntity {
		t.Fatalf("?q=%%00 on the page: %d", code)
	}
	// The customer's answer recorded on the page: its note reaches the
	// workflow, so a NUL there is refused too, and the proposal stays approved.
	api := e.as(t, "sales1")
	id := e.newProposal(api, "页面答复")
	api.do("POST", "/api/v1/proposals/"+id+"/submit", nil, nil).status(http.StatusOK)
	rev := e.as(t, "reviewer")
	rev.decide(rev.openTaskFor(id), "approve", "", "").status(http.StatusOK)
	answer := url.Values{"idempotency_key": {"ar-" + randomSuffix()}, "accepted": {"true"}, "note": {"签\x00约"}, "paper": {"true"}}
	if code, _, _ := sales.send("POST", "/proposals/"+id+"/customer-response", answer, nil); code != http.StatusSeeOther {
		t.Fatalf("the answer form: %d", code)
	}
	sales.page("/proposals/"+id, "空字符") // the refusal, flashed on the proposal's page
	wantStatus(t, api.do("GET", "/api/v1/proposals/"+id, nil, nil).status(http.StatusOK), "approved")

	admin := e.pageBrowser(t)
	admin.signIn("admin")
	code, _, _ = admin.send("POST", "/admin/calendar/0000-01-01/remove", url.Values{"idempotency_key": {"x"}}, nil)
	if code >= 500 {
		t.Fatalf("removing a year-0000 override: %d", code)
	}
}
