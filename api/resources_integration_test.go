package api

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"salesflow/store"
)

// newResource creates a media resource of product e.products[0] as the
// admin and returns its id.
func (e *testEnv) newResource(t *testing.T, unit string, capacity int, from, to string) string {
	t.Helper()
	return e.newResourceIn(t, "上海", unit, capacity, from, to)
}

// newResourceIn is newResource in city: a test that reads the inventory
// grid gives its resources a city of their own, so the shared database's
// other billboards cannot push them off the grid's first page.
func (e *testEnv) newResourceIn(t *testing.T, city, unit string, capacity int, from, to string) string {
	t.Helper()
	admin := e.as(t, "admin")
	res := admin.do("POST", "/api/v1/resources", map[string]any{"code": "R-" + randomSuffix(), "name": "人民广场大牌",
		"kind": "billboard", "product_id": e.products[0].ID, "city": city, "district": "黄浦", "capacity": capacity,
		"sell_unit": unit, "active_from": from, "active_to": to, "latitude": 31.23, "longitude": 121.47}, nil)
	return res.status(http.StatusCreated).str("id")
}

func TestResourceAdmin(t *testing.T) {
	e := newTestEnv(t)
	admin, sales := e.as(t, "admin"), e.as(t, "sales1")
	id := e.newResource(t, "week", 2, "2027-01-01", "")
	got := sales.do("GET", "/api/v1/resources/"+id, nil, nil).status(http.StatusOK)
	if got.str("sell_unit") != "week" || got.body["capacity"].(float64) != 2 || got.str("active_from") != "2027-01-01" ||
		got.str("product_name") != e.products[0].Name {
		t.Fatalf("resource as stored: %s", got.raw)
	}
	body := map[string]any{"code": got.str("code"), "name": "改名", "kind": "light_box", "product_id": e.products[1].ID,
		"city": "北京", "sell_unit": "day", "active_from": "2035-01-01", "active_to": "2035-12-31"}
	sales.do("PUT", "/api/v1/resources/"+id, body, nil).status(http.StatusForbidden)
	sales.do("POST", "/api/v1/resources", body, nil).status(http.StatusForbidden)
	put := admin.do("PUT", "/api/v1/resources/"+id, body, nil).status(http.StatusOK)
	if put.str("city") != "北京" || put.str("active_to") != "2035-12-31" || put.body["latitude"] != nil {
		t.Fatalf("updated: %s", put.raw)
	}
	// a second resource with the same code is a conflict naming the code
	dup := admin.do("POST", "/api/v1/resources", body, nil).status(http.StatusConflict)
	if !hasFieldError(dup, "code") {
		t.Fatalf("duplicate code: %s", dup.raw)
	}
	bad := map[string]any{"code": "X-" + randomSuffix(), "name": "坏", "kind": "zeppelin", "product_id": "nope",
		"city": "上海", "sell_unit": "year", "active_from": "2027-02-01", "active_to": "2027-01-01", "capacity": 5000, "latitude": 95.0}
	admin.lang = "en"
	r := admin.do("POST", "/api/v1/resources", bad, nil).status(http.StatusUnprocessableEntity)
	for _, f := range []string{"kind", "sell_unit", "capacity", "longitude", "active_to"} {
		if !hasFieldError(r, f) {
			t.Errorf("bad resource: no error for %s: %s", f, r.raw)
		}
	}
	list := sales.do("GET", "/api/v1/resources?kind=light_box&city=北京&active=true", nil, nil).status(http.StatusOK)
	found := false
	for _, it := range list.body["items"].([]any) {
		found = found || it.(map[string]any)["id"] == id
	}
	if found { // sold in 2035, so not today
		t.Fatalf("an inactive resource listed as active: %s", list.raw)
	}
	list = sales.do("GET", "/api/v1/resources?kind=light_box&city=北京&active=false", nil, nil).status(http.StatusOK)
	if items := list.body["items"].([]any); len(items) == 0 {
		t.Fatalf("filtered list: %s", list.raw)
	}
	sales.do("GET", "/api/v1/resources?kind=zeppelin", nil, nil).status(http.StatusUnprocessableEntity)
	sales.do("GET", "/api/v1/resources/nope", nil, nil).status(http.StatusNotFound)
}

