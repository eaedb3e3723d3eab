package api

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserInventoryOnPhone (issue 13): on a 390 px phone the grid is
// no wider than the screen (it scrolls inside its card), a free week is a
// checkbox a thumb can tick, and the button opens a new proposal with
// that week as a resource line.
func TestBrowserInventoryOnPhone(t *testing.T) {
	e := newTestEnv(t)
	// A city of the test's own, with more resources than a page holds, so
	// the grid is a full page with its "more" link whatever other tests
	// left in the shared database.
	city := "测试市" + randomSuffix()
	admin := e.as(t, "admin")
	for i := range 51 {
		code := "R-" + randomSuffix()
		if i == 0 { // the longest code there may be, which does not wrap
			code += strings.Repeat("X", 64-len(code))
		}
		admin.do("POST", "/api/v1/resources", map[string]any{"code": code, "name": "人民广场大牌",
			"kind": "billboard", "product_id": e.products[0].ID, "city": city, "district": "黄浦", "capacity": 1,
			"sell_unit": "week", "active_from": "2027-01-01"}, nil).status(http.StatusCreated)
	}
	b := e.newBrowser(t)
	sales := b.person("sales1")
	sales.signIn("sales1")
	sales.do("a phone's screen", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(3)))
	sales.open("/inventory?kind=billboard&city="+url.QueryEscape(city)+"&from=2027-03-01&to=2027-04-25", "table.inventory-grid")
	sales.wantNoWiderThan(390, "the inventory page")
	box := `input[name="cell"][value$="|2027-03-08"]`
	sales.do("tick a free week", click(box))
	sales.screenshot("inventory")
	sales.do("back to the phone's screen", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(3)))
	sales.do("add to a new proposal", click("#propose-cells"), visible(".resource-line"))
	sales.wantText(".resource-line", "2027-03-08 – 2027-03-14")
	sales.wantNoWiderThan(390, "the prefilled proposal form")
}

// wantNoWiderThan fails when the page is wider than px, naming the
// elements that reach beyond it (the outermost ones), so a layout fault
// says where it is.
func (p *person) wantNoWiderThan(px int, what string) {
	p.t.Helper()
	wide := read(p, "page width", chromedp.Evaluate[int]("document.documentElement.scrollWidth"))
	if wide <= px {
		return
	}
	culprits := read(p, "what is too wide", chromedp.Evaluate[string](fmt.Sprintf(`(() => {
		const out = [];
		for (const e of document.querySelectorAll("body *")) {
			const r = e.getBoundingClientRect();
			if (r.right > %d + 0.5 && !(e.parentElement && e.parentElement.getBoundingClientRect().right > %d + 0.5)) {
				out.push(e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className && typeof e.className === "string" ? "." + e.className.trim().split(/\s+/).join(".") : "") + " right=" + Math.round(r.right));
			}
		}
		return out.slice(0, 5).join(", ");
	})()`, px, px)))
	p.t.Errorf("%s is %d px wide on a %d px screen; reaching beyond: %s", what, wide, px, culprits)
}

// TestAvailabilityDaysOnPhone (issue 13): a resource's day calendar, opened
// from its name on the grid, fits a 390 px phone: three months of days
// with a hold and the claims under them.
func TestAvailabilityDaysOnPhone(t *testing.T) {
	e := newTestEnv(t)
	city := "测试市" + randomSuffix()
	res, _ := e.cityResource(t, city, 2, "2026-01-01", "")
	e.holdLines(e.as(t, "sales1"), span{res, "2027-03-03", "2027-03-20"})
	b := e.newBrowser(t)
	sales := b.person("sales1")
	sales.signIn("sales1")
	sales.do("a phone's screen", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(3)))
	sales.open("/inventory?city="+url.QueryEscape(city)+"&from=2027-03-01&to=2027-03-28", "table.inventory-grid")
	sales.do("open the resource's days", click("a.resource-days"), visible("#day-calendar"))
	sales.wantText("#day-claims", "2027-03-03 – 2027-03-20")
	sales.open("/inventory/"+res+"?from=2027-03-01&to=2027-05-31", "#day-calendar")
	sales.wantNoWiderThan(390, "the day calendar")
	sales.screenshot("inventory-days")
}
