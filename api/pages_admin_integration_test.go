package api

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// fieldError is the message the page shows beside field: the first
// field-error after the field's input (or its first checkbox).
func fieldError(html, field string) string {
	i := strings.Index(html, `name="`+field+`"`)
	if i < 0 {
		return ""
	}
	const mark = `class="field-error">`
	j := strings.Index(html[i:], mark)
	if j < 0 {
		return ""
	}
	rest := html[i+j+len(mark):]
	return rest[:strings.Index(rest, "<")]
}

// wantBeside fails unless each field shows its message beside it.
func wantBeside(t *testing.T, html string, messages map[string]string) {
	t.Helper()
	for field, msg := range messages {
		if got := fieldError(html, field); !strings.Contains(got, msg) {
			t.Errorf("beside %s: %q, want %q", field, got, msg)
		}
	}
}

// onlyItem is the one item of a list answer whose key is value; it fails
// unless there is exactly one (a form posted twice stores one).
func onlyItem(t *testing.T, list response, key, value string) map[string]any {
	t.Helper()
	var found []map[string]any
	for _, it := range list.status(http.StatusOK).body["items"].([]any) {
		if m := it.(map[string]any); m[key] == value {
			found = append(found, m)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d items with %s %s, want 1 (the same form twice)", len(found), key, value)
	}
	return found[0]
}

// wantForbidden checks that a salesperson gets the 403 page for every path
// (GET, and POST with a form) and no admin entries in the navigation.
func wantForbidden(t *testing.T, b *pageClient, paths ...string) {
	t.Helper()
	for _, path := range paths {
		for _, method := range []string{"GET", "POST"} {
			var form url.Values
			if method == "POST" {
				form = url.Values{"idempotency_key": {"x-" + randomSuffix()}}
			}
			if code, _, html := b.send(method, path, form, nil); code != http.StatusForbidden || !strings.Contains(html, "无权") {
				t.Errorf("%s %s as a salesperson: %d, want the 403 page", method, path, code)
			}
		}
	}
	if html := b.page("/inbox"); strings.Contains(html, `href="/admin/`) {
		t.Error("a salesperson's navigation offers the admin pages")
	}
}

// TestPagesAdminUsers adds a user and changes one through the pages: the
// API's checks show beside their fields (in Chinese, and in English after
// the switch), a double click adds one user, and only admins get in.
func TestPagesAdminUsers(t *testing.T) {
	e := newTestEnv(t)
	admin := e.pageBrowser(t)
	admin.signIn("admin")
	admin.page("/inbox", `href="/admin/users"`, `href="/admin/products"`, `href="/admin/calendar"`)
	admin.page("/admin/users", "用户", "测试 sales1", "销售人员", "测试 manager", "10%", "新增用户", `name="idempotency_key"`)

	bad := url.Values{"idempotency_key": {"u-" + randomSuffix()}, "username": {"Not Valid"}, "name": {"新人"},
		"password": {"short"}, "discount_authority_pct": {"lots"}}
	code, _, html := admin.send("POST", "/admin/users", bad, nil)
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("invalid user: %d, want 422\n%s", code, html)
	}
	wantBeside(t, html, map[string]string{"username": "只能包含小写字母", "password": "密码至少 8 个字符",
		"roles": "必填", "discount_authority_pct": "必须在 0 到 100 之间"})
	if strings.Contains(html, `value="short"`) {
		t.Error("the typed password is echoed back into the page")
	}
	taken := url.Values{"idempotency_key": {"u-" + randomSuffix()}, "username": {"sales1"}, "name": {"重名"},
		"password": {testPassword}, "roles": {"salesperson"}}
	if code, _, html := admin.send("POST", "/admin/users", taken, nil); code != http.StatusConflict {
		t.Errorf("a taken username: %d, want 409", code)
	} else {
		wantBeside(t, html, map[string]string{"username": "用户名已被使用"})
	}

	username := "new" + randomSuffix()
	good := url.Values{"idempotency_key": {"u-" + randomSuffix()}, "username": {username}, "name": {"新 销售"},
		"password": {testPassword}, "roles": {"salesperson", "reviewer"}, "manager_id": {e.users["manager"].ID},
		"discount_authority_pct": {"8"}}
	for range 2 { // a double click adds one user
		if code, loc, html := admin.send("POST", "/admin/users", good, nil); code != http.StatusSeeOther || loc != "/admin/users" {
			t.Fatalf("add user: %d %q\n%s", code, loc, html)
		}
	}
	admin.page("/admin/users", "用户已新增", username, "新 销售", "方案评审")
	stored := onlyItem(t, e.as(t, "admin").do("GET", "/api/v1/users", nil, nil), "username", username)
	if stored["manager_id"] != e.users["manager"].ID || stored["discount_authority_pct"] != float64(8) {
		t.Errorf("stored user: %v", stored)
	}
	id := stored["id"].(string)

	page := "/admin/users/" + id
	admin.page(page, "新 销售", `value="8"`, "新密码")
	edit := url.Values{"idempotency_key": {"ue-" + randomSuffix()}, "name": {"新 销售"}, "roles": {"salesperson"},
		"manager_id": {id}, "discount_authority_pct": {"150"}, "active": {"true"}}
	code, _, html = admin.send("POST", page, edit, nil)
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("invalid edit: %d\n%s", code, html)
	}
	wantBeside(t, html, map[string]string{"discount_authority_pct": "必须在 0 到 100 之间", "manager_id": "不能把用户设为自己的经理"})
	admin.send("GET", "/lang/en", nil, nil)
	if _, _, html := admin.send("POST", page, edit, nil); !strings.Contains(fieldError(html, "discount_authority_pct"), "must be from 0 to 100") {
		t.Errorf("in English: %q", fieldError(html, "discount_authority_pct"))
	}
	admin.send("GET", "/lang/zh-CN", nil, nil)
	edit.Set("manager_id", e.users["manager2"].ID)
	edit.Set("discount_authority_pct", "15")
	edit.Del("active")
	if code, loc, _ := admin.send("POST", page, edit, nil); code != http.StatusSeeOther || loc != "/admin/users" {
		t.Fatalf("edit: %d %q", code, loc)
	}
	admin.page("/admin/users", "用户已保存", "已停用", "15%")
	u, err := e.Store.UserByID(t.Context(), id)
	if err != nil || u.DiscountAuthorityPct != 15 || u.ManagerID != e.users["manager2"].ID || u.Active || len(u.Roles) != 1 {
		t.Fatalf("stored after edit: %+v %v", u, err)
	}

	self := url.Values{"idempotency_key": {"us-" + randomSuffix()}, "name": {"测试 admin"}, "roles": {"reviewer"}}
	code, _, html = admin.send("POST", "/admin/users/"+e.users["admin"].ID, self, nil)
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("an admin locking themselves out: %d, want 422", code)
	}
	wantBeside(t, html, map[string]string{"roles": "不能取消自己的管理员角色", "active": "不能停用自己的账号"})

	sales := e.pageBrowser(t)
	sales.signIn("sales1")
	wantForbidden(t, sales, "/admin/users", page)
}

