package pages

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"salesflow/httpx"
	"salesflow/i18n"
	"salesflow/pages/site"
	"salesflow/pages/site/sitetest"
	"salesflow/policy"
	"salesflow/service"
	"salesflow/store"
	"salesflow/web"

	"github.com/gin-gonic/gin"
)

// samplePages are the pages with data a person would see, in one language.
func samplePages(lang i18n.Lang) map[string]any {
	now := time.Date(2025, 3, 3, 1, 30, 0, 0, time.UTC) // 09:30 in Shanghai
	due, version, task := now.Add(-2*time.Hour), 2, "t-1"
	user := &store.User{ID: "u-1", Username: "reviewer", Name: "李审", Roles: []string{"reviewer"}}
	sales := &store.User{ID: "u-2", Username: "sales1", Name: "王销", Roles: []string{"salesperson"}}
	base := func(u *store.User) site.Base {
		b := site.Base{Lang: string(lang), User: u}
		b.Nav.Proposals, b.Nav.NewProposal = true, u == sales
		return b
	}
	t := store.Task{ID: task, Kind: "proposal_review", SubjectType: "proposal", SubjectID: "p-1",
		SubjectVersion: &version, SubjectTitle: "春季首页推广", AuthorID: "u-2", AuthorName: "王销",
		Status: "open", CreatedAt: now.Add(-26 * time.Hour), DueAt: &due}
	p := store.Proposal{ID: "p-1", CustomerName: "华星商贸", OwnerID: "u-2", OwnerName: "王销",
		Status: "in_review", Version: 2, Title: "春季首页推广", Body: "三月投放", TotalFen: 2_160_000,
		CreatedAt: now, UpdatedAt: now, OpenTaskID: &task,
		Items: []store.ProposalItem{{LineNo: 1, ProductID: "pr-1", ProductCode: "A01", ProductName: "首页横幅",
			Unit: "天", Quantity: 2, UnitPriceFen: 1_080_000, ListPriceFen: 1_200_000}},
		Versions: []store.ProposalVersion{{Version: 1, Title: "首页推广", TotalFen: 2_400_000, CreatedAt: now},
			{Version: 2, Title: "春季首页推广", TotalFen: 2_160_000, CreatedAt: now}}}
	p.History = []store.Event{{ActorName: "王销", Action: "proposal.created", At: now, Detail: json.RawMessage(`{"version":1}`)},
		{ActorName: "李审", Action: "proposal.review_rejected", At: now, Detail: json.RawMessage(`{"version":1,"comment":"价格再议"}`)}}
	products := []store.Product{{ID: "pr-1", Code: "A01", Name: "首页横幅", Unit: "天", ListPriceFen: 1_200_000, Active: true}}
	card := newTaskCard(t, now)
	form := proposalForm{Base: base(sales), Action: "/proposals", Key: "k",
		Customers: []store.Customer{{ID: "c-1", Name: "华星商贸"}}, CustomerID: "c-1", Title: "",
		Lines: []lineView{{ProductID: "pr-1", Quantity: "2", Price: "1.234", Products: products,
			Errs: []string{"单价（元）：最多两位小数"}}}}
	form.Problem = &site.Problem{Status: 422, Title: i18n.T(lang, "problem.validation"),
		Fields: map[string]string{"title": i18n.T(lang, "field.required")}}
	return map[string]any{
		"login":     loginPage{Base: base(nil), Next: "/inbox"},
		"inbox":     inboxPage{Base: base(user), Tasks: []taskCard{card}},
		"proposals": proposalsPage{Base: base(sales), Proposals: []store.Proposal{p}, Statuses: service.ProposalStatuses},
		"proposal": proposalPage{Base: base(user), P: p, Items: itemViews(p.Items), History: historyRows(p.History),
			Actions: proposalActions{Review: &decisionForm{TaskID: task, Key: "k", Return: "/proposals/p-1"}}},
		"proposal_form": form,
		"error":         site.ErrorPage{Base: site.Base{Lang: string(lang), Problem: &site.Problem{Title: i18n.T(lang, "problem.not_found")}}},
	}
}

