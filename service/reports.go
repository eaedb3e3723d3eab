package service

import (
	"context"
	"math"
	"salesflow/policy"
	"salesflow/store"
	"time"
)

// ActivityRow is one salesperson's figures against the targets (R1.2,
// R1.3, R3.6, R3.7, R3.8).
type ActivityRow struct {
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

// Activity is the whole report.
type Activity struct {
	From        string         `json:"from"`
	To          string         `json:"to"`
	WorkingDays int            `json:"working_days"`
	Weeks       float64        `json:"weeks"`
	Targets     policy.Targets `json:"targets"`
	People      []ActivityRow  `json:"people"`
	Team        ActivityRow    `json:"team"`
}

// ActivityReport is the activity of every salesperson actor may see —
// their own, a manager's team, everyone for an admin — and the team's
// totals, from to to (both inclusive).
func (s *Service) ActivityReport(ctx context.Context, u store.User, from, to time.Time) (Activity, error) {
	people, err := s.ReportPeople(ctx, u)
	if err != nil {
		return Activity{}, err
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return Activity{}, err
	}
	end := to.AddDate(0, 0, 1)
	ids := PersonIDs(people)
	entries, err := s.store.EntryCountsBetween(ctx, ids, from, end)
	if err != nil {
		return Activity{}, err
	}
	visits, err := s.store.VisitCountsBetween(ctx, ids, from, end, time.Now())
	if err != nil {
		return Activity{}, err
	}
	missed, err := s.store.MissedContactsBetween(ctx, ids, from, end)
	if err != nil {
		return Activity{}, err
	}
	r := Activity{From: from.Format(time.DateOnly), To: to.Format(time.DateOnly), Targets: s.cfg.Targets.OrDefault(),
		WorkingDays: policy.WorkingDaysBetween(cal, from, to, policy.Shanghai),
		Weeks:       Round2(float64(int(end.Sub(from).Hours()/24+0.5)) / 7), People: []ActivityRow{}}
	for _, p := range people {
		vc := visits[p.ID]
		r.People = append(r.People, ActivityRow{UserID: p.ID, Name: p.Name, Visits: vc.Visits,
			LateVisitReports: vc.LateReports, LateReturns: vc.LateReturns, MissedContacts: missed[p.ID]})
	}
	r.countEntries(cal, entries)
	r.totals()
	return r, nil
}

// countEntries adds each day's records to their collector's row (R1.2,
// R1.3): late when the day they were entered is past the second working
// day after the one they were collected on.
func (r *Activity) countEntries(cal policy.Calendar, entries []store.EntryCount) {
	byID := map[string]*ActivityRow{}
	for i := range r.People {
		byID[r.People[i].UserID] = &r.People[i]
	}
	for _, e := range entries {
		row := byID[e.CreatedBy]
		row.NewRecords += e.N
		y, m, d := e.EnteredOn.Date()
		if policy.EntryLate(cal, e.CollectedOn, time.Date(y, m, d, 0, 0, 0, 0, policy.Shanghai), policy.Shanghai) {
			row.LateEntries += e.N
		}
	}
}

// totals finishes each row and sums them into the team's, whose rates are
// per person.
func (r *Activity) totals() {
	r.Team = ActivityRow{Name: "team"}
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
func (r Activity) finish(row *ActivityRow, n int) {
	if r.WorkingDays > 0 {
		row.RecordsPerWorkingDay = Round2(float64(row.NewRecords) / float64(r.WorkingDays) / float64(n))
	}
	if r.Weeks > 0 {
		row.VisitsPerWeek = Round2(float64(row.Visits) / r.Weeks / float64(n))
	}
	row.MeetsRecordTarget = row.RecordsPerWorkingDay >= float64(r.Targets.RecordsPerWorkingDay)
	row.MeetsVisitTarget = row.VisitsPerWeek >= float64(r.Targets.VisitsPerWeek)
}

// Round2 rounds f to two decimals, as the reports show figures.
func Round2(f float64) float64 { return math.Round(f*100) / 100 }

// ReportPeriod reads a report's period, from and to (YYYY-MM-DD,
// Asia/Shanghai, both inclusive as a person reads them; "" for the
// default): by default Monday of this week to today.
func ReportPeriod(fromDay, toDay string, now time.Time) (time.Time, time.Time, error) {
	today := policy.AtTimeOfDay(now, 0, policy.Shanghai)
	from := today.AddDate(0, 0, -((int(today.Weekday()) + 6) % 7))
	to := today
	var v Validation
	for _, p := range []struct {
		name, value string
		dst         *time.Time
	}{{"from", fromDay, &from}, {"to", toDay, &to}} {
		if s := p.value; s != "" {
			if d, ok := CheckDay(&v, p.name, s, BusinessDays(today)); ok {
				*p.dst = d
			}
		}
	}
	if to.Before(from) || to.Sub(from) > 366*24*time.Hour {
		v.Add("to", "field.period")
	}
	return from, to, v.Err()
}

// ReportPeople are the salespeople whose figures u may see: everyone for an
// admin, a manager's team, else themself.
func (s *Service) ReportPeople(ctx context.Context, u store.User) ([]store.Person, error) {
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

// PersonIDs are the people's IDs.
func PersonIDs(people []store.Person) []string {
	ids := make([]string, len(people))
	for i, p := range people {
		ids[i] = p.ID
	}
	return ids
}

// CustomerClasses are R4.1's six classes, from the furthest along.
var CustomerClasses = []string{"signed", "intent_signed", "key", "progressing", "potential", "tracking"}

// PipelineCounts are customers per class (every class present, 0 when
// none) and their total.
type PipelineCounts struct {
	Classes map[string]int `json:"classes"`
	Total   int            `json:"total"`
}

// PipelineRow is one salesperson's customers per class.
type PipelineRow struct {
	UserID string `json:"user_id"`
	Name   string `json:"name"`
	PipelineCounts
}

// Pipeline is the whole report, for the API and the page.
type Pipeline struct {
	Classes []string       `json:"classes"`
	People  []PipelineRow  `json:"people"`
	Team    PipelineCounts `json:"team"`
}

// PipelineReport is customers per class per salesperson actor may see,
// and the team's totals (R4.1).
func (s *Service) PipelineReport(ctx context.Context, u store.User) (Pipeline, error) {
	people, err := s.ReportPeople(ctx, u)
	if err != nil {
		return Pipeline{}, err
	}
	counts, err := s.store.ClassCounts(ctx, PersonIDs(people))
	if err != nil {
		return Pipeline{}, err
	}
	return pipelineOf(people, counts), nil
}

func pipelineOf(people []store.Person, counts []store.ClassCount) Pipeline {
	zero := func() map[string]int {
		m := map[string]int{}
		for _, cl := range CustomerClasses {
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
	r := Pipeline{Classes: CustomerClasses, People: make([]PipelineRow, len(people)),
		Team: PipelineCounts{Classes: team, Total: sum(team)}}
	for i, p := range people {
		cls := per[p.ID]
		if cls == nil {
			cls = zero()
		}
		r.People[i] = PipelineRow{UserID: p.ID, Name: p.Name, PipelineCounts: PipelineCounts{Classes: cls, Total: sum(cls)}}
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

// Calendar is the company's working-day calendar: the statutory one with
// the admins' overrides (R1.3).
func (s *Service) Calendar(ctx context.Context) (policy.Calendar, error) {
	return s.store.CompanyCalendar(ctx)
}
