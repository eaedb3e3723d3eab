package api

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestPagesContractLoop walks F2 through the pages as people would: the
// salesperson states the service terms and period with the form and
// submits; the company approver approves from the inbox (htmx) and signs
// for the company; the salesperson records the customer's signature. The
// contract then shows 已签署, verified, and its PDF link answers a PDF.
func TestPagesContractLoop(t *testing.T) {
	e := newTestEnv(t)
	id := e.acceptedContract(e.as(t, "sales1"), 100_000, 250_000)
	page := "/contracts/" + id

	sales := e.pageBrowser(t)
	sales.signIn("sales1")
	sales.page(page, "起草中", "尚未写明服务条款", "修改合同", "/api/v1/contracts/"+id+"/document")
	sales.page(page+"/edit", "修改合同", "产品 0", "含免费修改换画", `value="1000.00"`)

	form := url.Values{"idempotency_key": {"ce-" + randomSuffix()},
		"product_id": {e.products[0].ID, e.products[1].ID, ""}, "quantity": {"2", "1", ""},
		"unit_price": {"950", "2500", ""}, "terms": {"fee"}, "service_fee": {""}, "free_revisions": {"3"},
		"starts_on": {"2026-12-01"}, "ends_on": {"2026-11-30"}}
	code, _, html := sales.send("POST", page+"/revise", form, nil)
	if code != http.StatusUnprocessableEntity || !strings.Contains(html, "必填") || !strings.Contains(html, "结束日期不能早于开始日期") {
		t.Fatalf("fee without text, ends before starts: %d, want 422 with both messages\n%s", code, html)
	}
	form.Set("terms", "free")
	form.Set("ends_on", "2027-11-30")
	if code, loc, html := sales.send("POST", page+"/revise", form, nil); code != http.StatusSeeOther || loc != page {
		t.Fatalf("revise: %d %q\n%s", code, loc, html)
	}
	sales.page(page, "含免费修改换画 3 次", "2026-12-01", "2027-11-30", "第 2 版", "¥950.00", "¥4,400.00", "修改了合同", "已保存为新版本")

	submit := url.Values{"idempotency_key": {"cs-" + randomSuffix()}}
	for range 2 { // a double click is one submission
		if code, loc, _ := sales.send("POST", page+"/submit", submit, nil); code != http.StatusSeeOther || loc != page {
			t.Fatalf("submit: %d %q", code, loc)
		}
	}
	html = sales.page(page, "审批中", "公司审批", "待审批", "撤回审批", "提交审批")
	if strings.Contains(html, "重大合同") || strings.Contains(html, `name="decision"`) {
		t.Error("a contract within authority shows as major, or its owner is offered the decision")
	}

	approver := e.pageBrowser(t)
	approver.signIn("approver")
	inbox := approver.page("/inbox", "合同审批", `href="/contracts/`+id+`"`)
	taskID := pageValueAfter(inbox, `action="/tasks/`, `/decision"`, `href="/contracts/`+id+`"`)
	if taskID == "" {
		t.Fatal("no decision form on the contract's inbox card")
	}
	decide := url.Values{"idempotency_key": {"cd-" + randomSuffix()}, "decision": {"approve"}, "return": {"/inbox"}}
	code, _, html = approver.send("POST", "/tasks/"+taskID+"/decision", decide, map[string]string{"HX-Request": "true"})
	if code != http.StatusOK || !strings.Contains(html, "已批准") || !strings.Contains(html, "/contracts/"+id) {
		t.Fatalf("approve from the inbox (htmx): %d\n%s", code, html)
	}
	approver.page(page, "已批准", "测试 approver", "代表公司签署", "有效")
	sales.page(page, "记录客户签署", "客户签字人")

	sign := url.Values{"idempotency_key": {"sc-" + randomSuffix()}, "signer_role": {"company"}}
	if code, loc, _ := approver.send("POST", page+"/signatures", sign, nil); code != http.StatusSeeOther || loc != page {
		t.Fatalf("company signature: %d %q", code, loc)
	}
	approver.page(page, "已代表公司签署", "尚未生效：等待双方签署。")

	customer := url.Values{"idempotency_key": {"sk-" + randomSuffix()}, "signer_role": {"customer"}, "signatory_name": {""}}
	if code, _, _ := sales.send("POST", page+"/signatures", customer, nil); code != http.StatusSeeOther {
		t.Fatalf("customer signature without a name: %d, want a redirect with the problem", code)
	}
	sales.page(page, "客户签署时必须填写客户签字人姓名", "记录客户签署")
	customer.Set("idempotency_key", "sk-"+randomSuffix())
	customer.Set("signatory_name", "陈客户")
	if code, _, _ := sales.send("POST", page+"/signatures", customer, nil); code != http.StatusSeeOther {
		t.Fatalf("customer signature without the paper's scan: %d, want a redirect with the problem", code)
	}
	sales.page(page, "客户纸质签署须附上已上传的签署件", "记录客户签署")
	customer.Set("idempotency_key", "sk-"+randomSuffix())
	if code, loc, _ := sales.sendFile(page+"/signatures", customer, "signed.pdf", paperScan(id, "陈客户")); code != http.StatusSeeOther || loc != page {
		t.Fatalf("customer signature on paper: %d %q", code, loc)
	}
	html = sales.page(page, "已签署", "陈客户", "测试 approver", "验证通过：文本完整，双方签署均有效。",
		"代表公司签署", "记录客户签署", "双方已签署的正式文本", "纸质签署", `id="paper-scans"`)
	if strings.Contains(html, `action="`+page+`/signatures"`) {
		t.Error("a signed contract still offers a signature")
	}

	// The PDF link works with the page's session cookie.
	res, err := sales.http.Get(sales.base + "/api/v1/contracts/" + id + "/document")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("PDF link: %d %q, want 200 application/pdf", res.StatusCode, res.Header.Get("Content-Type"))
	}

	// Someone who may not see the contract gets the not-found page.
	other := e.pageBrowser(t)
	other.signIn("sales3")
	if code, _, _ := other.send("GET", page, nil, nil); code != http.StatusNotFound {
		t.Errorf("another team's salesperson: %d, want 404", code)
	}
}