// TestPageTemplates renders every page in both languages and checks what
// a reader would look for.
func TestPageTemplates(t *testing.T) {
	sitetest.CheckPages(t, samplePages, map[i18n.Lang]map[string][]string{
		i18n.ZH: {
			"login":         {`<html lang="zh-CN">`, "登录", "用户名", "密码", "English"},
			"inbox":         {"待办事项", "春季首页推广", "方案评审", "已逾期", "批准", "驳回", "2025-03-02 07:30", `name="idempotency_key"`, `hx-post="/tasks/t-1/decision"`, "李审", "退出"},
			"proposals":     {"方案", "华星商贸", "评审中", "¥21,600.00", "新建方案"},
			"proposal":      {"春季首页推广", "评审中", "目录价", "¥12,000.00", "¥10,800.00", "¥21,600.00", "−10.0%", "评审驳回", "价格再议", "2025-03-03 09:30", "第 2 版", `action="/tasks/t-1/decision"`},
			"proposal_form": {"新建方案", "华星商贸", "首页横幅", "输入有误", "必填", "最多两位小数", `value="1.234"`, "添加一行"},
			"error":         {"未找到", "返回首页"},
		},
		i18n.EN: {
			"login":         {`<html lang="en">`, "Sign in", "Username", "中文"},
			"inbox":         {"Inbox", "Proposal review", "Overdue", "Approve", "Reject", "Sign out"},
			"proposals":     {"Proposals", "In review", "New proposal"},
			"proposal":      {"List price", "Agreed price", "rejected it in review", "History", "v2"},
			"proposal_form": {"New proposal", "Invalid input", "is required", "Add a line", "Create proposal"},
			"error":         {"Not found", "Back to the start"},
		},
	})
}

// TestPageFragments renders the htmx swap targets on their own.
func TestPageFragments(t *testing.T) {
	view, err := web.New(web.Options{Location: policy.Shanghai})
	if err != nil {
		t.Fatal(err)
	}
	decision := "approve"
	done := store.Task{ID: "t-1", SubjectType: "proposal", SubjectID: "p-1", SubjectTitle: "春季首页推广", Decision: &decision}
	for name, tc := range map[string]struct {
		data any
		want string
	}{
		"task_done": {done, "已批准"},
		"line_row":  {lineView{Products: []store.Product{{ID: "pr-1", Code: "A01", Name: "首页横幅", Unit: "天", ListPriceFen: 100, Active: true}}}, "¥1.00/天"},
		"problem":   {&site.Problem{Title: "输入有误"}, `role="alert"`},
	} {
		var buf bytes.Buffer
		if err := view.Fragment(&buf, string(i18n.ZH), name, tc.data); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !strings.Contains(buf.String(), tc.want) {
			t.Errorf("%s: %q missing in %s", name, tc.want, buf.String())
		}
	}
}

// TestPageCatalogue checks that every key the templates use, and every
// status, audit action and task kind the store can hold, has both texts.
func TestPageCatalogue(t *testing.T) {
	files, _ := filepath.Glob("../web/templates/*.html")
	if len(files) == 0 {
		t.Fatal("no templates found")
	}
	keys := map[string]bool{}
	re := regexp.MustCompile(`\bt "(page\.[a-z0-9_.]+)"`)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			keys[m[1]] = true
		}
	}
	for _, s := range service.ProposalStatuses {
		keys["page.status."+s] = true
	}
	for _, a := range []string{"created", "revised", "submitted", "review_approved", "review_rejected",
		"customer_declined", "customer_accepted"} {
		keys["page.action.proposal."+a] = true
	}
	keys["page.task_kind.proposal_review"] = true
	for _, ch := range policy.Channels {
		keys["page.channel."+ch] = true
	}
	for _, cl := range policy.Classes {
		keys["page.class."+cl] = true
	}
	for k := range keys {
		zh, okZH := i18n.Lookup(i18n.ZH, k)
		en, okEN := i18n.Lookup(i18n.EN, k)
		if !okZH || !okEN || zh == "" || en == "" {
			t.Errorf("%s: missing in the catalogue or in one language", k)
		}
	}
}

