package api

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// The customer signs and answers for themselves (R5.5, F1; issue 11
// point 15), through HTTP against the real worker, PostgreSQL and mail.

// contractToSign walks a new contract of c to approved with the company's
// signature, and returns it with its customer.
func (e *testEnv) contractToSign(t *testing.T, c *apiClient) (string, string) {
	t.Helper()
	id := e.acceptedContract(c, 95_000)
	e.withTerms(c, id, 2, 95_000).status(http.StatusOK)
	c.post("/api/v1/contracts/"+id+"/submit", nil, "").status(http.StatusOK)
	wantContract(t, approveAll(t, id, e.as(t, "approver")), "approved")
	k := e.as(t, "approver").sign(id, "company", "", "").status(http.StatusOK)
	return id, k.str("customer_id")
}

// signableContract is contractToSign for a customer with a contact named
// name who has an address: the contract and the address.
func (e *testEnv) signableContract(t *testing.T, c *apiClient, name string) (string, string) {
	t.Helper()
	id, customerID := e.contractToSign(t, c)
	addr := "contact-" + randomSuffix() + "@example.com"
	e.withContact(t, customerID, name, addr)
	return id, addr
}

// localPathOf is the path of a link's address on the test server.
func localPathOf(t *testing.T, link string) string {
	t.Helper()
	u, err := url.Parse(link)
	if err != nil || !strings.HasPrefix(u.Path, "/sign/") {
		t.Fatalf("not a customer link: %q", link)
	}
	return u.Path
}

var codeInMail = regexp.MustCompile(`Your code is ([0-9]{6})`)

// codeFrom asks the page for a code and reads it from the n-th mail to addr.
func (m *mailEnv) codeFrom(t *testing.T, cust *pageClient, path, addr string, n int) string {
	t.Helper()
	if code, loc, body := cust.send("POST", path+"/code", url.Values{}, nil); code != http.StatusSeeOther || loc != path+"?code=sent" {
		t.Fatalf("ask for a code: %d %q %s", code, loc, body)
	}
	match := codeInMail.FindStringSubmatch(m.mailTo(t, addr, n))
	if match == nil {
		t.Fatalf("no code in the mail to %s", addr)
	}
	return match[1]
}

// auditDetail is the detail of the subject's latest event of action, and
// whether a user is recorded as its actor.
func (e *testEnv) auditDetail(t *testing.T, subjectID, action string) (map[string]any, bool) {
	t.Helper()
	var row struct {
		Detail  string  `db:"detail"`
		ActorID *string `db:"actor_id"`
	}
	err := e.Store.DB().GetContext(context.Background(), &row, `SELECT detail, actor_id FROM audit_events
		WHERE subject_id = $1 AND action = $2 ORDER BY seq DESC LIMIT 1`, subjectID, action)
	if err != nil {
		t.Fatalf("audit event %s of %s: %v", action, subjectID, err)
	}
	var d map[string]any
	if err := json.Unmarshal([]byte(row.Detail), &d); err != nil {
		t.Fatal(err)
	}
	return d, row.ActorID != nil
}