// TestPagesAdminProducts adds a rate-card line and changes its list price
// and whether it is offered; the proposal form stops offering it.
func TestPagesAdminProducts(t *testing.T) {
	e := newTestEnv(t)
	admin := e.pageBrowser(t)
	admin.signIn("admin")
	admin.page("/admin/products", "价目表", "P0", "产品 0", "¥1,000.00", "在售", "新增产品")

	bad := url.Values{"idempotency_key": {"p-" + randomSuffix()}, "code": {""}, "name": {"横幅"}, "unit": {"天"}, "list_price": {"12.345"}}
	code, _, html := admin.send("POST", "/admin/products", bad, nil)
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("invalid product: %d\n%s", code, html)
	}
	wantBeside(t, html, map[string]string{"code": "必填", "list_price": "两位小数"})
	bad.Set("code", "P0")
	bad.Set("list_price", "10")
	if code, _, html := admin.send("POST", "/admin/products", bad, nil); code != http.StatusConflict {
		t.Errorf("a taken code: %d, want 409", code)
	} else {
		wantBeside(t, html, map[string]string{"code": "产品编码已存在"})
	}

	codeName := "AD-" + randomSuffix()
	good := url.Values{"idempotency_key": {"p-" + randomSuffix()}, "code": {codeName}, "name": {"开屏广告"}, "unit": {"天"}, "list_price": {"1,234.50"}}
	for range 2 {
		if code, loc, html := admin.send("POST", "/admin/products", good, nil); code != http.StatusSeeOther || loc != "/admin/products" {
			t.Fatalf("add product: %d %q\n%s", code, loc, html)
		}
	}
	admin.page("/admin/products", "产品已新增", codeName, "¥1,234.50")
	stored := onlyItem(t, e.as(t, "admin").do("GET", "/api/v1/products", nil, nil), "code", codeName)
	if stored["list_price_fen"] != float64(123450) || stored["active"] != true {
		t.Errorf("stored product: %v", stored)
	}
	id := stored["id"].(string)
	sales := e.pageBrowser(t)
	sales.signIn("sales1")
	sales.page("/proposals/new", codeName)

	page := "/admin/products/" + id
	admin.page(page, codeName, `value="1234.50"`, "在售（新方案可选）")
	edit := url.Values{"idempotency_key": {"pe-" + randomSuffix()}, "name": {""}, "list_price": {"abc"}, "active": {"true"}}
	code, _, html = admin.send("POST", page, edit, nil)
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("invalid edit: %d\n%s", code, html)
	}
	wantBeside(t, html, map[string]string{"name": "必填", "list_price": "1234.50"})
	edit = url.Values{"idempotency_key": {"pe-" + randomSuffix()}, "name": {"开屏广告（新）"}, "list_price": {"1500.5"}}
	for range 2 {
		if code, loc, _ := admin.send("POST", page, edit, nil); code != http.StatusSeeOther || loc != "/admin/products" {
			t.Fatalf("edit: %d %q", code, loc)
		}
	}
	admin.page("/admin/products", "产品已保存", "¥1,500.50", "已停售")
	if p, err := e.Store.ProductByID(t.Context(), id); err != nil || p.ListPriceFen != 150050 || p.Active || p.Name != "开屏广告（新）" {
		t.Fatalf("stored after edit: %+v %v", p, err)
	}
	if html := sales.page("/proposals/new", "P0"); strings.Contains(html, codeName) {
		t.Error("a withdrawn product is still offered for new proposals")
	}
	salesAPI := e.as(t, "sales1")
	refused := salesAPI.do("POST", "/api/v1/proposals", map[string]any{"customer_id": salesAPI.newCustomer("停售客户 " + randomSuffix()),
		"title": "停售", "items": []map[string]any{{"product_id": id, "quantity": 1, "unit_price_fen": 150050}}}, nil)
	if refused.status(http.StatusUnprocessableEntity); !hasFieldError(refused, "items[0].product_id") {
		t.Errorf("a new proposal with a withdrawn product: %s", refused.raw)
	}
	wantForbidden(t, sales, "/admin/products", page)
}