func TestParseYuan(t *testing.T) {
	tests := []struct {
		in   string
		fen  int64
		want error
	}{
		{"0.01", 1, nil},
		{"12", 1200, nil},
		{"12.5", 1250, nil},
		{"12.50", 1250, nil},
		{"0", 0, nil},
		{"007.10", 710, nil},
		{" 1234.56 ", 123456, nil},
		{"1,234.50", 123450, nil},
		{"1,234,567", 123456700, nil},
		{"¥99.99", 9999, nil},
		{"￥ 3", 300, nil},
		{"999999999999999.99", 99999999999999999, nil},
		{"", 0, web.ErrYuanEmpty},
		{"  ", 0, web.ErrYuanEmpty},
		{"-1", 0, web.ErrYuanNegative},
		{"-0.01", 0, web.ErrYuanNegative},
		{"1.234", 0, web.ErrYuanPrecision},
		{"0.001", 0, web.ErrYuanPrecision},
		{"1,23.4", 0, web.ErrYuanSyntax},
		{"1234,567", 0, web.ErrYuanSyntax},
		{",123", 0, web.ErrYuanSyntax},
		{"12.", 0, web.ErrYuanSyntax},
		{".5", 0, web.ErrYuanSyntax},
		{"1e3", 0, web.ErrYuanSyntax},
		{"+5", 0, web.ErrYuanSyntax},
		{"1 000", 0, web.ErrYuanSyntax},
		{"1.2.3", 0, web.ErrYuanSyntax},
		{"１２", 0, web.ErrYuanSyntax}, // full-width digits are not read as numbers
		{"1000000000000000", 0, web.ErrYuanRange},
	}
	for _, tt := range tests {
		fen, err := web.ParseYuan(tt.in)
		if !errors.Is(err, tt.want) || fen != tt.fen {
			t.Errorf("ParseYuan(%q) = %d, %v; want %d, %v", tt.in, fen, err, tt.fen, tt.want)
		}
	}
}

func TestFormatFen(t *testing.T) {
	tests := []struct {
		fen         int64
		yuan, plain string
	}{
		{0, "¥0.00", "0.00"},
		{1, "¥0.01", "0.01"},
		{10, "¥0.10", "0.10"},
		{1200, "¥12.00", "12.00"},
		{123456, "¥1,234.56", "1234.56"},
		{100000000, "¥1,000,000.00", "1000000.00"},
		{-50, "-¥0.50", "-0.50"},
		{-123456789, "-¥1,234,567.89", "-1234567.89"},
		{-9223372036854775808, "-¥92,233,720,368,547,758.08", "-92233720368547758.08"},
	}
	for _, tt := range tests {
		if got := web.FormatYuan(tt.fen); got != tt.yuan {
			t.Errorf("FormatYuan(%d) = %q, want %q", tt.fen, got, tt.yuan)
		}
		if got := web.PlainYuan(tt.fen); got != tt.plain {
			t.Errorf("PlainYuan(%d) = %q, want %q", tt.fen, got, tt.plain)
		}
		if tt.fen >= 0 && tt.fen < 1e17 {
			if back, err := web.ParseYuan(web.FormatYuan(tt.fen)); err != nil || back != tt.fen {
				t.Errorf("ParseYuan(FormatYuan(%d)) = %d, %v", tt.fen, back, err)
			}
		}
	}
}

