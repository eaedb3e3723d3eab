package service

import (
	"time"

	"salesflow/policy"
)

// Dates and times are refused unless a person could mean them. Go parses
// the year 0000 and PostgreSQL refuses it, so an unchecked "0000-01-01"
// used to answer 500 (or wedge a workflow whose activity then failed).
// The ranges, in Shanghai time:
//
//   - any date of the business (the calendar, a contract, a report's
//     period, a day filter): from EarliestDay to ten years ahead;
//   - what already happened (a customer collected, a contact made): from
//     EarliestDay to today;
//   - a visit: planned to start at most a day ago and within a year, and to
//     last at most MaxVisit; a later expected return at most MaxVisit ahead;
//   - a delegation: starting at most a day ago and within a year, lasting at
//     most MaxDelegation.

// EarliestDay is the first date the business can mean: nothing the company
// records predates it.
var EarliestDay = time.Date(2000, 1, 1, 0, 0, 0, 0, policy.Shanghai)

const (
	// horizonYears is how far ahead a business date may lie.
	horizonYears = 10
	// MaxVisit is the longest visit (R3.5, R3.6): a day out of the office;
	// longer trips are several visits.
	MaxVisit = 24 * time.Hour
	// MaxDelegation is the longest delegation (R5.5) that plausibility
	// allows; a configured, shorter maximum may apply on top.
	MaxDelegation = 366 * 24 * time.Hour
	// planSlack is how far in the past a plan (a visit's start, a
	// delegation's start) may already be when it is written.
	planSlack = 24 * time.Hour
	// planAhead is how far ahead a visit or a delegation may be planned.
	planAhead = 366 * 24 * time.Hour
)

// DayRange is the dates a field accepts, inclusive.
type DayRange struct{ from, to time.Time }

// BusinessDays is any date of the business: EarliestDay to ten years ahead.
func BusinessDays(today time.Time) DayRange {
	return DayRange{EarliestDay, today.AddDate(horizonYears, 0, 0)}
}

// PastDays is what already happened: EarliestDay to today.
func PastDays(today time.Time) DayRange { return DayRange{EarliestDay, today} }

// CheckDay parses value (YYYY-MM-DD, Shanghai) and checks it lies in r; ok
// is false, with a problem added, when it does not.
func CheckDay(v *Validation, field, value string, r DayRange) (time.Time, bool) {
	d, err := time.ParseInLocation(time.DateOnly, value, policy.Shanghai)
	if err != nil {
		v.Add(field, "field.date")
		return time.Time{}, false
	}
	if d.Before(DayOf(r.from)) || d.After(DayOf(r.to)) {
		v.Add(field, "field.date_range", policy.DateKey(r.from), policy.DateKey(r.to))
		return time.Time{}, false
	}
	return d, true
}

// CheckPastDay is CheckDay for what already happened: a future date keeps
// its own message ("cannot be in the future").
func CheckPastDay(v *Validation, field, value string, today time.Time) (time.Time, bool) {
	d, err := time.ParseInLocation(time.DateOnly, value, policy.Shanghai)
	if err == nil && d.After(DayOf(today)) {
		v.Add(field, "field.future_date")
		return time.Time{}, false
	}
	return CheckDay(v, field, value, PastDays(today))
}

func DayOf(t time.Time) time.Time {
	t = t.In(policy.Shanghai)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, policy.Shanghai)
}

// CheckTime parses an RFC 3339 value and checks it lies in [from, to].
func CheckTime(v *Validation, field, value string, from, to time.Time) (time.Time, bool) {
	t, err := time.Parse(time.RFC3339, value)
	if err != nil {
		v.Add(field, "field.timestamp")
		return time.Time{}, false
	}
	if t.Before(from) || t.After(to) {
		v.Add(field, "field.time_range", ShanghaiMinute(from), ShanghaiMinute(to))
		return time.Time{}, false
	}
	return t, true
}

// PlannedTimes is the range of a planned start (a visit, a delegation).
func PlannedTimes(now time.Time) (from, to time.Time) { return now.Add(-planSlack), now.Add(planAhead) }

func ShanghaiMinute(t time.Time) string { return t.In(policy.Shanghai).Format("2006-01-02 15:04") }

// CheckDate accepts an empty date (not yet agreed) or a business date
// (YYYY-MM-DD from 2000 to ten years ahead).
func CheckDate(v *Validation, field, value string, today time.Time) (time.Time, bool) {
	if value == "" {
		return time.Time{}, false
	}
	return CheckDay(v, field, value, BusinessDays(today))
}