// TestPagesDelegations authorises a colleague through the form: times are
// read as China Standard Time, the API's checks apply, a double click
// authorises once, and only the delegating roles may post.
func TestPagesDelegations(t *testing.T) {
	e := newTestEnv(t)
	director := e.pageBrowser(t)
	director.signIn("director")
	director.page("/delegations", "授权", "我给出的授权", "新增授权", "测试 salesreviewer", `type="datetime-local"`)

	// A window in the future, so no other test meets an active delegation.
	start := time.Now().In(time.FixedZone("CST", 8*3600)).AddDate(1, 0, 0)
	form := url.Values{"idempotency_key": {"dl-" + randomSuffix()}, "to_user_id": {e.users["salesreviewer"].ID},
		"starts_at": {start.Format("2006-01-02T15:04")}, "ends_at": {start.Add(-time.Hour).Format("2006-01-02T15:04")}}
	code, _, html := director.send("POST", "/delegations", form, nil)
	if code != http.StatusUnprocessableEntity || !strings.Contains(html, "结束时间必须晚于开始时间") {
		t.Fatalf("ends before starts: %d, want 422 with the API's message", code)
	}
	form.Set("ends_at", start.Add(48*time.Hour).Format("2006-01-02T15:04"))
	for range 2 {
		if code, loc, html := director.send("POST", "/delegations", form, nil); code != http.StatusSeeOther || loc != "/delegations" {
			t.Fatalf("create: %d %q\n%s", code, loc, html)
		}
	}
	director.page("/delegations", "授权已保存", "未开始", start.Format("2006-01-02 15:04"))
	list := e.as(t, "director").do("GET", "/api/v1/delegations", nil, nil).status(http.StatusOK)
	items, _ := list.body["items"].([]any)
	n := 0
	for _, it := range items {
		d := it.(map[string]any)
		if d["to_user_id"] == e.users["salesreviewer"].ID {
			n++
			at, _ := time.Parse(time.RFC3339, d["starts_at"].(string))
			if !at.Equal(start.Truncate(time.Minute)) {
				t.Errorf("starts_at %v, want %v (the typed time in China Standard Time)", at, start.Truncate(time.Minute))
			}
		}
	}
	if n != 1 {
		t.Errorf("%d delegations stored, want 1 (the same form twice)", n)
	}

	delegate := e.pageBrowser(t)
	delegate.signIn("salesreviewer")
	delegate.page("/delegations", "我收到的授权", "测试 director")
	if code, _, _ := delegate.send("POST", "/delegations", form, nil); code != http.StatusForbidden {
		t.Errorf("a salesperson authorising: %d, want 403", code)
	}
}