// A line naming a resource and dates takes its product and quantity from
// them, is priced at the dated rate card (issue 13) and carries through to
// the contract drafted from the accepted proposal.
func TestResourceLines(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	id := e.newResource(t, "week", 1, "2027-01-01", "2027-12-31")
	p := e.products[0] // list price 100,000 per week
	if _, err := e.Store.CreateProductPrice(ctx, store.ProductPrice{ProductID: p.ID, Label: "春节档",
		ValidFrom: "2027-02-01", ValidTo: "2027-02-13", PriceFen: 150_000}, ""); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = e.Store.DB().Exec(`DELETE FROM product_prices WHERE product_id = $1`, p.ID) })
	sales := e.as(t, "sales1")
	cust := sales.newCustomer("资源客户 " + randomSuffix())
	line := func(from, to string, qty int64) map[string]any {
		return map[string]any{"resource_id": id, "starts_on": from, "ends_on": to, "quantity": qty, "unit_price_fen": 110_000}
	}
	before := e.rowCounts(t)
	sales.lang = "en"
	for _, bad := range []struct {
		line  map[string]any
		field string
	}{
		{line("2027-02-07", "2027-02-16", 0), "items[0].ends_on"},                // ten days is not whole weeks
		{line("2027-02-07", "2027-02-20", 3), "items[0].quantity"},               // two weeks, not three
		{line("2026-12-25", "2027-01-07", 0), "items[0].resource_id"},            // not sold before 2027
		{map[string]any{"resource_id": id, "quantity": 1}, "items[0].starts_on"}, // dates missing
		{map[string]any{"resource_id": "nope", "starts_on": "2027-02-07", "ends_on": "2027-02-13"}, "items[0].resource_id"},
		{map[string]any{"resource_id": id, "product_id": e.products[1].ID, "starts_on": "2027-02-07", "ends_on": "2027-02-13"}, "items[0].product_id"},
	} {
		r := sales.do("POST", "/api/v1/proposals", map[string]any{"customer_id": cust, "title": "坏行", "body": "x",
			"items": []any{bad.line}}, nil).status(http.StatusUnprocessableEntity)
		if !hasFieldError(r, bad.field) {
			t.Errorf("%v: want an error for %s: %s", bad.line, bad.field, r.raw)
		}
	}
	if after := e.rowCounts(t); after != before {
		t.Fatalf("refused lines wrote rows: %+v → %+v", before, after)
	}
	// two weeks from 7 Feb: the first starts in 春节档, the second after it
	res := sales.do("POST", "/api/v1/proposals", map[string]any{"customer_id": cust, "title": "资源方案", "body": "正文",
		"items": []any{line("2027-02-07", "2027-02-20", 0), e.items(90_000)[0]}}, nil).status(http.StatusCreated)
	items := res.body["items"].([]any)
	first := items[0].(map[string]any)
	if first["resource_id"] != id || first["product_id"] != p.ID || first["quantity"].(float64) != 2 ||
		first["starts_on"] != "2027-02-07" || first["ends_on"] != "2027-02-20" || first["list_total_fen"].(float64) != 250_000 {
		t.Fatalf("resource line as stored: %s", res.raw)
	}
	if _, ok := items[1].(map[string]any)["resource_id"]; ok {
		t.Fatalf("a line without a resource names none: %s", res.raw)
	}
	pid := res.str("id")
	sales.do("POST", "/api/v1/proposals/"+pid+"/submit", nil, nil).status(http.StatusOK)
	rev := e.as(t, "reviewer")
	rev.decide(rev.openTaskFor(pid), "approve", "", "").status(http.StatusOK)
	accepted := sales.do("POST", "/api/v1/proposals/"+pid+"/customer-response",
		map[string]any{"accepted": true, "note": "签约", "paper": true}, nil).status(http.StatusOK)
	contract := sales.do("GET", "/api/v1/contracts/"+accepted.str("contract_id"), nil, nil).status(http.StatusOK)
	ci := contract.body["items"].([]any)[0].(map[string]any)
	if ci["resource_id"] != id || ci["starts_on"] != "2027-02-07" || ci["list_total_fen"].(float64) != 250_000 {
		t.Fatalf("the contract's line lost its resource: %s", contract.raw)
	}
	// the contract's form keeps the resource line: posted back as shown, it
	// saves a version with the same resource and dates
	page := e.pageBrowser(t)
	page.signIn("sales1")
	kpage := "/contracts/" + accepted.str("contract_id")
	page.page(kpage+"/edit", `name="line_resource_id" value="`+id+`"`, "2027-02-07 – 2027-02-20")
	form := url.Values{"idempotency_key": {"kr-" + randomSuffix()}, "product_id": {p.ID, ""}, "quantity": {"2", ""},
		"unit_price": {"1100", ""}, "line_resource_id": {id, ""}, "line_starts_on": {"2027-02-07", ""},
		"line_ends_on": {"2027-02-20", ""}, "line_resource_label": {"x", ""}, "terms": {"free"}, "free_revisions": {"1"},
		"starts_on": {"2027-02-07"}, "ends_on": {"2027-02-20"}}
	if code, loc, html := page.send("POST", kpage+"/revise", form, nil); code != http.StatusSeeOther || loc != kpage {
		t.Fatalf("revise the contract through its form: %d %q\n%s", code, loc, html)
	}
	again := sales.do("GET", "/api/v1/contracts/"+accepted.str("contract_id"), nil, nil).status(http.StatusOK)
	if ci := again.body["items"].([]any)[0].(map[string]any); ci["resource_id"] != id || ci["ends_on"] != "2027-02-20" {
		t.Fatalf("the revised contract's line: %s", again.raw)
	}
	// 2 × 110,000 = 220,000 against 250,000 is 12 % off: beyond sales1's 10 %
	// authority, so the contract is major (R5.3 against the dated list).
	sub := sales.do("PUT", "/api/v1/contracts/"+accepted.str("contract_id"), map[string]any{
		"items": []any{line("2027-02-07", "2027-02-20", 2)}, "service_terms": map[string]any{"free_revisions": 1}}, nil).status(http.StatusOK)
	_ = sub
	sent := sales.do("POST", "/api/v1/contracts/"+accepted.str("contract_id")+"/submit", nil, nil).status(http.StatusOK)
	if sent.body["major"] != true {
		t.Fatalf("judged against the dated list price, the contract is major: %s", sent.raw)
	}
}

