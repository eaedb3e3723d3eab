package api

import (
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserWaitlist (issue 13) in Chromium: salesperson A finds two free
// weeks on the grid, adds them to a proposal and submits it; salesperson
// B sees them held and joins the first week's waiting list from the grid;
// the manager approves, the customer declines; B's 我的候补 shows the
// slot offered until when (the waiting-list workflow's offer), B uses it
// in a proposal and submits, and the grid shows the week held by B.
func TestBrowserWaitlist(t *testing.T) {
	e := newTestEnv(t)
	city := "候补市" + randomSuffix() // the grid shows this test's resource alone
	res := e.as(t, "admin").do("POST", "/api/v1/resources", map[string]any{"code": "W-" + randomSuffix(), "name": "陆家嘴大屏",
		"kind": "billboard", "product_id": e.products[0].ID, "city": city, "capacity": 1, "sell_unit": "week",
		"active_from": "2027-01-01"}, nil).status(http.StatusCreated).str("id")
	custA := e.as(t, "sales1").newCustomer("候补浏览器甲 " + randomSuffix())
	custB := e.as(t, "sales2").newCustomer("候补浏览器乙 " + randomSuffix())
	grid := "/inventory?city=" + city + "&from=2027-05-03&to=2027-05-30"
	week1, week2 := res+"|2027-05-03", res+"|2027-05-10"
	b := e.newBrowser(t)

	a := b.person("sales1")
	a.signIn("sales1")
	a.open(grid, "table.inventory-grid")
	a.do("tick two free weeks", click(`input[name="cell"][value="`+week1+`"]`), click(`input[name="cell"][value="`+week2+`"]`))
	a.do("add them to a new proposal", click("#propose-cells"), visible(".resource-line"))
	a.wantText(".resource-line", "2027-05-03 – 2027-05-16")
	proposalA := a.createAndSubmit(custA, "陆家嘴五月投放")

	sales := b.person("sales2")
	sales.signIn("sales2")
	sales.open(grid, "table.inventory-grid")
	join := `button[form="join-waitlist"][value="` + week1 + `"]`
	sales.waitVisible("the held week offers the waiting list", join)
	if n := sales.count(`input[name="cell"][value="` + week1 + `"]`); n != 0 {
		t.Error("a held week can still be ticked into a proposal")
	}
	sales.screenshot("inventory-held")
	sales.do("join the waiting list from the grid", click(join), visible(`#waitlist li[data-state="waiting"]`))
	sales.wantText(`#waitlist li[data-state="waiting"]`, "等候中")
	sales.wantText(`#waitlist li[data-state="waiting"]`, "2027-05-03 – 2027-05-09")

	manager := b.person("manager")
	manager.signIn("manager")
	manager.decideInInbox("proposal-"+proposalA, "")
	a.answerOnPaper(proposalA, "客户五月预算取消", "#customer-declined", gone("#customer-response"))

	// The decline releases the hold; the waiting-list workflow offers it.
	offered := `#waitlist li[data-state="offered"]`
	sales.reloadUntil("/waitlist", offered)
	sales.wantText(offered+" .waitlist-state", "已为您保留至")
	sales.do("a phone's screen", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(3)))
	if wide := read(sales, "page width", chromedp.Evaluate[int]("document.documentElement.scrollWidth")); wide > 390 {
		t.Errorf("我的候补 is %d px wide on a 390 px screen", wide)
	}
	sales.screenshot("waitlist-offered")
	sales.do("use the offered slot", click(offered+" .use-offer"), visible(".resource-line"))
	sales.wantText(".resource-line", "2027-05-03 – 2027-05-09")
	sales.createAndSubmit(custB, "陆家嘴候补投放")

	sales.open(grid, "table.inventory-grid")
	cell := `td.cell-held:has(button[value="` + week1 + `"])`
	if title := sales.attr(cell, "title"); !strings.Contains(title, "测试 sales2") {
		t.Errorf("the week after B's submission: %q, want held by B", title)
	}
	a.open(grid, "table.inventory-grid")
	if title := a.attr(cell, "title"); strings.Contains(title, "测试 sales2") || strings.Contains(title, "候补浏览器乙") {
		t.Errorf("A sees who holds B's week: %q", title)
	}
	sales.open("/waitlist", "#waitlist")
	sales.wantText(`#waitlist li[data-state="taken"]`, "已用于方案")
}

// createAndSubmit fills the prefilled new-proposal form for the customer,
// creates the proposal, submits it for review and returns its id.
func (p *person) createAndSubmit(customerID, title string) string {
	p.t.Helper()
	p.do("fill in and create the proposal",
		setValue("#customer_id", customerID),
		typeIn("#title", title),
		typeIn("#body", "按档期投放，含一次免费换画。"),
		click("#save-proposal"), visible(`.page-head [data-status="draft"]`))
	id := strings.TrimPrefix(p.path(), "/proposals/")
	p.do("submit the proposal", click("#submit-proposal"), visible(`.page-head [data-status="in_review"]`))
	return id
}
