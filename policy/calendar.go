package policy

import (
	"time"
	_ "time/tzdata" // the zone must exist on minimal hosts and in containers
)

// Calendar answers which days are working days. R1.3, R3.8 and the task
// deadlines count working days; the Chinese statutory calendar (holidays and
// make-up Saturdays) arrives with the customer registry and plugs in here.
type Calendar interface {
	IsWorkingDay(day time.Time) bool
}

// Weekdays is the plain Monday–Friday calendar used until the statutory one
// is in place.
type Weekdays struct{}

// IsWorkingDay reports whether day falls on Monday to Friday.
func (Weekdays) IsWorkingDay(day time.Time) bool {
	wd := day.Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// AddWorkingDays returns the instant n working days after t, at the same
// clock time, skipping days cal says are not working days. Dates are taken in
// loc (Asia/Shanghai for the company) so a deadline does not drift with UTC.
func AddWorkingDays(cal Calendar, t time.Time, n int, loc *time.Location) time.Time {
	d := t.In(loc)
	for added := 0; added < n; {
		d = d.AddDate(0, 0, 1)
		if cal.IsWorkingDay(d) {
			added++
		}
	}
	return d
}

// Shanghai is the company's time zone, in which "a day" and "09:00" are meant.
var Shanghai = loadShanghai()

func loadShanghai() *time.Location {
	if loc, err := time.LoadLocation("Asia/Shanghai"); err == nil {
		return loc
	}
	return time.FixedZone("CST", 8*3600)
}

// WorkingDaysBefore returns the instant n working days before t, at the
// same clock time: the day a hold's owner is warned of its lapse (issue 13).
func WorkingDaysBefore(cal Calendar, t time.Time, n int, loc *time.Location) time.Time {
	d := t.In(loc)
	for taken := 0; taken < n; {
		d = d.AddDate(0, 0, -1)
		if cal.IsWorkingDay(d) {
			taken++
		}
	}
	return d
}