// TestPagesAdminCalendar sets a day off and removes it again: each change
// is one audit event however often the form is posted.
func TestPagesAdminCalendar(t *testing.T) {
	e := newTestEnv(t)
	admin := e.pageBrowser(t)
	admin.signIn("admin")
	admin.page("/admin/calendar", "工作日历", "设置日期", `type="date"`)

	code, _, html := admin.send("POST", "/admin/calendar", url.Values{"idempotency_key": {"c-" + randomSuffix()},
		"date": {"2035-13-01"}, "note": {strings.Repeat("长", 201)}}, nil)
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("invalid day: %d\n%s", code, html)
	}
	wantBeside(t, html, map[string]string{"date": "YYYY-MM-DD", "working": "请选择工作日或休息日", "note": "不能超过 200 个字符"})

	const day = "2035-10-10" // a Wednesday, far from any other test's deadlines
	set := url.Values{"idempotency_key": {"c-" + randomSuffix()}, "date": {day}, "working": {"false"}, "note": {"公司活动"}}
	for range 2 {
		if code, loc, html := admin.send("POST", "/admin/calendar", set, nil); code != http.StatusSeeOther || loc != "/admin/calendar" {
			t.Fatalf("set: %d %q\n%s", code, loc, html)
		}
	}
	html = admin.page("/admin/calendar", "日期已设置", day, "周三", "公司活动", "休息日", "测试 admin")
	removeKey := pageValueAfter(html, `name="idempotency_key" value="`, `"`, `action="/admin/calendar/`+day+`/remove"`)
	api := e.as(t, "admin")
	if o := api.do("GET", "/api/v1/calendar/overrides/"+day, nil, nil).status(http.StatusOK); o.body["working"] != false {
		t.Fatalf("the day is off: %s", o.raw)
	}
	remove := url.Values{"idempotency_key": {removeKey}}
	for range 2 {
		if code, loc, _ := admin.send("POST", "/admin/calendar/"+day+"/remove", remove, nil); code != http.StatusSeeOther || loc != "/admin/calendar" {
			t.Fatalf("remove: %d %q", code, loc)
		}
	}
	if html := admin.page("/admin/calendar", "已删除"); strings.Contains(html, "公司活动") {
		t.Error("the removed day is still listed")
	}
	if o := api.do("GET", "/api/v1/calendar/overrides/"+day, nil, nil).status(http.StatusOK); o.body["override"] != nil || o.body["working"] != true {
		t.Fatalf("the statutory day holds again: %s", o.raw)
	}
	events := map[string]int{}
	for _, it := range api.do("GET", "/api/v1/audit?subject_type=calendar&subject_id="+day, nil, nil).status(http.StatusOK).body["items"].([]any) {
		events[it.(map[string]any)["action"].(string)]++
	}
	if events["calendar.override_set"] != 1 || events["calendar.override_removed"] != 1 {
		t.Errorf("audit events %v, want one set and one removal (each form posted twice)", events)
	}
	remove.Set("idempotency_key", "c-"+randomSuffix())
	admin.send("POST", "/admin/calendar/"+day+"/remove", remove, nil)
	admin.page("/admin/calendar", "未找到")

	sales := e.pageBrowser(t)
	sales.signIn("sales1")
	wantForbidden(t, sales, "/admin/calendar")
	if code, _, _ := sales.send("POST", "/admin/calendar/"+day+"/remove", remove, nil); code != http.StatusForbidden {
		t.Errorf("a salesperson removing a day: %d, want 403", code)
	}
}