// Dated prices: admins add and remove them (JSON and the product page),
// two may not cover one day, and everyone reads them (issue 13).
func TestProductPrices(t *testing.T) {
	e := newTestEnv(t)
	admin, sales := e.as(t, "admin"), e.as(t, "sales1")
	p := admin.do("POST", "/api/v1/products", map[string]any{"code": "PP-" + randomSuffix(), "name": "灯箱周",
		"unit": "周", "list_price_fen": 50_000}, nil).status(http.StatusCreated).str("id")
	path := "/api/v1/products/" + p + "/prices"
	body := map[string]any{"label": "春节档", "valid_from": "2027-02-01", "valid_to": "2027-02-14", "price_fen": 80_000}
	sales.do("POST", path, body, nil).status(http.StatusForbidden)
	made := admin.do("POST", path, body, nil).status(http.StatusCreated)
	if made.str("valid_to") != "2027-02-14" || made.body["price_fen"].(float64) != 80_000 {
		t.Fatalf("dated price: %s", made.raw)
	}
	overlap := admin.do("POST", path, map[string]any{"valid_from": "2027-02-14", "price_fen": 1}, nil).status(http.StatusConflict)
	if !hasFieldError(overlap, "valid_from") {
		t.Fatalf("overlap names valid_from: %s", overlap.raw)
	}
	admin.do("POST", path, map[string]any{"valid_from": "2027-03-01", "valid_to": "2027-02-01", "price_fen": -1}, nil).
		status(http.StatusUnprocessableEntity)
	admin.do("POST", "/api/v1/products/nope/prices", body, nil).status(http.StatusNotFound)
	list := sales.do("GET", path, nil, nil).status(http.StatusOK)
	if items := list.body["items"].([]any); len(items) != 1 {
		t.Fatalf("prices: %s", list.raw)
	}

	page := e.pageBrowser(t)
	page.signIn("admin")
	page.page("/admin/products/"+p, "分时段价格", "春节档", "2027-02-14", "¥800.00")
	code, loc, _ := page.send("POST", "/admin/products/"+p+"/prices", url.Values{"label": {"暑期"}, "valid_from": {"2027-07-01"},
		"valid_to": {""}, "price": {"600"}}, nil)
	if code != http.StatusSeeOther || loc != "/admin/products/"+p {
		t.Fatalf("add a price through the page: %d %q", code, loc)
	}
	code, _, html := page.send("POST", "/admin/products/"+p+"/prices", url.Values{"valid_from": {"2027-07-05"}, "price": {"1"}}, nil)
	if code != http.StatusConflict || !strings.Contains(html, "重叠") {
		t.Fatalf("an overlapping price through the page: %d", code)
	}
	id := fmt.Sprint(made.body["id"].(float64))
	admin.do("DELETE", path+"/"+id, nil, nil).status(http.StatusNoContent)
	admin.do("DELETE", path+"/"+id, nil, nil).status(http.StatusNotFound)
	if items := sales.do("GET", path, nil, nil).body["items"].([]any); len(items) != 1 || items[0].(map[string]any)["label"] != "暑期" {
		t.Fatalf("after removing one: %v", items)
	}
}
