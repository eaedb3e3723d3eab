package api

import (
	"context"
	"math"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"salesflow/policy"
	"salesflow/service"
	"salesflow/store"
)

// activityRow is one salesperson's figures against the targets (R1.2,
// R1.3, R3.6, R3.7, R3.8).
type activityRow struct {
	UserID               string  `json:"user_id"`
	Name                 string  `json:"name"`
	NewRecords           int     `json:"new_records"`
	RecordsPerWorkingDay float64 `json:"records_per_working_day"`
	MeetsRecordTarget    bool    `json:"meets_record_target"`
	LateEntries          int     `json:"late_entries"`
	Visits               int     `json:"visits"`
	VisitsPerWeek        float64 `json:"visits_per_week"`
	MeetsVisitTarget     bool    `json:"meets_visit_target"`
	LateVisitReports     int     `json:"late_visit_reports"`
	LateReturns          int     `json:"late_returns"`
	MissedContacts       int     `json:"missed_contact_deadlines"` // R2.5
}

// activityReport answers GET /reports/activity?from=&to= (dates, inclusive;
// default this week so far): per salesperson the caller may see — their
// own, a manager's team, everyone for an admin — and the team's totals.
func (s *Server) activityReport(c *gin.Context) {
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	from, to, err := reportPeriod(c, time.Now())
	if err != nil {
		s.fail(c, err)
		return
	}
	report, err := s.buildActivity(ctx, u, from, to)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, report)
}

// activity is the whole report.
type activity struct {
	From        string         `json:"from"`
	To          string         `json:"to"`
	WorkingDays int            `json:"working_days"`
	Weeks       float64        `json:"weeks"`
	Targets     policy.Targets `json:"targets"`
	People      []activityRow  `json:"people"`
	Team        activityRow    `json:"team"`
}

func (s *Server) buildActivity(ctx context.Context, u store.User, from, to time.Time) (activity, error) {
	people, err := s.reportPeople(ctx, u)
	if err != nil {
		return activity{}, err
	}
	cal, err := s.calendar(ctx)
	if err != nil {
		return activity{}, err
	}
	end := to.AddDate(0, 0, 1)
	ids := personIDs(people)
	entries, err := s.store.EntriesBetween(ctx, ids, from, end)
	if err != nil {
		return activity{}, err
	}
	visits, err := s.store.VisitCountsBetween(ctx, ids, from, end, time.Now())
	if err != nil {
		return activity{}, err
	}
	missed, err := s.store.MissedContactsBetween(ctx, ids, from, end)
	if err != nil {
		return activity{}, err
	}
	r := activity{From: from.Format(time.DateOnly), To: to.Format(time.DateOnly), Targets: s.cfg.Targets.OrDefault(),
		WorkingDays: policy.WorkingDaysBetween(cal, from, to, policy.Shanghai),
		Weeks:       round2(float64(int(end.Sub(from).Hours()/24+0.5)) / 7), People: []activityRow{}}
	for _, p := range people {
		vc := visits[p.ID]
		r.People = append(r.People, activityRow{UserID: p.ID, Name: p.Name, Visits: vc.Visits,
			LateVisitReports: vc.LateReports, LateReturns: vc.LateReturns, MissedContacts: missed[p.ID]})
	}
	r.countEntries(cal, entries)
	r.totals()
	return r, nil
}

// countEntries adds each record to its collector's row (R1.2, R1.3).
func (r *activity) countEntries(cal policy.Calendar, entries []store.Entry) {
	byID := map[string]*activityRow{}
	for i := range r.People {
		byID[r.People[i].UserID] = &r.People[i]
	}
	for _, e := range entries {
		row := byID[e.CreatedBy]
		row.NewRecords++
		if policy.EntryLate(cal, e.CollectedOn, e.EnteredAt, policy.Shanghai) {
			row.LateEntries++
		}
	}
}

// totals finishes each row and sums them into the team's, whose rates are
// per person.
func (r *activity) totals() {
	r.Team = activityRow{Name: "team"}
	for i := range r.People {
		r.finish(&r.People[i], 1)
		r.Team.NewRecords += r.People[i].NewRecords
		r.Team.LateEntries += r.People[i].LateEntries
		r.Team.Visits += r.People[i].Visits
		r.Team.LateVisitReports += r.People[i].LateVisitReports
		r.Team.LateReturns += r.People[i].LateReturns
		r.Team.MissedContacts += r.People[i].MissedContacts
	}
	r.finish(&r.Team, max(len(r.People), 1))
}

