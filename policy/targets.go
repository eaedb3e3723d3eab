package policy

import "time"

// Targets are the activity targets a salesperson is measured against.
type Targets struct {
	// RecordsPerWorkingDay is R1.2: 10 or more new customer records a day.
	RecordsPerWorkingDay int `json:"records_per_working_day"`
	// VisitsPerWeek is R3.7: 10 customer visits a week.
	VisitsPerWeek int `json:"visits_per_week"`
}

// DefaultTargets are the policy's own numbers.
var DefaultTargets = Targets{RecordsPerWorkingDay: 10, VisitsPerWeek: 10}

// OrDefault fills unset targets with the policy's numbers.
func (t Targets) OrDefault() Targets {
	if t.RecordsPerWorkingDay <= 0 {
		t.RecordsPerWorkingDay = DefaultTargets.RecordsPerWorkingDay
	}
	if t.VisitsPerWeek <= 0 {
		t.VisitsPerWeek = DefaultTargets.VisitsPerWeek
	}
	return t
}

// WorkingDaysBetween counts the working days from first to last inclusive
// (dates in loc).
func WorkingDaysBetween(cal Calendar, first, last time.Time, loc *time.Location) int {
	n := 0
	for d := AtTimeOfDay(first, 0, loc); !d.After(AtTimeOfDay(last, 0, loc)); d = d.AddDate(0, 0, 1) {
		if cal.IsWorkingDay(d) {
			n++
		}
	}
	return n
}

// EntryLate is R1.3: a record entered more than 2 working days after the
// day it was collected (any time on the second working day is in time).
func EntryLate(cal Calendar, collectedOn, enteredAt time.Time, loc *time.Location) bool {
	deadline := AddWorkingDays(cal, AtTimeOfDay(collectedOn, 0, loc), 2, loc)
	return !enteredAt.Before(deadline.AddDate(0, 0, 1))
}

// PreviousWorkingDay is the start (00:00 in loc) of the last working day
// before day's date, looking back at most 30 days: what the daily digest
// covers (R4.3).
func PreviousWorkingDay(cal Calendar, day time.Time, loc *time.Location) time.Time {
	start := AtTimeOfDay(day, 0, loc)
	since := start.AddDate(0, 0, -1)
	for !cal.IsWorkingDay(since) && start.Sub(since) < 30*24*time.Hour {
		since = since.AddDate(0, 0, -1)
	}
	return since
}
