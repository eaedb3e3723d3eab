package api

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// Availability per resource and day, and the free search (issue 13). The
// resources are in a city of the test's own (the database is shared).

// cityResource creates a billboard sold by the day in city with capacity
// faces, on sale from..to ("" open-ended), and returns its id and code.
func (e *testEnv) cityResource(t *testing.T, city string, capacity int, from, to string) (string, string) {
	t.Helper()
	code := "D-" + randomSuffix()
	res := e.as(t, "admin").do("POST", "/api/v1/resources", map[string]any{"code": code, "name": "日历大牌",
		"kind": "billboard", "product_id": e.products[0].ID, "city": city, "capacity": capacity,
		"sell_unit": "day", "active_from": from, "active_to": to}, nil).status(http.StatusCreated)
	return res.str("id"), code
}

// holdLines submits a proposal of c's with the spans as lines, which holds
// them (the real flow: the submission's transaction claims the slots), and
// returns its id.
func (e *testEnv) holdLines(c *apiClient, spans ...span) string {
	c.t.Helper()
	cust := c.newCustomer("日历客户 " + randomSuffix())
	id := e.draftWithLines(c, cust, spans...)
	c.do("POST", "/api/v1/proposals/"+id+"/submit", nil, nil).status(http.StatusOK)
	return id
}

// dayOfAnswer finds day in a resource's days answer.
func dayOfAnswer(t *testing.T, r response, day string) map[string]any {
	t.Helper()
	for _, d := range r.body["days"].([]any) {
		if d := d.(map[string]any); d["day"] == day {
			return d
		}
	}
	t.Fatalf("no day %s: %s", day, r.raw)
	return nil
}

func TestAvailabilityDays(t *testing.T) {
	e := newTestEnv(t)
	city := "测试市" + randomSuffix()
	res, _ := e.cityResource(t, city, 1, "2026-01-01", "2027-03-09")
	sales1, sales2, manager := e.as(t, "sales1"), e.as(t, "sales2"), e.as(t, "manager")
	proposal := e.holdLines(sales1, span{res, "2027-03-03", "2027-03-05"})
	// sales2's contract booking 03-07..08: held at submission, booked by
	// the signatures that make the contract valid (R5.5)
	booking := span{res, "2027-03-07", "2027-03-08"}
	contract := e.acceptWithLines(sales2, booking)
	e.submitContract(sales2, contract, booking)
	approver := e.as(t, "approver")
	approveAll(t, contract, approver)
	approver.sign(contract, "company", "", "").status(http.StatusOK)
	wantContract(t, sales2.sign(contract, "customer", "赵总", "").status(http.StatusOK), "signed")
	path := "/api/v1/resources/" + res + "/availability?from=2027-03-01&to=2027-03-10"

	mine := sales1.do("GET", path, nil, nil).status(http.StatusOK)
	if days := mine.body["days"].([]any); len(days) != 10 || mine.str("from") != "2027-03-01" || mine.str("to") != "2027-03-10" {
		t.Fatalf("ten days: %s", mine.raw)
	}
	if d := dayOfAnswer(t, mine, "2027-03-02"); d["state"] != "free" || d["capacity"].(float64) != 1 ||
		d["free_slots"].(float64) != 1 || len(d["claims"].([]any)) != 0 {
		t.Fatalf("a free day: %v", d)
	}
	held := dayOfAnswer(t, mine, "2027-03-04")
	hold := firstClaim(t, held)
	if held["state"] != "held" || held["free_slots"].(float64) != 0 || hold["state"] != "held" ||
		hold["holder_name"] != "测试 sales1" || hold["customer_name"] == nil || hold["proposal_id"] != proposal ||
		hold["expires_at"] == nil || hold["from"] != "2027-03-03" || hold["to"] != "2027-03-05" {
		t.Fatalf("the holder sees their hold, its customer and until when: %v", held)
	}
	booked := dayOfAnswer(t, mine, "2027-03-08")
	if b := firstClaim(t, booked); booked["state"] != "booked" || b["state"] != "booked" || b["contract_id"] != nil ||
		b["holder_name"] != nil || b["customer_name"] != nil || b["expires_at"] != nil {
		t.Fatalf("another's booking: booked, no contract or holder: %v", booked)
	}
	if d := dayOfAnswer(t, mine, "2027-03-10"); d["state"] != "inactive" || d["free_slots"].(float64) != 0 {
		t.Fatalf("a day after the resource's last: %v", d)
	}

	other := sales2.do("GET", path, nil, nil).status(http.StatusOK)
	if c := firstClaim(t, dayOfAnswer(t, other, "2027-03-04")); c["holder_name"] != nil || c["holder_id"] != nil ||
		c["customer_name"] != nil || c["proposal_id"] != nil || c["expires_at"] != hold["expires_at"] || c["state"] != "held" {
		t.Fatalf("another salesperson sees only held-until: %v", c)
	}
	if c := firstClaim(t, dayOfAnswer(t, other, "2027-03-07")); c["contract_id"] != contract {
		t.Fatalf("the holder of a booking sees its contract: %v", c)
	}
	boss := manager.do("GET", path, nil, nil).status(http.StatusOK)
	if c := firstClaim(t, dayOfAnswer(t, boss, "2027-03-03")); c["holder_name"] != "测试 sales1" || c["customer_name"] == nil {
		t.Fatalf("a manager sees who holds it and for whom: %v", c)
	}

	// The page: a day calendar, the claims as the viewer may see them.
	b1 := e.pageBrowser(t)
	b1.signIn("sales1")
	html := b1.page("/inventory/"+res+"?from=2027-03-01&to=2027-03-10", "day-calendar", `data-day="2027-03-04"`,
		"cell-held", "cell-booked", "cell-free", "测试 sales1", `href="/proposals/`+proposal+`"`, "预留至")
	if strings.Contains(html, contract) {
		t.Fatalf("sales1's page names sales2's contract")
	}
	b2 := e.pageBrowser(t)
	b2.signIn("sales2")
	html = b2.page("/inventory/"+res+"?from=2027-03-01&to=2027-03-10", "day-calendar", `href="/contracts/`+contract+`"`)
	if strings.Contains(html, "测试 sales1") || strings.Contains(html, proposal) {
		t.Fatalf("sales2's page names sales1 or their proposal")
	}
	b2.page("/inventory?city="+url.QueryEscape(city)+"&from=2027-03-01&to=2027-03-07", `href="/inventory/`+res+`?from=2027-03-01"`)
	if code, _, _ := b2.send("GET", "/inventory/"+res+"?from=2027-03-01&to=2026-03-01", nil, nil); code != http.StatusUnprocessableEntity {
		t.Fatalf("a page with to before from: %d", code)
	}

	for _, c := range []struct{ query, field string }{
		{"from=2027-02-30&to=2027-03-10", "from"},
		{"from=2027-03-10&to=2027-03-01", "to"},
		{"from=2027-01-01&to=2028-01-02", "to"}, // 367 days
		{"from=yesterday", "from"},
	} {
		r := english(sales1).do("GET", "/api/v1/resources/"+res+"/availability?"+c.query, nil, nil)
		wantRefused(t, r, http.StatusUnprocessableEntity, "/problems/validation", c.field, "")
	}
	sales1.do("GET", "/api/v1/resources/no-such-resource/availability", nil, nil).status(http.StatusNotFound)
	sales1.do("GET", "/api/v1/resources/"+res+"/availability?from=2027-01-01&to=2027-12-31", nil, nil).status(http.StatusOK)
}

