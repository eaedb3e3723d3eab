package api

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
)

// pageClient is a browser: a cookie jar, form posts, no redirects followed
// unless asked, and the Origin header a browser sends with a form post.
type pageClient struct {
	t    *testing.T
	base string
	http *http.Client
}

func (e *testEnv) pageBrowser(t *testing.T) *pageClient {
	jar, _ := cookiejar.New(nil)
	return &pageClient{t: t, base: e.URL, http: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// send makes one request and returns the status, the Location and the body.
func (b *pageClient) send(method, path string, form url.Values, header map[string]string) (int, string, string) {
	b.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, b.base+path, body)
	if err != nil {
		b.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", b.base)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := b.http.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header.Get("Location"), string(raw)
}

// page GETs path and wants 200 with every one of texts.
func (b *pageClient) page(path string, texts ...string) string {
	b.t.Helper()
	code, _, html := b.send("GET", path, nil, nil)
	if code != http.StatusOK {
		b.t.Fatalf("GET %s: %d\n%s", path, code, html)
	}
	for _, text := range texts {
		if !strings.Contains(html, text) {
			b.t.Errorf("GET %s: %q missing", path, text)
		}
	}
	return html
}

func (b *pageClient) signIn(username string) {
	b.t.Helper()
	code, loc, html := b.send("POST", "/login", url.Values{"username": {username}, "password": {testPassword}}, nil)
	if code != http.StatusSeeOther || loc != "/inbox" {
		b.t.Fatalf("sign in as %s: %d %q\n%s", username, code, loc, html)
	}
}

// TestPagesProposalLoop walks F1 through the pages as people would: the
// salesperson signs in with the form, drafts a proposal typed in yuan and
// submits it; the reviewer approves it from the inbox with htmx, twice
// (a double click), and both see the outcome in Chinese.
func TestPagesProposalLoop(t *testing.T) {
	e := newTestEnv(t)
	customer := e.as(t, "sales1").newCustomer("页面客户 " + randomSuffix())

	sales := e.pageBrowser(t)
	code, _, html := sales.send("POST", "/login", url.Values{"username": {"sales1"}, "password": {"wrong"}}, nil)
	if code != http.StatusUnauthorized || !strings.Contains(html, "用户名或密码错误") {
		t.Fatalf("wrong password: %d, want 401 with the Chinese message", code)
	}
	sales.signIn("sales1")
	sales.page("/inbox", "待办事项", "测试 sales1")
	sales.page("/proposals/new", "新建方案", "页面客户", "产品 0")

	form := url.Values{"idempotency_key": {"page-" + randomSuffix()}, "customer_id": {customer},
		"title": {"页面方案"}, "body": {"正文"}, "product_id": {e.products[0].ID, ""},
		"quantity": {"3", ""}, "unit_price": {"1.234", ""}}
	code, _, html = sales.send("POST", "/proposals", form, nil)
	if code != http.StatusUnprocessableEntity || !strings.Contains(html, "最多两位小数") {
		t.Fatalf("price with three decimals: %d, want 422 with the field message", code)
	}
	form.Set("unit_price", "900.5")
	code, loc, _ := sales.send("POST", "/proposals", form, nil)
	if code != http.StatusSeeOther || !strings.HasPrefix(loc, "/proposals/") {
		t.Fatalf("create: %d %q", code, loc)
	}
	if again, locAgain, _ := sales.send("POST", "/proposals", form, nil); again != http.StatusSeeOther || locAgain != loc {
		t.Fatalf("the same form posted twice made another proposal: %q then %q", loc, locAgain)
	}
	sales.page(loc, "页面方案", "草稿", "¥900.50", "¥2,701.50", "已创建", "创建了方案")
	if code, _, _ := sales.send("POST", loc+"/submit", url.Values{"idempotency_key": {"s-" + randomSuffix()}}, nil); code != http.StatusSeeOther {
		t.Fatalf("submit: %d", code)
	}
	sales.page(loc, "评审中", "提交评审")

	reviewer := e.pageBrowser(t)
	reviewer.signIn("reviewer")
	inbox := reviewer.page("/inbox", "页面方案", "方案评审")
	taskID := pageValueAfter(inbox, `action="/tasks/`, `/decision"`, "页面方案")
	decide := url.Values{"idempotency_key": {"d-" + randomSuffix()}, "decision": {"approve"}, "return": {"/inbox"}}
	for range 2 {
		code, _, html := reviewer.send("POST", "/tasks/"+taskID+"/decision", decide, map[string]string{"HX-Request": "true"})
		if code != http.StatusOK || !strings.Contains(html, "已批准") {
			t.Fatalf("approve (htmx): %d\n%s", code, html)
		}
	}
	reviewer.page(loc, "已批准", "评审通过", "测试 reviewer")
	sales.page(loc, "客户接受", "客户拒绝")
	if inbox := reviewer.page("/inbox"); strings.Contains(inbox, taskID) {
		t.Error("the decided task is still in the inbox")
	}
}

// pageValueAfter returns the text between open and close that first follows
// anchor in html: a value inside the card that shows anchor.
func pageValueAfter(html, open, close, anchor string) string {
	i := strings.Index(html, anchor)
	if i < 0 {
		return ""
	}
	rest := html[i:]
	j := strings.Index(rest, open)
	if j < 0 {
		return ""
	}
	rest = rest[j+len(open):]
	k := strings.Index(rest, close)
	if k < 0 {
		return ""
	}
	return rest[:k]
}