// TestCustomerSignsThroughLink: the owner can no longer sign for the
// customer without paper evidence; they mail a contact a link, the
// customer opens it (no account), sees the document's hash, gets a code by
// mail and signs; the contract is signed and verifies, the signer is the
// contact, not the salesperson, and the audit holds the link, the code's
// check and the client's address. The link then answers 410.
// Failed before: there was no link, and the owner's typed name signed.
func TestCustomerSignsThroughLink(t *testing.T) {
	m := newMailEnv(t)
	sales := m.as(t, "sales1")
	id, addr := m.signableContract(t, sales, "陈立")

	typed := sales.post("/api/v1/contracts/"+id+"/signatures", map[string]any{"signer_role": "customer", "signatory_name": "陈立"}, "")
	if typed.status(http.StatusUnprocessableEntity); !hasFieldError(typed, "paper_scan_sha256") {
		t.Fatalf("the owner signing for the customer without a scan: %s", typed.raw)
	}
	links := "/api/v1/contracts/" + id + "/customer-links"
	if r := sales.post(links, map[string]any{"email": "nobody@example.com", "channel": "email"}, ""); !hasFieldError(r.status(http.StatusUnprocessableEntity), "email") {
		t.Fatalf("a link to an address that is no contact's: %s", r.raw)
	}
	// Only the owner sends links: another salesperson does not see the
	// contract (404, or 403 where a delegation lets them see it), the
	// owner's manager sees it but may not send one.
	if r := m.as(t, "sales2").post(links, map[string]any{"email": addr, "channel": "email"}, ""); r.code != http.StatusNotFound && r.code != http.StatusForbidden {
		t.Fatalf("another salesperson sends a link: %d %s", r.code, r.raw)
	}
	m.as(t, "manager").post(links, map[string]any{"email": addr, "channel": "email"}, "").status(http.StatusForbidden)
	sent := sales.post(links, map[string]any{"email": addr, "channel": "email"}, "").status(http.StatusCreated)
	if _, shown := sent.body["url"]; shown || sent.body["link"].(map[string]any)["mailed_at"] == nil {
		t.Fatalf("an emailed link is mailed, and its address is not answered: %s", sent.raw)
	}
	path := localPathOf(t, signLink.FindString(m.mailTo(t, addr, 1)))

	doc := m.document(t, sales, id)
	cust := m.pageBrowser(t)
	cust.page(path, "签署合同", doc.sha, "陈立", `href="`+path+`/document"`)
	if code, _, pdf := cust.send("GET", path+"/document", nil, nil); code != http.StatusOK || !strings.HasPrefix(pdf, "%PDF") {
		t.Fatalf("the document behind the link: %d", code)
	}
	if code, loc, _ := cust.send("GET", "/lang/en", nil, map[string]string{"Referer": cust.base + path}); code != http.StatusSeeOther || loc != path {
		t.Fatalf("the language switch on the customer's page: %d %q", code, loc)
	}
	cust.page(path, "Sign the contract", "Mail me a code")
	cust.send("GET", "/lang/zh-CN", nil, nil)
	form := url.Values{"signatory_name": {"陈立"}, "code": {"000000"}}
	if code, _, html := cust.send("POST", path+"/sign", form, nil); code != http.StatusUnprocessableEntity || !strings.Contains(html, "请先获取验证码") {
		t.Fatalf("signing before any code was sent: %d", code)
	}
	form.Set("code", m.codeFrom(t, cust, path, addr, 2))
	if code, _, html := cust.send("POST", path+"/sign", form, nil); code != http.StatusOK || !strings.Contains(html, `data-done="signed"`) {
		t.Fatalf("the customer signs: %d\n%s", code, html)
	}

	v := sales.do("GET", "/api/v1/contracts/"+id+"/verification", nil, nil).status(http.StatusOK)
	if v.body["valid"] != true || v.str("status") != "signed" {
		t.Fatalf("signed through the link, the contract is valid: %s", v.raw)
	}
	k := sales.do("GET", "/api/v1/contracts/"+id, nil, nil).status(http.StatusOK)
	sig := k.body["signatures"].([]any)[1].(map[string]any)
	if sig["signer_role"] != "customer" || sig["method"] != "link" || sig["signer_contact"] != addr ||
		sig["signer_name"] != "陈立" || sig["signer_id"] != nil || sig["customer_signatory_name"] != "陈立" {
		t.Fatalf("the customer's contact signed, not the salesperson: %v", sig)
	}
	d, byUser := m.auditDetail(t, id, "contract.signed_customer")
	check, _ := d["code"].(map[string]any)
	if byUser || d["method"] != "link" || d["client_ip"] != "127.0.0.1" || d["contact_email"] != addr ||
		d["link_id"] == nil || check["attempt"] != float64(1) || check["checked_at"] == nil {
		t.Fatalf("the audit records the link, the code's check and the address: %v (a user as actor: %v)", d, byUser)
	}

	if code, _, html := cust.send("GET", path, nil, nil); code != http.StatusGone || !strings.Contains(html, "链接已使用过") {
		t.Fatalf("a second use of the link: %d", code)
	}
	if code, _, _ := cust.send("POST", path+"/sign", form, nil); code != http.StatusGone {
		t.Fatalf("a second signature through the link: %d, want 410", code)
	}
}

