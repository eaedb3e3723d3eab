package pages

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"salesflow/pages/site"
	"salesflow/policy"
	"salesflow/session"
	"salesflow/store"
)

// The day calendar of one resource (/inventory/{id}, linked from the
// grid's resource name): weeks Monday to Sunday, each day coloured by its
// state with its free faces, and under it the live claims of the range as
// the viewer may see them; from the same call as GET
// /api/v1/resources/{id}/availability.

// inventoryDaysPage is the calendar with its range.
type inventoryDaysPage struct {
	site.Base
	Resource store.MediaResource
	From, To string
	Weeks    [][]dayView // Monday first; empty days before the range's first day and after its last
	Claims   []store.AvailabilityClaim
	Weekdays []int // the calendar's columns, Monday first
}

func (p *Server) inventoryDays(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	page := inventoryDaysPage{Base: p.Base(c, "inventory"), From: c.Query("from"), To: c.Query("to"),
		Weekdays: []int{1, 2, 3, 4, 5, 6, 0}}
	page.Resource.ID = c.Param("id")
	r, days, err := p.Svc.ResourceDays(ctx, u, c.Param("id"), page.From, page.To)
	if err != nil {
		page.Problem = p.ProblemFor(c, err)
		if page.Problem.Status >= 500 || page.Problem.Status == http.StatusNotFound {
			p.Fail(c, err)
			return
		}
		p.Render(c, page.Problem.Status, "inventory_days", page)
		return
	}
	page.Resource, page.From, page.To = r, days[0].Day, days[len(days)-1].Day
	page.Weeks, page.Claims = calendarWeeks(days), distinctClaims(days)
	p.Render(c, http.StatusOK, "inventory_days", page)
}

// dayView is one day of the calendar: Label is its day of the month, with
// the month on the 1st and on the range's first day; Day "" is a blank.
type dayView struct {
	*store.DayCell
	Label string
}

// calendarWeeks lays days out in weeks from Monday.
func calendarWeeks(days []store.DayCell) [][]dayView {
	first, _ := time.Parse(policy.DateLayout, days[0].Day)
	lead := (int(first.Weekday()) + 6) % 7
	var weeks [][]dayView
	week := make([]dayView, lead, 7)
	for i := range days {
		d := first.AddDate(0, 0, i)
		label := d.Format("2")
		if i == 0 || d.Day() == 1 {
			label = d.Format("1/2")
		}
		week = append(week, dayView{DayCell: &days[i], Label: label})
		if len(week) == 7 {
			weeks, week = append(weeks, week), make([]dayView, 0, 7)
		}
	}
	if len(week) > 0 {
		weeks = append(weeks, append(week, make([]dayView, 7-len(week))...))
	}
	return weeks
}

// distinctClaims lists each claim of the days once, by first day and slot.
func distinctClaims(days []store.DayCell) []store.AvailabilityClaim {
	type key struct {
		slot     int
		from, to string
	}
	seen := map[key]bool{}
	var out []store.AvailabilityClaim
	for _, d := range days {
		for _, c := range d.Claims {
			if k := (key{c.Slot, c.From, c.To}); !seen[k] {
				seen[k] = true
				out = append(out, c)
			}
		}
	}
	return out
}