func TestAvailabilityFree(t *testing.T) {
	e := newTestEnv(t)
	city := "测试市" + randomSuffix()
	sales1, sales2 := e.as(t, "sales1"), e.as(t, "sales2")
	_, freeCode := e.cityResource(t, city, 1, "2026-01-01", "")
	partHeld, _ := e.cityResource(t, city, 1, "2026-01-01", "")
	oneFace, oneFaceCode := e.cityResource(t, city, 2, "2026-01-01", "")
	bothFaces, _ := e.cityResource(t, city, 2, "2026-01-01", "")
	e.cityResource(t, city, 1, "2026-01-01", "2027-05-20") // not on sale all May
	e.holdLines(sales1, span{partHeld, "2027-05-10", "2027-05-12"})
	// two holds on one face of two at different days: one face stays free all month
	e.holdLines(sales1, span{oneFace, "2027-05-01", "2027-05-05"})
	e.holdLines(sales2, span{oneFace, "2027-05-20", "2027-05-25"})
	// faces 1 and 2 each claimed some day of the month: none free all month
	e.holdLines(sales1, span{bothFaces, "2027-05-01", "2027-05-05"})
	e.holdLines(sales2, span{bothFaces, "2027-05-04", "2027-05-08"})

	q := "/api/v1/availability/free?kind=billboard&city=" + url.QueryEscape(city) + "&from=2027-05-01&to=2027-05-31"
	got := sales1.do("GET", q, nil, nil).status(http.StatusOK)
	codes := map[string]float64{}
	for _, it := range items(got) {
		codes[it["code"].(string)] = it["free_slots"].(float64)
	}
	if len(codes) != 2 || codes[freeCode] != 1 || codes[oneFaceCode] != 1 {
		t.Fatalf("free all May: the free resource and one face of the two-faced one, got %v: %s", codes, got.raw)
	}
	if got.body["next_cursor"] != nil {
		t.Fatalf("one page: %s", got.raw)
	}
	// outside the holds every resource on sale is free
	june := sales2.do("GET", "/api/v1/availability/free?city="+url.QueryEscape(city)+"&from=2027-06-01&to=2027-06-30", nil, nil).
		status(http.StatusOK)
	if n := len(items(june)); n != 4 {
		t.Fatalf("four resources on sale all June and unclaimed, got %d: %s", n, june.raw)
	}
	for _, it := range items(june) {
		if it["id"] == oneFace && it["free_slots"].(float64) != 2 {
			t.Fatalf("both faces free in June: %v", it)
		}
	}
	// keyset pages of one
	var paged []string
	next := ""
	for range 5 {
		p := sales1.do("GET", q+"&limit=1"+next, nil, nil).status(http.StatusOK)
		for _, it := range items(p) {
			paged = append(paged, it["code"].(string))
		}
		cur, _ := p.body["next_cursor"].(string)
		if cur == "" {
			break
		}
		next = "&cursor=" + url.QueryEscape(cur)
	}
	if len(paged) != 2 || paged[0] >= paged[1] {
		t.Fatalf("two pages of one, by code: %v", paged)
	}

	for _, c := range []struct{ query, field string }{
		{"to=2027-05-31", "from"},
		{"from=2027-05-01", "to"},
		{"from=2027-05-32&to=2027-06-01", "from"},
		{"from=2027-05-31&to=2027-05-01", "to"},
		{"from=2027-01-01&to=2028-01-02", "to"},
		{"kind=zeppelin&from=2027-05-01&to=2027-05-31", "kind"},
	} {
		r := english(sales1).do("GET", "/api/v1/availability/free?"+c.query, nil, nil)
		wantRefused(t, r, http.StatusUnprocessableEntity, "/problems/validation", c.field, "")
	}
}