// TestCustomerLinkRefusals: five wrong codes lock the code (the right one
// is then refused too); a link whose document hash changed, one revoked
// by a newer link and one expired answer 410 and sign nothing.
// Failed before: there were no links.
func TestCustomerLinkRefusals(t *testing.T) {
	m := newMailEnv(t)
	sales := m.as(t, "sales1")
	id, addr := m.signableContract(t, sales, "李娜")
	links := "/api/v1/contracts/" + id + "/customer-links"
	first := sales.post(links, map[string]any{"email": addr, "channel": "copy"}, "").status(http.StatusCreated)
	path := localPathOf(t, first.str("url"))
	cust := m.pageBrowser(t)

	code := m.codeFrom(t, cust, path, addr, 1)
	wrong := "000000"
	if code == wrong {
		wrong = "000001"
	}
	form := url.Values{"signatory_name": {"李娜"}, "code": {wrong}}
	for try := 1; try <= 5; try++ {
		status, _, html := cust.send("POST", path+"/sign", form, nil)
		want, text := http.StatusUnprocessableEntity, "还可尝试"
		if try == 5 {
			want, text = http.StatusTooManyRequests, "输错次数过多"
		}
		if status != want || !strings.Contains(html, text) {
			t.Fatalf("wrong code %d: %d, want %d with %q", try, status, want, text)
		}
	}
	form.Set("code", code)
	if status, _, _ := cust.send("POST", path+"/sign", form, nil); status != http.StatusTooManyRequests {
		t.Fatalf("the right code after five wrong ones: %d, want 429 (locked)", status)
	}

	db := m.Store.DB()
	if _, err := db.Exec(`UPDATE contract_documents SET sha256 = repeat('0', 64) WHERE contract_id = $1`, id); err != nil {
		t.Fatal(err)
	}
	if status, _, html := cust.send("GET", path, nil, nil); status != http.StatusGone || !strings.Contains(html, "文件在发送链接后已改变") {
		t.Fatalf("a link whose document changed: %d", status)
	}
	if _, err := db.Exec(`UPDATE contract_documents SET sha256 = $2 WHERE contract_id = $1`, id, first.body["link"].(map[string]any)["document_sha256"]); err != nil {
		t.Fatal(err)
	}

	second := sales.post(links, map[string]any{"email": addr, "channel": "copy"}, "").status(http.StatusCreated)
	if status, _, html := cust.send("GET", path, nil, nil); status != http.StatusGone || !strings.Contains(html, "作废") {
		t.Fatalf("a link revoked by a newer one: %d", status)
	}
	path2 := localPathOf(t, second.str("url"))
	cust.page(path2, "签署合同")
	if _, err := db.Exec(`UPDATE customer_links SET expires_at = created_at + interval '1 millisecond' WHERE id = $1`,
		second.body["link"].(map[string]any)["id"]); err != nil {
		t.Fatal(err)
	}
	if status, _, html := cust.send("GET", path2, nil, nil); status != http.StatusGone || !strings.Contains(html, "链接已过期") {
		t.Fatalf("an expired link: %d", status)
	}
	if status, _, _ := cust.send("POST", path2+"/code", url.Values{}, nil); status != http.StatusGone {
		t.Fatalf("a code for an expired link: %d, want 410", status)
	}
	if status, _, _ := cust.send("GET", "/sign/"+strings.Repeat("A", 43), nil, nil); status != http.StatusNotFound {
		t.Fatalf("a token never issued: %d, want 404", status)
	}
	if k := sales.do("GET", "/api/v1/contracts/"+id, nil, nil).status(http.StatusOK); len(k.body["signatures"].([]any)) != 1 {
		t.Fatalf("nothing was signed: %s", k.raw)
	}
}

// TestPaperSignatureBoundToScan: a customer's signature given on paper is
// recorded by the owner only with the signed scan, stored with its
// SHA-256, which the sealed signature binds and the contract page shows;
// a proposal answer the owner records is marked paper.
// Failed before: the owner's typed name was the customer's signature.
func TestPaperSignatureBoundToScan(t *testing.T) {
	e := newTestEnv(t)
	sales := e.as(t, "sales1")
	id, _ := e.contractToSign(t, sales)
	path := "/api/v1/contracts/" + id
	sales.post(path+"/signatures", map[string]any{"signer_role": "customer", "signatory_name": "周总"}, "").
		status(http.StatusUnprocessableEntity)
	if r := sales.uploadScan(id, []byte("just text, not a scan")); !hasFieldError(r.status(http.StatusUnprocessableEntity), "file") {
		t.Fatalf("a scan that is no PDF or image: %s", r.raw)
	}
	e.as(t, "approver").uploadScan(id, paperScan(id, "周总")).status(http.StatusForbidden)
	scan := sales.uploadScan(id, paperScan(id, "周总")).status(http.StatusCreated)
	sha := scan.str("sha256")
	if again := sales.uploadScan(id, paperScan(id, "周总")).status(http.StatusCreated); again.str("sha256") != sha {
		t.Fatalf("the same bytes again are the same scan: %s", again.raw)
	}
	signed := sales.post(path+"/signatures", map[string]any{"signer_role": "customer", "signatory_name": "周总",
		"paper_scan_sha256": sha}, "").status(http.StatusOK)
	wantContract(t, signed, "signed")
	sig := signed.body["signatures"].([]any)[1].(map[string]any)
	if sig["method"] != "paper" || sig["paper_scan_sha256"] != sha || sig["signer_id"] != e.users["sales1"].ID {
		t.Fatalf("a paper signature names its scan: %v", sig)
	}
	if v := sales.do("GET", path+"/verification", nil, nil).status(http.StatusOK); v.body["valid"] != true {
		t.Fatalf("the sealed paper signature verifies: %s", v.raw)
	}
	got := sales.do("GET", path+"/paper-scans/"+sha, nil, nil).status(http.StatusOK)
	if string(got.raw) != string(paperScan(id, "周总")) || got.header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("the scan as uploaded: %q", got.raw)
	}
	page := e.pageBrowser(t)
	page.signIn("sales1")
	page.page("/contracts/"+id, "纸质签署", sha)

	k := sales.do("GET", path, nil, nil).status(http.StatusOK)
	if d, _ := e.auditDetail(t, k.str("proposal_id"), "proposal.customer_accepted"); d["method"] != "paper" {
		t.Fatalf("the owner's record of the customer's acceptance is marked paper: %v", d)
	}
}

