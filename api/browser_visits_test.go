package api

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"salesflow/pages/site"
	"salesflow/policy"
)

// TestBrowserVisitJourney walks F3 in Chromium by clicks and typing: the
// salesperson plans a visit from the customer's page (R3.5), the manager
// approves the plan from the inbox, the front desk records the departure
// on the board, the salesperson records the return and files the visit
// report (R3.8), and the report shows on the visit's page and as a visit
// on the customer's timeline (R1.5).
func TestBrowserVisitJourney(t *testing.T) {
	e := newTestEnv(t)
	b := e.newBrowser(t)

	sales := b.person("sales1")
	sales.signIn("sales1")
	name := "远航旅行社 " + randomSuffix()
	customerID := sales.recordCustomer(name, uniquePhone())
	visitID := sales.planVisit(customerID)

	manager := b.person("manager")
	manager.signIn("manager")
	card := `article.task[data-subject="visit-` + visitID + `"]`
	manager.open("/inbox", card)
	manager.wantText(card+" .task-title", name)
	if title := manager.text(card + " .task-title"); strings.Contains(title, "版") {
		t.Errorf("the visit plan's inbox card shows a version: %q", title)
	}
	manager.decideInInbox("visit-"+visitID, "inbox-visit")

	desk := b.person("frontdesk")
	desk.signIn("frontdesk")
	row := "#board-" + visitID
	desk.reloadUntil("/visits/board", row+`[data-status="approved"]`)
	desk.wantText(row, name)
	desk.screenshot("visit-board")
	desk.do("record the departure on the board", click(row+` button[data-action="depart"]`),
		visible(row+`[data-status="departed"]`))
	if got := desk.path(); got != "/visits/board" {
		t.Errorf("after the departure the front desk is on %s, want back on the board", got)
	}

	page := "/visits/" + visitID
	sales.open(page, `.page-head [data-status="departed"]`)
	sales.do("record the return", click("#record-return"),
		visible(`.page-head [data-status="returned"]`), visible("#report-form"))
	sales.do("fill in and file the visit report",
		typeIn("#met_name", "周敏"),
		typeIn("#met_title", "总经理"),
		click("#is_decision_maker"),
		typeIn("#notes", "介绍了春季首页广告位，对方有意向，下周报价。"),
		typeIn("#needs", "五一旅游线路推广"),
		click("#file-report"), visible(`.page-head [data-status="reported"]`))
	for sel, want := range map[string]string{
		"#report-met-name":  "周敏",
		"#report-met-title": "总经理",
		"#report-notes":     "对方有意向",
		"#report-needs":     "五一旅游线路推广",
	} {
		sales.wantText(sel, want)
	}
	if got := sales.attr("#report-decides", "data-decides"); got != "true" {
		t.Errorf("the report's decision-maker: data-decides=%q, want true", got)
	}
	if sales.count("#report-form") != 0 {
		t.Error("the report form is still offered after the report was filed")
	}
	sales.screenshot("visit")

	// The report is recorded as an interaction of kind visit (R3.8).
	sales.open("/customers/"+customerID, "#timeline")
	sales.wantText(`#timeline li[data-kind="visit"]`, "拜访")
	sales.wantText(`#timeline li[data-kind="visit"]`, "对方有意向")
}

// planVisit follows the customer page's plan-a-visit link, checks the
// customer is chosen, plans a visit starting now and returns its id.
func (p *person) planVisit(customerID string) string {
	p.t.Helper()
	p.open("/customers/"+customerID, "#plan-visit")
	p.do("open the visit plan from the customer's page", click("#plan-visit"), visible("#visit-form"))
	if got := p.value("#customer_id"); got != customerID {
		p.t.Errorf("new visit from the customer's page: customer %q chosen, want %q", got, customerID)
	}
	// The front desk's board lists today's visits: the plan starts now.
	// datetime-local inputs take typed digits in the browser's locale
	// order, so their values are set directly.
	now := time.Now().In(policy.Shanghai)
	p.screenshot("visit-form")
	p.do("fill in and submit the visit plan",
		typeIn("#goals", "介绍春季首页广告位，了解五一线路推广需求"),
		setValue("#planned_start", now.Format(site.LocalMinute)),
		setValue("#planned_return", now.Add(2*time.Hour).Format(site.LocalMinute)),
		click("#save-visit"), visible(`.page-head [data-status="pending_approval"]`))
	return p.pathID("/visits/")
}

// pathID is the id at the end of the tab's path under prefix.
func (p *person) pathID(prefix string) string {
	p.t.Helper()
	path := p.path()
	id, ok := strings.CutPrefix(path, prefix)
	if !ok || id == "" {
		p.t.Fatalf("%s: expected a page under %s, at %s", p.name, prefix, path)
	}
	return id
}

// TestBrowserScreenshots opens the pages the journeys do not pass through,
// each as a person who may see it, saves it at both widths and checks that
// none is wider than a phone's screen at 390 px.
func TestBrowserScreenshots(t *testing.T) {
	e := newTestEnv(t)
	// Something on the board and a visit page to look at.
	visitID := e.approvedVisit(e.as(t, "sales1"), 2*time.Hour)
	b := e.newBrowser(t)
	shots := []struct{ user, path, name string }{
		{"sales1", "/notifications", "notifications"},
		{"sales1", "/customers/import", "customer-import"},
		{"sales1", "/reports/activity", "report-activity"},
		{"sales1", "/reports/pipeline", "report-pipeline"},
		{"sales1", "/guidance", "guidance"},
		{"sales1", "/visits/" + visitID, "visit-approved"},
		{"manager", "/digest", "digest"},
		{"manager", "/customers/pool", "customer-pool"},
		{"admin", "/admin/users", "admin-users"},
		{"admin", "/admin/products", "admin-products"},
		{"admin", "/admin/calendar", "admin-calendar"},
		{"admin", "/admin/resources", "admin-resources"},
		{"admin", "/admin/resources/import", "admin-resource-import"},
		{"frontdesk", "/visits/board", "board"},
	}
	people := map[string]*person{}
	for _, s := range shots {
		p, ok := people[s.user]
		if !ok {
			p = b.person(s.user)
			p.signIn(s.user)
			people[s.user] = p
		}
		p.open(s.path, "#main h1")
		if s.name == "admin-products" {
			// a product has a name (名称), not a person's (姓名)
			if got := p.text("table.list thead th:nth-child(2)"); got != "名称" {
				t.Errorf("the rate card's name column is headed %q, want 名称", got)
			}
		}
		if n := p.count(".problem"); n != 0 {
			t.Errorf("%s as %s shows a problem: %s", s.path, s.user, p.where())
		}
		p.screenshot(s.name)
		p.do("narrow to a phone", chromedp.EmulateViewport(390, 900))
		width := read(p, "measure "+s.path, chromedp.Evaluate[int]("document.documentElement.scrollWidth"))
		p.do("restore the viewport", chromedp.EmulateViewport(1280, 900))
		if width > 390 {
			t.Errorf("%s is %d px wide on a 390 px phone", s.path, width)
		}
	}
}
