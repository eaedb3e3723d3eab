package api

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// A salesperson ticks two free weeks of the grid, gets a new proposal
// form with them as one line, and creates the proposal (issue 13).
func TestInventoryPagesToProposal(t *testing.T) {
	e := newTestEnv(t)
	city := "档期市" + randomSuffix()
	id := e.newResourceIn(t, city, "week", 1, "2027-01-01", "")
	customer := e.as(t, "sales1").newCustomer("档期页面客户 " + randomSuffix())
	sales := e.pageBrowser(t)
	sales.signIn("sales1")
	grid := sales.page("/inventory?kind=billboard&city="+url.QueryEscape(city)+"&from=2027-03-01&to=2027-03-28",
		"资源档期", "人民广场大牌", `value="`+id+`|2027-03-08"`, "用所选档期新建方案", "cell-free")
	if strings.Count(grid, `value="`+id+`|`) != 4 {
		t.Fatalf("four free weeks want four checkboxes")
	}
	sales.page("/proposals/new?cell="+url.QueryEscape(id+"|2027-03-15")+"&cell="+url.QueryEscape(id+"|2027-03-08"),
		"新建方案", "人民广场大牌", `name="line_starts_on" value="2027-03-08"`, `name="line_ends_on" value="2027-03-21"`,
		`name="line_resource_id" value="`+id+`"`)
	post := url.Values{"idempotency_key": {"inv-" + randomSuffix()}, "customer_id": {customer}, "title": {"档期方案"},
		"body": {"x"}, "product_id": {e.products[0].ID, ""}, "quantity": {"", ""}, "unit_price": {"1000", ""},
		"line_resource_id": {id, ""}, "line_starts_on": {"2027-03-08", ""}, "line_ends_on": {"2027-03-20", ""},
		"line_resource_label": {"R 人民广场大牌", ""}}
	code, _, html := sales.send("POST", "/proposals", post, nil)
	if code != http.StatusUnprocessableEntity || !strings.Contains(html, "整周") {
		t.Fatalf("13 days of a weekly resource: %d, want 422 naming whole weeks", code)
	}

	post["line_ends_on"] = []string{"2027-03-21", ""}
	code, loc, _ := sales.send("POST", "/proposals", post, nil)
	if code != http.StatusSeeOther || !strings.HasPrefix(loc, "/proposals/") {
		t.Fatalf("create from the grid: %d %q", code, loc)
	}
	sales.page(loc, "档期方案", "人民广场大牌", "2027-03-08 – 2027-03-21", "¥2,000.00")
	monthly := e.newResource(t, "month", 1, "2027-01-01", "")
	sales.page("/proposals/new?cell="+url.QueryEscape(monthly+"|2027-03-29"),
		`name="line_starts_on" value="2027-03-01"`, `name="line_ends_on" value="2027-04-30"`)
	en := e.pageBrowser(t)
	en.signIn("sales2")
	en.send("GET", "/lang/en", nil, nil)
	en.page("/inventory?from=2027-03-01&to=2027-03-14", "Inventory", "Add to a new proposal", "Free")
}

// The admin adds and edits a resource through the pages; a salesperson may
// not (issue 13).
func TestResourceAdminPages(t *testing.T) {
	e := newTestEnv(t)
	admin := e.pageBrowser(t)
	admin.signIn("admin")
	admin.page("/admin/resources", "广告资源", "新增资源", "按周")
	admin.page("/admin/resources/import", "导入广告资源", "编号,名称,类型")
	code := "PG-" + randomSuffix()
	form := url.Values{"idempotency_key": {"res-" + randomSuffix()}, "code": {code}, "name": {"静安寺灯箱"},
		"kind": {"light_box"}, "product_id": {e.products[0].ID}, "city": {"上海"}, "capacity": {"x"},
		"sell_unit": {"week"}, "active_from": {"2027-01-01"}, "latitude": {"31.2"}, "longitude": {""}}
	status, _, html := admin.send("POST", "/admin/resources", form, nil)
	if status != http.StatusUnprocessableEntity || !strings.Contains(html, "1 至 1000") || !strings.Contains(html, "纬度和经度须同时填写") {
		t.Fatalf("bad capacity and half coordinates: %d", status)
	}
	form.Set("capacity", "3")
	form.Set("longitude", "121.4")
	if status, loc, _ := admin.send("POST", "/admin/resources", form, nil); status != http.StatusSeeOther || loc != "/admin/resources" {
		t.Fatalf("create: %d %q", status, loc)
	}
	if status, _, _ := admin.send("POST", "/admin/resources", form, nil); status != http.StatusSeeOther {
		t.Fatalf("the same form twice: %d", status)
	}
	list := admin.page("/admin/resources?kind=light_box", code, "静安寺灯箱", "×3")
	id := pageValueAfter(list, `href="/admin/resources/`, `"`, code)
	admin.page("/admin/resources/"+id, `value="`+code+`"`, `value="3"`)
	form.Set("name", "静安寺灯箱（改）")
	form.Set("active_to", "2027-12-31")
	if status, _, html := admin.send("POST", "/admin/resources/"+id, form, nil); status != http.StatusSeeOther {
		t.Fatalf("edit: %d %s", status, html)
	}
	admin.page("/admin/resources", "静安寺灯箱（改）", "2027-12-31")
	sales := e.pageBrowser(t)
	sales.signIn("sales1")
	if status, _, _ := sales.send("GET", "/admin/resources", nil, nil); status != http.StatusForbidden {
		t.Fatalf("a salesperson opens the resource admin: %d", status)
	}
}