// TestCustomerAnswersProposalThroughLink (F1): the owner records no
// answer not given on paper; the customer declines through a link with a
// mailed code (the proposal goes back to revising, the audit names the
// contact and the address, no user), the link is then gone; after a new
// version is approved, a new link lets the customer accept, and the
// contract is drafted. Failed before: only the owner recorded answers.
func TestCustomerAnswersProposalThroughLink(t *testing.T) {
	m := newMailEnv(t)
	sales := m.as(t, "sales1")
	id := m.newProposal(sales, "客户链接方案")
	p := "/api/v1/proposals/" + id
	approve := func() {
		sales.post(p+"/submit", nil, "").status(http.StatusOK)
		rev := m.as(t, "reviewer")
		rev.decide(rev.openTaskFor(id), "approve", "", "").status(http.StatusOK)
	}
	approve()
	customerID := sales.do("GET", p, nil, nil).status(http.StatusOK).str("customer_id")
	addr := "wang-" + randomSuffix() + "@example.com"
	m.withContact(t, customerID, "王芳", addr)
	if r := sales.post(p+"/customer-response", map[string]any{"accepted": true}, ""); !hasFieldError(r.status(http.StatusUnprocessableEntity), "paper") {
		t.Fatalf("the owner answering for the customer: %s", r.raw)
	}

	sales.post(p+"/customer-links", map[string]any{"email": addr, "channel": "email"}, "").status(http.StatusCreated)
	path := localPathOf(t, signLink.FindString(m.mailTo(t, addr, 1)))
	cust := m.pageBrowser(t)
	cust.page(path, "答复方案", "客户链接方案", "王芳")
	form := url.Values{"signatory_name": {"王芳"}, "code": {m.codeFrom(t, cust, path, addr, 2)}, "accepted": {"false"}, "note": {"预算再议"}}
	if code, _, html := cust.send("POST", path+"/answer", form, nil); code != http.StatusOK || !strings.Contains(html, `data-done="declined"`) {
		t.Fatalf("the customer declines: %d\n%s", code, html)
	}
	if got := sales.do("GET", p, nil, nil).status(http.StatusOK); got.str("status") != "revising" {
		t.Fatalf("declined through the link: %s", got.raw)
	}
	d, byUser := m.auditDetail(t, id, "proposal.customer_declined")
	if byUser || d["method"] != "link" || d["contact_email"] != addr || d["client_ip"] != "127.0.0.1" || d["note"] != "预算再议" {
		t.Fatalf("the audit of the customer's own answer: %v (a user as actor: %v)", d, byUser)
	}
	if code, _, _ := cust.send("POST", path+"/answer", form, nil); code != http.StatusGone {
		t.Fatalf("a second answer through the link: %d, want 410", code)
	}

	sales.do("PUT", p, map[string]any{"title": "客户链接方案 v2", "body": "再报价", "items": m.items(85_000)}, nil).status(http.StatusOK)
	approve()
	again := sales.post(p+"/customer-links", map[string]any{"email": addr, "channel": "copy"}, "").status(http.StatusCreated)
	path = localPathOf(t, again.str("url"))
	form.Set("accepted", "true")
	form.Set("code", m.codeFrom(t, cust, path, addr, 3))
	if code, _, html := cust.send("POST", path+"/answer", form, nil); code != http.StatusOK || !strings.Contains(html, `data-done="accepted"`) {
		t.Fatalf("the customer accepts: %d\n%s", code, html)
	}
	if got := sales.do("GET", p, nil, nil).status(http.StatusOK); got.str("status") != "accepted" {
		t.Fatalf("accepted through the link: %s", got.raw)
	}
}
