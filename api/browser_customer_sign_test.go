package api

import (
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserCustomerSignsOnPhone (R5.5, issue 11): the owner mails the
// customer's contact a link from the contract's page; the customer opens
// it on a phone-sized screen (390 px), sees the document's SHA-256, asks
// for a code, reads it from the mail (the recording SMTP server), types
// their name and the code and signs; the contract shows signed and
// verified with the customer's contact as the signer; opening the link
// again is refused (410) with a page that says why.
func TestBrowserCustomerSignsOnPhone(t *testing.T) {
	m := newMailEnv(t)
	salesAPI := m.as(t, "sales1")
	id, addr := m.signableContract(t, salesAPI, "赵敏")
	doc := m.document(t, salesAPI, id)
	b := m.newBrowser(t)

	sales := b.person("sales1")
	sales.signIn("sales1")
	page := "/contracts/" + id
	sales.open(page, "#customer-link-form")
	sales.do("mail the customer a link", setValue("#link-contact", addr),
		click("#link-by-email"), visible(`#customer-link-list tr[data-state="open"]`))
	sales.wantText(".flash-ok", addr)
	link := signLink.FindString(m.mailTo(t, addr, 1))
	if link == "" {
		t.Fatal("the mail holds no link")
	}
	path := link[strings.Index(link, "/sign/"):]

	cust := b.person("customer")
	cust.do("a phone's screen", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(3)))
	cust.open(path, "#customer-sign-form")
	if got := cust.text("#document-sha"); got != doc.sha {
		t.Errorf("the page shows %q as the document's SHA-256, want %q", got, doc.sha)
	}
	if wide := read(cust, "page width", chromedp.Evaluate[int]("document.documentElement.scrollWidth")); wide > 390 {
		t.Errorf("the page is %d px wide on a 390 px screen", wide)
	}
	cust.screenshot("customer-sign") // ends at the desktop width
	phone := chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(3))
	cust.do("back to the phone's screen", phone)
	cust.do("ask for a code", click("#send-code"), visible("#code-sent"))
	code := codeInMail.FindStringSubmatch(m.mailTo(t, addr, 2))
	if code == nil {
		t.Fatal("the mail holds no code")
	}
	cust.do("sign", typeIn("#signatory_name", "赵敏"), typeIn("#code", code[1]),
		click("#customer-sign-submit"), visible(`#customer-done[data-done="signed"]`))
	cust.wantText("#customer-done", "合同已签署")
	cust.screenshot("customer-signed")

	sales.reloadUntil(page, `.page-head [data-status="signed"]`)
	if got := sales.attr("#verify", "data-valid"); got != "true" {
		t.Errorf("verification after the customer's signature: data-valid=%q, want true", got)
	}
	sales.wantText(`[data-method="link"]`, "客户本人通过链接签署")

	cust.open(path, "#link-gone")
	cust.wantText("#link-gone", "链接已使用过")
	if status, _, _ := cust.fetch(path); status != http.StatusGone {
		t.Errorf("a second use of the link answers %d, want 410", status)
	}
}
