package api

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserInventoryOnPhone (issue 13): on a 390 px phone the grid is
// no wider than the screen (it scrolls inside its card), a free week is a
// checkbox a thumb can tick, and the button opens a new proposal with
// that week as a resource line.
func TestBrowserInventoryOnPhone(t *testing.T) {
	e := newTestEnv(t)
	id := e.newResource(t, "week", 1, "2027-01-01", "")
	b := e.newBrowser(t)
	sales := b.person("sales1")
	sales.signIn("sales1")
	sales.do("a phone's screen", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(3)))
	sales.open("/inventory?kind=billboard&from=2027-03-01&to=2027-04-25", "table.inventory-grid")
	if wide := read(sales, "page width", chromedp.Evaluate[int]("document.documentElement.scrollWidth")); wide > 390 {
		t.Errorf("the inventory page is %d px wide on a 390 px screen", wide)
	}
	box := `input[name="cell"][value="` + id + `|2027-03-08"]`
	sales.do("tick a free week", click(box))
	sales.screenshot("inventory")
	sales.do("back to the phone's screen", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(3)))
	sales.do("add to a new proposal", click("#propose-cells"), visible(".resource-line"))
	sales.wantText(".resource-line", "2027-03-08 – 2027-03-14")
	if wide := read(sales, "form width", chromedp.Evaluate[int]("document.documentElement.scrollWidth")); wide > 390 {
		t.Errorf("the prefilled proposal form is %d px wide on a 390 px screen", wide)
	}
}
