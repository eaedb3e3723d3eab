package policy

import (
	"time"

	"github.com/6tail/lunar-go/HolidayUtil"
)

// ChinaCalendar is the statutory working-day calendar of the People's
// Republic of China (R1.3, R3.8): public holidays are days off, and the
// make-up working days (调休) — usually a Saturday or Sunday next to a
// holiday — are working days. The schedule comes from lunar-go's HolidayUtil,
// which carries the State Council's published arrangement year by year; days
// it does not mention follow Monday–Friday.
type ChinaCalendar struct{}

// IsWorkingDay reports whether day, taken as a date in Shanghai, is a working
// day under the statutory schedule.
func (ChinaCalendar) IsWorkingDay(day time.Time) bool {
	if h := HolidayUtil.GetHoliday(DateKey(day)); h != nil {
		return h.IsWork()
	}
	return Weekdays{}.IsWorkingDay(day.In(Shanghai))
}

// DateKey is day's date in Shanghai as YYYY-MM-DD, the key calendars use.
func DateKey(day time.Time) string { return day.In(Shanghai).Format(time.DateOnly) }

// OverrideCalendar lets an administrator correct a base calendar day by day
// (a company-wide day off, a schedule published after the library's): Days
// maps a YYYY-MM-DD date in Shanghai to whether it is a working day; dates not
// in Days follow Base.
type OverrideCalendar struct {
	Base Calendar
	Days map[string]bool
}

// IsWorkingDay answers from the override for day's date, else from Base.
func (c OverrideCalendar) IsWorkingDay(day time.Time) bool {
	if working, ok := c.Days[DateKey(day)]; ok {
		return working
	}
	return c.Base.IsWorkingDay(day)
}