// TestPagesContractPricingForApprovers: the director's inbox card shows
// each line against list price and the owner's authority (R5.3); once
// signed, the contract is on the signed list of the director, approver
// and admin; admins (only) get links into the Temporal UI.
func TestPagesContractPricingForApprovers(t *testing.T) {
	e := newTestEnv(t)
	salesAPI := e.as(t, "sales1")
	id := e.acceptedContract(salesAPI, 85_000, 250_000)
	e.withTerms(salesAPI, id, 2, 85_000, 250_000).status(http.StatusOK)
	salesAPI.post("/api/v1/contracts/"+id+"/submit", nil, "").status(http.StatusOK)
	proposalID := salesAPI.do("GET", "/api/v1/contracts/"+id, nil, nil).status(http.StatusOK).str("proposal_id")

	director := e.pageBrowser(t)
	director.signIn("director")
	inbox := director.page("/inbox", `href="/contracts/`+id+`"`, "目录价", "¥1,000.00", "¥850.00", "−15.0%", "超出价格权限", "最多低于目录价 10%")
	if strings.Contains(inbox, "在 Temporal 中查看") {
		t.Error("a director is shown a Temporal link")
	}
	if html := director.page("/contracts/" + id); linksTemporalUI(html) {
		t.Error("a director's contract page links into the Temporal UI")
	}

	approveAll(t, id, e.as(t, "director"), e.as(t, "approver"))
	e.as(t, "approver").sign(id, "company", "", "").status(http.StatusOK)
	wantContract(t, salesAPI.sign(id, "customer", "王总", "").status(http.StatusOK), "signed")
	customer := salesAPI.do("GET", "/api/v1/contracts/"+id, nil, nil).str("customer_name")
	for who, listed := range map[string]bool{"director": true, "admin": true, "sales1": true, "manager": true, "sales3": false, "manager2": false} {
		list := e.as(t, who).do("GET", "/api/v1/contracts?status=signed&limit=200", nil, nil).status(http.StatusOK)
		found := false
		for _, it := range list.body["items"].([]any) {
			k := it.(map[string]any)
			found = found || k["id"] == id
			if k["status"] != "signed" {
				t.Errorf("?status=signed lists a %v contract", k["status"])
			}
		}
		if found != listed {
			t.Errorf("%s: the signed contract listed %v, want %v", who, found, listed)
		}
	}
	if bad := salesAPI.do("GET", "/api/v1/contracts?status=done", nil, nil).status(http.StatusUnprocessableEntity); !hasFieldError(bad, "status") {
		t.Errorf("an unknown status: %s", bad.raw)
	}

	for _, who := range []string{"director", "approver", "admin"} {
		b := e.pageBrowser(t)
		b.signIn(who)
		b.page("/contracts-signed", "已签合同", `href="/contracts-signed"`, customer, `href="/contracts/`+id+`"`, "重大合同")
	}
	admin := e.pageBrowser(t)
	admin.signIn("admin")
	admin.page("/contracts/"+id, "在 Temporal 中查看", `href="http://127.0.0.1:8233/namespaces/default/workflows/contract-`+id+`"`)
	admin.page("/proposals/"+proposalID, `href="http://127.0.0.1:8233/namespaces/default/workflows/proposal-`+proposalID+`"`)

	sales := e.pageBrowser(t)
	sales.signIn("sales1")
	if code, _, _ := sales.send("GET", "/contracts-signed", nil, nil); code != http.StatusForbidden {
		t.Errorf("a salesperson's signed list: %d, want 403", code)
	}
	if html := sales.page("/contracts/" + id); linksTemporalUI(html) {
		t.Error("a salesperson is shown a Temporal link")
	}
	if html := sales.page("/contracts/" + id); strings.Contains(html, `href="/contracts-signed"`) {
		t.Error("a salesperson is shown the signed list")
	}
}

// linksTemporalUI reports whether a page links into the Temporal UI (its
// address and the workflows path, not merely the port's digits, which a
// random ID or hash on the page can hold).
func linksTemporalUI(html string) bool {
	return strings.Contains(html, "127.0.0.1:8233/namespaces/") || strings.Contains(html, "在 Temporal 中查看")
}
