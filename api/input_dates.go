package api

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
//     period, a day filter): from earliestDay to ten years ahead;
//   - what already happened (a customer collected, a contact made): from
//     earliestDay to today;
//   - a visit: planned to start at most a day ago and within a year, and to
//     last at most maxVisit; a later expected return at most maxVisit ahead;
//   - a delegation: starting at most a day ago and within a year, lasting at
//     most maxDelegation.

// earliestDay is the first date the business can mean: nothing the company
// records predates it.
var earliestDay = time.Date(2000, 1, 1, 0, 0, 0, 0, policy.Shanghai)

const (
	// horizonYears is how far ahead a business date may lie.
	horizonYears = 10
	// maxVisit is the longest visit (R3.5, R3.6): a day out of the office;
	// longer trips are several visits.
	maxVisit = 24 * time.Hour
	// maxDelegation is the longest delegation (R5.5) that plausibility
	// allows; a configured, shorter maximum may apply on top.
	maxDelegation = 366 * 24 * time.Hour
	// planSlack is how far in the past a plan (a visit's start, a
	// delegation's start) may already be when it is written.
	planSlack = 24 * time.Hour
	// planAhead is how far ahead a visit or a delegation may be planned.
	planAhead = 366 * 24 * time.Hour
)

// dayRange is the dates a field accepts, inclusive.
type dayRange struct{ from, to time.Time }

// businessDays is any date of the business: earliestDay to ten years ahead.
func businessDays(today time.Time) dayRange {
	return dayRange{earliestDay, today.AddDate(horizonYears, 0, 0)}
}

// pastDays is what already happened: earliestDay to today.
func pastDays(today time.Time) dayRange { return dayRange{earliestDay, today} }

// checkDay parses value (YYYY-MM-DD, Shanghai) and checks it lies in r; ok
// is false, with a problem added, when it does not.
func checkDay(v *validation, field, value string, r dayRange) (time.Time, bool) {
	d, err := time.ParseInLocation(time.DateOnly, value, policy.Shanghai)
	if err != nil {
		v.Add(field, "field.date")
		return time.Time{}, false
	}
	if d.Before(dayOf(r.from)) || d.After(dayOf(r.to)) {
		v.Add(field, "field.date_range", policy.DateKey(r.from), policy.DateKey(r.to))
		return time.Time{}, false
	}
	return d, true
}

// checkPastDay is checkDay for what already happened: a future date keeps
// its own message ("cannot be in the future").
func checkPastDay(v *validation, field, value string, today time.Time) (time.Time, bool) {
	d, err := time.ParseInLocation(time.DateOnly, value, policy.Shanghai)
	if err == nil && d.After(dayOf(today)) {
		v.Add(field, "field.future_date")
		return time.Time{}, false
	}
	return checkDay(v, field, value, pastDays(today))
}

func dayOf(t time.Time) time.Time {
	t = t.In(policy.Shanghai)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, policy.Shanghai)
}

// checkTime parses an RFC 3339 value and checks it lies in [from, to].
func checkTime(v *validation, field, value string, from, to time.Time) (time.Time, bool) {
	t, err := time.Parse(time.RFC3339, value)
	if err != nil {
		v.Add(field, "field.timestamp")
		return time.Time{}, false
	}
	if t.Before(from) || t.After(to) {
		v.Add(field, "field.time_range", shanghaiMinute(from), shanghaiMinute(to))
		return time.Time{}, false
	}
	return t, true
}

// plannedTimes is the range of a planned start (a visit, a delegation).
func plannedTimes(now time.Time) (from, to time.Time) { return now.Add(-planSlack), now.Add(planAhead) }

func shanghaiMinute(t time.Time) string { return t.In(policy.Shanghai).Format("2006-01-02 15:04") }