func TestPageLocalPath(t *testing.T) {
	for in, want := range map[string]string{
		"/proposals/1":          "/proposals/1",
		"/proposals?status=a":   "/proposals?status=a",
		"":                      "/inbox",
		"https://evil.example/": "/inbox",
		"//evil.example/x":      "/inbox",
		"/\\evil.example":       "/inbox",
		"inbox":                 "/inbox",
	} {
		if got := site.LocalPath(in, "/inbox"); got != want {
			t.Errorf("site.LocalPath(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestPageGuards checks the rules that need no database: anonymous pages
// go to sign-in, assets are served, and a form posted from another site is
// refused before anything runs.
func TestPageGuards(t *testing.T) {
	site, err := New(nil, nil, slog.New(slog.NewTextHandler(io.Discard, nil)), Config{})
	if err != nil {
		t.Fatal(err)
	}
	h := gin.New()
	site.Mount(h)
	do := func(method, target string, header map[string]string, body string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, target, strings.NewReader(body))
		req.Host = "salesflow.test"
		if body != "" {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		for k, v := range header {
			req.Header.Set(k, v)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	form := url.Values{"username": {"sales1"}, "password": {"x"}}.Encode()
	tests := []struct {
		name, method, target string
		header               map[string]string
		body                 string
		status               int
		location, contains   string
	}{
		{"root", "GET", "/", nil, "", http.StatusSeeOther, "/login", ""},
		{"inbox anonymous", "GET", "/inbox", nil, "", http.StatusSeeOther, "/login?next=%2Finbox", ""},
		{"proposal anonymous", "GET", "/proposals/p-1", nil, "", http.StatusSeeOther, "/login?next=%2Fproposals%2Fp-1", ""},
		{"htmx anonymous", "POST", "/tasks/t-1/decision", map[string]string{"HX-Request": "true"}, "", http.StatusUnauthorized, "", ""},
		{"login page zh", "GET", "/login", nil, "", http.StatusOK, "", "用户名"},
		{"login page en", "GET", "/login", map[string]string{"Accept-Language": "en-US"}, "", http.StatusOK, "", "Username"},
		{"login cross-site", "POST", "/login", map[string]string{"Origin": "https://evil.example"}, form, http.StatusForbidden, "", "无权执行此操作"},
		{"logout cross-site", "POST", "/logout", map[string]string{"Referer": "https://evil.example/x"}, "", http.StatusForbidden, "", ""},
		{"lang", "GET", "/lang/en", map[string]string{"Referer": "http://salesflow.test/proposals?status=draft"}, "", http.StatusSeeOther, "/proposals?status=draft", ""},
		{"lang foreign referer", "GET", "/lang/en", map[string]string{"Referer": "https://evil.example/x"}, "", http.StatusSeeOther, "/", ""},
		{"css", "GET", "/static/app.css", nil, "", http.StatusOK, "", ".badge-overdue"},
		{"htmx", "GET", "/static/htmx.min.js", nil, "", http.StatusOK, "", "htmx"},
		{"no listing", "GET", "/static/", nil, "", http.StatusNotFound, "", ""},
	}
	for _, tt := range tests {
		rec := do(tt.method, tt.target, tt.header, tt.body)
		if rec.Code != tt.status {
			t.Errorf("%s: status %d, want %d", tt.name, rec.Code, tt.status)
		}
		if loc := rec.Header().Get("Location"); tt.location != "" && loc != tt.location {
			t.Errorf("%s: Location %q, want %q", tt.name, loc, tt.location)
		}
		if tt.contains != "" && !strings.Contains(rec.Body.String(), tt.contains) {
			t.Errorf("%s: body lacks %q", tt.name, tt.contains)
		}
	}
	if rec := do("GET", "/lang/en", nil, ""); !strings.Contains(rec.Header().Get("Set-Cookie"), httpx.LangCookie+"=en") {
		t.Errorf("lang: cookie not set: %q", rec.Header().Get("Set-Cookie"))
	}
	if rec := do("GET", "/inbox", map[string]string{"HX-Request": "true"}, ""); rec.Header().Get("HX-Redirect") == "" {
		t.Error("htmx anonymous: no HX-Redirect")
	}
}