// finish computes the rates of row, averaged over n people, and whether
// they meet the targets.
func (r activity) finish(row *activityRow, n int) {
	if r.WorkingDays > 0 {
		row.RecordsPerWorkingDay = round2(float64(row.NewRecords) / float64(r.WorkingDays) / float64(n))
	}
	if r.Weeks > 0 {
		row.VisitsPerWeek = round2(float64(row.Visits) / r.Weeks / float64(n))
	}
	row.MeetsRecordTarget = row.RecordsPerWorkingDay >= float64(r.Targets.RecordsPerWorkingDay)
	row.MeetsVisitTarget = row.VisitsPerWeek >= float64(r.Targets.VisitsPerWeek)
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }

// reportPeriod reads ?from=&to= (YYYY-MM-DD, Asia/Shanghai, inclusive);
// by default Monday of this week to today.
func reportPeriod(c *gin.Context, now time.Time) (time.Time, time.Time, error) {
	today := policy.AtTimeOfDay(now, 0, policy.Shanghai)
	from := today.AddDate(0, 0, -((int(today.Weekday()) + 6) % 7))
	to := today
	var v validation
	for _, p := range []struct {
		name string
		dst  *time.Time
	}{{"from", &from}, {"to", &to}} {
		if s := c.Query(p.name); s != "" {
			if d, ok := service.CheckDay(&v, p.name, s, service.BusinessDays(today)); ok {
				*p.dst = d
			}
		}
	}
	if to.Before(from) || to.Sub(from) > 366*24*time.Hour {
		v.Add("to", "field.period")
	}
	return from, to, v.Err()
}

// reportPeople are the salespeople whose figures u may see: everyone for an
// admin, a manager's team, else themself.
func (s *Server) reportPeople(ctx context.Context, u store.User) ([]store.Person, error) {
	switch {
	case policy.HasRole(u.Roles, policy.RoleAdmin):
		return s.store.Salespeople(ctx, nil)
	case policy.HasRole(u.Roles, policy.RoleSalesManager):
		team, err := s.store.TeamOf(ctx, u.ID)
		if err != nil {
			return nil, err
		}
		return s.store.Salespeople(ctx, team)
	}
	return s.store.Salespeople(ctx, []string{u.ID})
}

func personIDs(people []store.Person) []string {
	ids := make([]string, len(people))
	for i, p := range people {
		ids[i] = p.ID
	}
	return ids
}

// customerClasses are R4.1's six classes, from the furthest along.
var customerClasses = []string{"signed", "intent_signed", "key", "progressing", "potential", "tracking"}

// pipelineReport answers GET /reports/pipeline: customers per class per
// salesperson the caller may see, and the team's totals (R4.1).
func (s *Server) pipelineReport(c *gin.Context) {
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	r, err := s.buildPipeline(ctx, u)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, r)
}

// pipelineCounts are customers per class (every class present, 0 when
// none) and their total.
type pipelineCounts struct {
	Classes map[string]int `json:"classes"`
	Total   int            `json:"total"`
}

// pipelineRow is one salesperson's customers per class.
type pipelineRow struct {
	UserID string `json:"user_id"`
	Name   string `json:"name"`
	pipelineCounts
}

// pipeline is the whole report, for the API and the page.
type pipeline struct {
	Classes []string       `json:"classes"`
	People  []pipelineRow  `json:"people"`
	Team    pipelineCounts `json:"team"`
}

func (s *Server) buildPipeline(ctx context.Context, u store.User) (pipeline, error) {
	people, err := s.reportPeople(ctx, u)
	if err != nil {
		return pipeline{}, err
	}
	counts, err := s.store.ClassCounts(ctx, personIDs(people))
	if err != nil {
		return pipeline{}, err
	}
	return pipelineOf(people, counts), nil
}

func pipelineOf(people []store.Person, counts []store.ClassCount) pipeline {
	zero := func() map[string]int {
		m := map[string]int{}
		for _, cl := range customerClasses {
			m[cl] = 0
		}
		return m
	}
	per := map[string]map[string]int{}
	team := zero()
	for _, cc := range counts {
		if per[cc.OwnerID] == nil {
			per[cc.OwnerID] = zero()
		}
		per[cc.OwnerID][cc.Class] += cc.N
		team[cc.Class] += cc.N
	}
	r := pipeline{Classes: customerClasses, People: make([]pipelineRow, len(people)),
		Team: pipelineCounts{Classes: team, Total: sum(team)}}
	for i, p := range people {
		cls := per[p.ID]
		if cls == nil {
			cls = zero()
		}
		r.People[i] = pipelineRow{UserID: p.ID, Name: p.Name, pipelineCounts: pipelineCounts{Classes: cls, Total: sum(cls)}}
	}
	return r
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}
