package policy

import (
	"testing"
	"time"
)

type fixedHolidays map[string]bool

func (h fixedHolidays) IsWorkingDay(d time.Time) bool {
	if v, ok := h[d.Format(time.DateOnly)]; ok {
		return v
	}
	return Weekdays{}.IsWorkingDay(d)
}

func TestVisitReportDeadline(t *testing.T) {
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, Shanghai)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	cases := []struct {
		name        string
		cal         Calendar
		returned    string
		remind, due string
	}{
		{"midweek", Weekdays{}, "2026-11-24 16:00", "2026-11-26 09:00", "2026-11-26 16:00"},
		{"across a weekend", Weekdays{}, "2026-11-27 16:00", "2026-12-01 09:00", "2026-12-01 16:00"},
		{"back early in the morning", Weekdays{}, "2026-11-24 07:30", "2026-11-26 00:00", "2026-11-26 07:30"},
		{"holiday and make-up Saturday", fixedHolidays{"2026-10-10": true},
			"2026-09-29 15:00", "2026-10-10 09:00", "2026-10-10 15:00"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cal := c.cal
			if h, ok := cal.(fixedHolidays); ok {
				// 1–9 October off, 10 October a make-up working Saturday.
				for d := 1; d <= 9; d++ {
					h[time.Date(2026, 10, d, 0, 0, 0, 0, Shanghai).Format(time.DateOnly)] = false
				}
			}
			remind, due := VisitReportDeadline(cal, at(c.returned), VisitReportWorkingDays, DefaultWorkdayStart, Shanghai)
			if !due.Equal(at(c.due)) || !remind.Equal(at(c.remind)) {
				t.Fatalf("remind %v due %v, want %s and %s", remind, due, c.remind, c.due)
			}
		})
	}
}

func TestReturnChecks(t *testing.T) {
	dep := time.Date(2026, 11, 24, 9, 0, 0, 0, Shanghai)
	back := dep.Add(3 * time.Hour)
	checks := ReturnChecks(dep, back, DefaultWorkdayEnd, 0, Shanghai)
	if len(checks) != 2 || !checks[0].At.Equal(back) || !checks[1].EndOfDay ||
		!checks[1].At.Equal(time.Date(2026, 11, 24, 18, 0, 0, 0, Shanghai)) {
		t.Fatalf("a return due before 18:00 is checked then and at 18:00: %+v", checks)
	}
	late := time.Date(2026, 11, 24, 20, 0, 0, 0, Shanghai)
	if checks := ReturnChecks(dep, late, DefaultWorkdayEnd, 1, Shanghai); len(checks) != 1 || checks[0].Generated != 1 {
		t.Fatalf("a return agreed for after 18:00 has no end-of-day check: %+v", checks)
	}
}

func TestRevisitNeedsProgressReport(t *testing.T) {
	if RevisitNeedsProgressReport(0, "") || !RevisitNeedsProgressReport(1, "") || RevisitNeedsProgressReport(2, "进展") {
		t.Fatal("R4.2: only a revisit without a progress report is refused")
	}
}

func TestWorkingDaysAndLateEntry(t *testing.T) {
	mon := time.Date(2026, 11, 23, 0, 0, 0, 0, Shanghai)
	if n := WorkingDaysBetween(Weekdays{}, mon, mon.AddDate(0, 0, 13), Shanghai); n != 10 {
		t.Fatalf("two weeks have 10 working days, got %d", n)
	}
	fri := time.Date(2026, 11, 27, 0, 0, 0, 0, Shanghai)
	if EntryLate(Weekdays{}, fri, time.Date(2026, 12, 1, 23, 0, 0, 0, Shanghai), Shanghai) ||
		!EntryLate(Weekdays{}, fri, time.Date(2026, 12, 2, 0, 1, 0, 0, Shanghai), Shanghai) {
		t.Fatal("R1.3: collected Friday, due by the end of Tuesday")
	}
}
