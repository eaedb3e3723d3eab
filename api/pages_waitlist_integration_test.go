package api

import (
	"html"
	"net/http"
	"net/url"
	"salesflow/i18n"
	"strings"
	"testing"
	"time"
)

// TestPagesWaitlist (issue 13): a second salesperson joins a held week's
// waiting list from the grid page, the same use case as the JSON API
// (twice is the 409 as a message, a cell naming nothing is not found,
// never a 500); /waitlist (我的候补) shows each entry's state; the owner
// alone withdraws an entry; an offer shows until when, links to the
// new-proposal form prefilled with its line, and the offer's notification
// links to /waitlist.
func TestPagesWaitlist(t *testing.T) {
	e := newTestEnv(t)
	city := "候补市" + randomSuffix()
	grid := "/inventory?kind=billboard&city=" + url.QueryEscape(city) + "&from=2027-03-01&to=2027-03-28"
	res := e.newResourceIn(t, city, "week", 1, "2027-01-01", "")
	s1 := e.as(t, "sales1")
	p1 := e.draftWithLines(s1, s1.newCustomer("候补页面甲 "+randomSuffix()),
		span{res, "2027-03-08", "2027-03-14"}, span{res, "2027-03-15", "2027-03-21"}, span{res, "2027-03-22", "2027-03-28"})
	s1.do("POST", "/api/v1/proposals/"+p1+"/submit", nil, nil).status(http.StatusOK)

	sales := e.pageBrowser(t)
	sales.signIn("sales2")
	sales.page("/waitlist", "我的候补")
	cell := res + "|2027-03-08"
	sales.page(grid, "cell-held",
		`form="join-waitlist" name="cell" value="`+cell+`"`, "加入候补", `action="/inventory/waitlist"`, `href="/waitlist"`)
	join := func(cell string) (int, string) {
		code, loc, _ := sales.send("POST", "/inventory/waitlist", url.Values{"cell": {cell}}, nil)
		return code, loc
	}
	if code, loc := join(cell); code != http.StatusSeeOther || loc != "/waitlist" {
		t.Fatalf("join from the grid: %d %q", code, loc)
	}
	list := sales.page("/waitlist", "已加入候补", "人民广场大牌", "2027-03-08 – 2027-03-14", "等候中", "退出候补")
	api := e.as(t, "sales2").do("GET", "/api/v1/resources/"+res+"/waitlist", nil, nil).status(http.StatusOK)
	entries := items(api)
	if len(entries) != 1 || entries[0]["from"] != "2027-03-08" || entries[0]["to"] != "2027-03-14" {
		t.Fatalf("the page's join is the API's entry: %v", entries)
	}
	entry := e.waitlistID(t, "sales2", res, "2027-03-08")
	if row := pageValueAfter(list, `>`, `</li>`, `id="waitlist-`+entry+`"`); !strings.Contains(row, "等候中") || strings.Contains(row, "使用此档期") {
		t.Errorf("a waiting entry shows waiting and no slot to use: %s", row)
	}
	if code, _ := join(cell); code != http.StatusSeeOther {
		t.Fatalf("joining twice: %d, want a message on /waitlist", code)
	}
	sales.page("/waitlist", html.EscapeString(i18n.T(i18n.ZH, "detail.already_waiting")))
	for _, bad := range []string{"nonsense", "no-such-resource|2027-03-08", res + "|someday"} {
		if code, loc := join(bad); code != http.StatusSeeOther || loc != "/waitlist" {
			t.Errorf("join %q: %d %q, want the problem as a message", bad, code, loc)
		}
	}
	var n int
	if err := e.Store.DB().QueryRow(`SELECT count(*) FROM resource_waitlist WHERE user_id = $1 AND resource_id = $2`, e.users["sales2"].ID, res).Scan(&n); err != nil || n != 1 {
		t.Fatalf("bad joins write nothing: %d entries (%v)", n, err)
	}

	// Only the owner withdraws; a manager may not join at all.
	other := e.pageBrowser(t)
	other.signIn("sales1")
	if code, _, _ := other.send("POST", "/waitlist/"+entry+"/withdraw", url.Values{}, nil); code != http.StatusSeeOther {
		t.Fatalf("another's withdraw: %d", code)
	}
	other.page("/waitlist", "未找到") // not found, as a message
	if state := e.waitlistState(t, entry); state != "waiting" {
		t.Fatalf("another salesperson withdrew the entry: %s", state)
	}
	mgr := e.pageBrowser(t)
	mgr.signIn("manager")
	if code, _, _ := mgr.send("POST", "/inventory/waitlist", url.Values{"cell": {cell}}, nil); code != http.StatusForbidden {
		t.Fatalf("a manager joins a waiting list: %d", code)
	}

	// The hold is released: the entry is offered the slot.
	held := claimsOf(s1, p1)[0]["id"].(string)
	s1.do("POST", "/api/v1/claims/"+held+"/release", map[string]any{}, nil).status(http.StatusOK)
	waitUntil(t, 30*time.Second, "the slot is offered to sales2", func() bool { return e.waitlistState(t, entry) == "offered" })
	list = sales.page("/waitlist", "已为您保留至 2", "使用此档期")
	use := html.UnescapeString(pageValueAfter(list, `class="btn btn-primary use-offer" href="`, `"`, `id="waitlist-`+entry+`"`))
	sales.page(use, "新建方案", `name="line_resource_id" value="`+res+`"`,
		`name="line_starts_on" value="2027-03-08"`, `name="line_ends_on" value="2027-03-14"`)
	var link string
	if err := e.Store.DB().QueryRow(`SELECT body FROM notifications WHERE user_id = $1 AND kind = 'waitlist_offer'`,
		e.users["sales2"].ID).Scan(&link); err != nil || link != "/waitlist" {
		t.Fatalf("the offer's notification links to %q (%v), want /waitlist", link, err)
	}

	// The other states, as the workflows leave them.
	for _, week := range []string{"2027-03-15", "2027-03-22"} {
		if code, _ := join(res + "|" + week); code != http.StatusSeeOther {
			t.Fatalf("join %s: %d", week, code)
		}
	}
	if _, err := e.Store.DB().Exec(`UPDATE resource_waitlist SET state = CASE WHEN lower(period) = '2027-03-15' THEN 'taken' ELSE 'passed' END
		WHERE user_id = $1 AND lower(period) IN ('2027-03-15', '2027-03-22')`, e.users["sales2"].ID); err != nil {
		t.Fatal(err)
	}
	sales.page("/waitlist", "已用于方案", "保留已过期，已让给下一位")

	// Withdrawing the offer releases it.
	if code, loc, _ := sales.send("POST", "/waitlist/"+entry+"/withdraw", url.Values{}, nil); code != http.StatusSeeOther || loc != "/waitlist" {
		t.Fatalf("withdraw: %d %q", code, loc)
	}
	sales.page("/waitlist", "已退出候补。", "已退出")
	if e.waitlistState(t, entry) != "withdrawn" || e.claimOf(t, "state", "resource_id = $1 AND holder_id = $2", res, e.users["sales2"].ID) != "released" {
		t.Fatal("the withdrawal ends the entry and releases its offer")
	}
	if code, _, _ := sales.send("POST", "/waitlist/"+entry+"/withdraw", url.Values{}, nil); code != http.StatusSeeOther {
		t.Fatalf("withdraw twice: %d, want the conflict as a message", code)
	}

	en := e.pageBrowser(t)
	en.signIn("sales2")
	en.send("GET", "/lang/en", nil, nil)
	en.page("/waitlist", "My waiting list", "Withdrawn", "Taken into a proposal", "Offer lapsed, passed to the next")
	en.page(grid, "Join the waiting list")
}

// waitlistID is the id of username's entry for resource from day.
func (e *testEnv) waitlistID(t *testing.T, username, resource, day string) string {
	t.Helper()
	var id string
	if err := e.Store.DB().QueryRow(`SELECT id::text FROM resource_waitlist WHERE user_id = $1 AND resource_id = $2
		AND lower(period) = $3::date`, e.users[username].ID, resource, day).Scan(&id); err != nil {
		t.Fatalf("waiting-list entry of %s: %v", username, err)
	}
	return id
}

// waitlistState is the entry's state.
func (e *testEnv) waitlistState(t *testing.T, id string) string {
	t.Helper()
	var state string
	if err := e.Store.DB().QueryRow(`SELECT state FROM resource_waitlist WHERE id = $1::bigint`, id).Scan(&state); err != nil {
		t.Fatal(err)
	}
	return state
}
