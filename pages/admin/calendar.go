package admin

import (
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"salesflow/httpx"
	"salesflow/pages/site"
	"salesflow/policy"
	"salesflow/service"
	"salesflow/session"
	"salesflow/store"
)

// The admin's calendar page: the overrides laid over the statutory
// working-day calendar (R1.3, R1.4), adding or replacing one, and removing
// one so the statutory day holds again. The form's key is the audit
// event's, so a double click is one change.

// adminCalendarPage lists the overrides with the form to set one.
type adminCalendarPage struct {
	site.Base
	Overrides []calendarRow
	Key       string
	Date      string
	Working   string // "true", "false" or "" (not chosen)
	Note      string
}

// calendarRow is one override with what the statutory calendar says of
// the day, and the key of its remove button.
type calendarRow struct {
	store.CalendarOverrideRow
	Weekday   int // 0 Sunday … 6 Saturday
	Statutory bool
	RemoveKey string
}

func (p *Server) adminCalendar(c *gin.Context) {
	p.showCalendar(c, http.StatusOK, adminCalendarPage{Base: p.Base(c, "admin_calendar"), Key: site.NewFormKey()})
}

// setCalendarForm is the form twin of PUT /api/v1/calendar/overrides/{date}
// (service.SetCalendarOverride).
func (p *Server) setCalendarForm(c *gin.Context) {
	page := adminCalendarPage{Base: p.Base(c, "admin_calendar"), Key: site.FormKey(c),
		Date: strings.TrimSpace(c.PostForm("date")), Working: c.PostForm("working"), Note: c.PostForm("note")}
	req := service.CalendarOverride{Note: page.Note}
	if page.Working == "true" || page.Working == "false" {
		w := page.Working == "true"
		req.Working = &w
	}
	var v service.Validation
	if day, ok := service.CheckDay(&v, "date", page.Date, service.BusinessDays(time.Now())); ok {
		req.Day = policy.DateKey(day)
	}
	if req.Working == nil {
		v.Add("working", "page.admin.choose_working") // the API's "true or false" reads oddly beside two buttons
	}
	err := v.Err()
	if err == nil {
		u, _ := session.User(c)
		ctx, cancel := p.Ctx(c)
		defer cancel()
		err = p.Svc.SetCalendarOverride(ctx, u, page.Key, req)
	} else {
		err = service.JoinProblems(err, req.Check()) // every message at once
	}
	if err != nil {
		page.Problem = p.ProblemFor(c, err)
		p.showCalendar(c, page.Problem.Status, page)
		return
	}
	p.Done(c, "page.admin.calendar_saved", "/admin/calendar")
}

// removeCalendarForm is the form twin of DELETE
// /api/v1/calendar/overrides/{date}; refused, it comes back with a flash.
func (p *Server) removeCalendarForm(c *gin.Context) {
	day, err := httpx.CalendarDay(c) // the API's range: a year-0000 path is refused, not sent to PostgreSQL
	if err != nil {
		p.Fail(c, service.NotFound("calendar override "+c.Param("date")))
		return
	}
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	if err := p.Svc.RemoveCalendarOverride(ctx, u, site.FormKey(c), policy.DateKey(day)); err != nil {
		p.FlashProblem(c, p.ProblemFor(c, err))
		c.Redirect(http.StatusSeeOther, "/admin/calendar")
		return
	}
	p.Done(c, "page.admin.calendar_removed", "/admin/calendar")
}

func (p *Server) showCalendar(c *gin.Context, status int, page adminCalendarPage) {
	ctx, cancel := p.Ctx(c)
	defer cancel()
	list, err := p.Svc.CalendarOverrides(ctx)
	if err != nil {
		p.Fail(c, err)
		return
	}
	for _, o := range list {
		row := calendarRow{CalendarOverrideRow: o, RemoveKey: site.NewFormKey()}
		if day, err := time.ParseInLocation(time.DateOnly, o.Day, policy.Shanghai); err == nil {
			row.Weekday, row.Statutory = int(day.Weekday()), policy.ChinaCalendar{}.IsWorkingDay(day)
		}
		page.Overrides = append(page.Overrides, row)
	}
	p.Render(c, status, "admin_calendar", page)
}
