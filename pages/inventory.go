package pages

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"salesflow/pages/site"
	"salesflow/policy"
	"salesflow/service"
	"salesflow/session"
	"salesflow/store"
	"salesflow/web"
)

// The inventory grid (issue 13): resources × weeks, colour-coded by
// state, from the same availability call as GET /api/v1/availability
// (and so the same visibility rule). A salesperson ticks free weeks and
// opens a new proposal with them as lines (newProposal reads ?cell=).

// inventoryPage is the grid with its filters.
type inventoryPage struct {
	site.Base
	Kind, City, From, To string
	Kinds                []string
	Weeks                []string // each week's first day
	Rows                 []store.ResourceWeeks
	Next                 string
	CanPropose           bool
}

func (p *Server) inventory(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	q := service.AvailabilityQuery{Kind: c.Query("kind"), City: c.Query("city"), From: c.Query("from"), To: c.Query("to"),
		Page: store.Page{Limit: 50, Cursor: c.Query("cursor")}}
	page := inventoryPage{Base: p.Base(c, "inventory"), Kind: q.Kind, City: q.City, From: q.From, To: q.To,
		Kinds: store.ResourceKinds, CanPropose: policy.HasRole(u.Roles, policy.RoleSalesperson)}
	rows, next, err := p.Svc.Availability(ctx, u, q)
	if err != nil {
		page.Problem = p.ProblemFor(c, err)
		if page.Problem.Status >= 500 {
			p.Fail(c, err)
			return
		}
		p.Render(c, page.Problem.Status, "inventory", page)
		return
	}
	page.Rows, page.Next = rows, next
	if len(rows) > 0 {
		for _, w := range rows[0].Weeks {
			page.Weeks = append(page.Weeks, w.Start)
		}
	}
	p.Render(c, http.StatusOK, "inventory", page)
}

// cellLines turns the grid's ticked cells (?cell=<resource id>|<week's
// first day>) into proposal lines: a resource's consecutive weeks become
// one line from the first week's Monday to the last week's Sunday, priced
// at the product's list price (the salesperson then agrees the price); a
// resource sold by the month gets the whole calendar months the weeks fall
// in. A cell that names no resource is dropped; the draft's checks judge
// the rest (the days must be free and on sale).
func (p *Server) cellLines(ctx context.Context, cells []string) ([]lineView, error) {
	weeks := map[string][]time.Time{}
	var ids []string
	for _, cell := range cells {
		id, day, ok := strings.Cut(cell, "|")
		start, err := time.Parse(policy.DateLayout, day)
		if !ok || err != nil {
			continue
		}
		if _, seen := weeks[id]; !seen {
			ids = append(ids, id)
		}
		weeks[id] = append(weeks[id], start)
	}
	if len(ids) == 0 {
		return nil, nil
	}
	known, err := p.Svc.ResourcesByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	products, err := p.Svc.Products(ctx)
	if err != nil {
		return nil, err
	}
	listPrice := map[string]int64{}
	for _, pr := range products {
		listPrice[pr.ID] = pr.ListPriceFen
	}
	var lines []lineView
	for _, id := range ids {
		r, ok := known[id]
		if !ok {
			continue
		}
		for _, run := range weekRuns(weeks[id]) {
			from, to := run[0], run[1].AddDate(0, 0, 6)
			if r.SellUnit == string(policy.UnitMonth) { // the calendar months the weeks fall in
				from = time.Date(from.Year(), from.Month(), 1, 0, 0, 0, 0, time.UTC)
				to = time.Date(to.Year(), to.Month()+1, 0, 0, 0, 0, 0, time.UTC)
			}
			lines = append(lines, lineView{ProductID: r.ProductID, ResourceID: r.ID, Resource: r.Code + " " + r.Name,
				StartsOn: from.Format(policy.DateLayout), EndsOn: to.Format(policy.DateLayout),
				Price: web.PlainYuan(listPrice[r.ProductID])})
		}
	}
	return lines, nil
}

// weekRuns sorts week starts and joins consecutive ones: each run is its
// first and last week's start.
func weekRuns(starts []time.Time) [][2]time.Time {
	slices.SortFunc(starts, func(a, b time.Time) int { return a.Compare(b) })
	starts = slices.CompactFunc(starts, func(a, b time.Time) bool { return a.Equal(b) })
	var runs [][2]time.Time
	for _, s := range starts {
		if n := len(runs); n > 0 && runs[n-1][1].AddDate(0, 0, 7).Equal(s) {
			runs[n-1][1] = s
			continue
		}
		runs = append(runs, [2]time.Time{s, s})
	}
	return runs
}
