package policy

import (
	"testing"
	"time"
)

func day(s string) time.Time {
	d, err := time.ParseInLocation(time.DateOnly, s, Shanghai)
	if err != nil {
		panic(err)
	}
	return d
}

// TestChinaCalendar checks real dates of the State Council's schedules.
func TestChinaCalendar(t *testing.T) {
	cases := []struct {
		date    string
		working bool
		why     string
	}{
		{"2025-09-26", true, "ordinary Friday"},
		{"2025-09-27", false, "ordinary Saturday"},
		{"2025-09-28", true, "National Day 2025 make-up Sunday"},
		{"2025-09-30", true, "Tuesday before National Day"},
		{"2025-10-01", false, "National Day"},
		{"2025-10-06", false, "Mid-Autumn inside the National Day break"},
		{"2025-10-08", false, "last day of the 2025 break (a Wednesday)"},
		{"2025-10-09", true, "back to work"},
		{"2025-10-11", true, "National Day 2025 make-up Saturday"},
		{"2025-10-12", false, "ordinary Sunday"},
		{"2026-02-13", true, "Friday before Spring Festival 2026"},
		{"2026-02-14", true, "Spring Festival 2026 make-up Saturday"},
		{"2026-02-15", false, "first day of the Spring Festival 2026 break"},
		{"2026-02-17", false, "Spring Festival 2026 (正月初一), a Tuesday"},
		{"2026-02-23", false, "last day of the Spring Festival 2026 break, a Monday"},
		{"2026-02-24", true, "back to work after Spring Festival 2026"},
		{"2026-02-28", true, "Spring Festival 2026 make-up Saturday"},
		{"2026-01-01", false, "New Year's Day 2026"},
		{"2026-01-04", true, "New Year 2026 make-up Sunday"},
		{"2026-05-09", true, "Labour Day 2026 make-up Saturday"},
		{"2027-02-08", false, "Spring Festival 2027"},
		{"2027-10-01", false, "National Day 2027"},
		{"2027-03-10", true, "ordinary Wednesday"},
		{"2027-03-13", false, "ordinary Saturday"},
	}
	for _, c := range cases {
		if got := (ChinaCalendar{}).IsWorkingDay(day(c.date)); got != c.working {
			t.Errorf("%s (%s): working = %v, want %v", c.date, c.why, got, c.working)
		}
	}
}

// TestChinaCalendarTakesShanghaiDate: 2025-09-30 17:00 UTC is already
// National Day in Shanghai.
func TestChinaCalendarTakesShanghaiDate(t *testing.T) {
	if (ChinaCalendar{}).IsWorkingDay(time.Date(2025, 9, 30, 17, 0, 0, 0, time.UTC)) {
		t.Fatal("01:00 on 1 October in Shanghai must count as National Day")
	}
}

func TestOverrideCalendar(t *testing.T) {
	cal := OverrideCalendar{Base: ChinaCalendar{}, Days: map[string]bool{
		"2026-03-02": false, // company day off on a Monday
		"2026-03-07": true,  // company working Saturday
		"2026-02-17": true,  // an override wins over a holiday too
	}}
	cases := map[string]bool{"2026-03-02": false, "2026-03-07": true, "2026-02-17": true,
		"2026-03-03": true, "2026-03-08": false, "2026-02-18": false}
	for date, want := range cases {
		if got := cal.IsWorkingDay(day(date)); got != want {
			t.Errorf("%s: working = %v, want %v", date, got, want)
		}
	}
}

// TestAddWorkingDaysAcrossHolidays counts across the 2025 National Day
// break and the 2026 Spring Festival make-up Saturday.
func TestAddWorkingDaysAcrossHolidays(t *testing.T) {
	cases := []struct{ from, want string }{
		{"2025-09-30", "2025-10-10"}, // Tue → 9 Oct, then 10 Oct (11 Oct is the 3rd)
		{"2025-09-26", "2025-09-29"}, // Fri → Sun 28 (make-up) → Mon 29
		{"2026-02-12", "2026-02-14"}, // Thu → Fri 13 → make-up Sat 14
		{"2026-03-05", "2026-03-09"}, // Thu → Fri → Mon over an ordinary weekend
	}
	for _, c := range cases {
		got := AddWorkingDays(ChinaCalendar{}, day(c.from), 2, Shanghai)
		if DateKey(got) != c.want {
			t.Errorf("2 working days after %s: %s, want %s", c.from, DateKey(got), c.want)
		}
	}
}

// TestEnteredLate is R1.3 over the statutory calendar.
func TestEnteredLate(t *testing.T) {
	at := func(s string) time.Time { return day(s).Add(15 * time.Hour) }
	cases := []struct {
		collected, entered string
		late               bool
	}{
		{"2026-03-05", "2026-03-05", false}, // same day
		{"2026-03-05", "2026-03-09", false}, // Thu → Mon is the 2nd working day
		{"2026-03-05", "2026-03-10", true},  // Tue is the 3rd
		{"2025-09-30", "2025-10-10", false}, // the holiday does not count
		{"2025-09-30", "2025-10-11", true},  // make-up Saturday counts
		{"2026-02-12", "2026-02-15", true},  // 13 Feb and make-up 14 Feb used up
		{"2026-02-12", "2026-02-14", false},
	}
	for _, c := range cases {
		if got := EnteredLate(ChinaCalendar{}, day(c.collected), at(c.entered)); got != c.late {
			t.Errorf("collected %s entered %s: late = %v, want %v", c.collected, c.entered, got, c.late)
		}
	}
}

func TestPreviousWeek(t *testing.T) {
	cases := []struct {
		at         time.Time
		start, end string
	}{
		{day("2026-03-09").Add(9 * time.Hour), "2026-03-02", "2026-03-09"},  // Monday morning
		{day("2026-03-15").Add(23 * time.Hour), "2026-03-02", "2026-03-09"}, // Sunday night
		{time.Date(2026, 3, 8, 17, 0, 0, 0, time.UTC), "2026-03-02", "2026-03-09"},
	}
	for _, c := range cases {
		start, end := PreviousWeek(c.at)
		if DateKey(start) != c.start || DateKey(end) != c.end || start.Weekday() != time.Monday {
			t.Errorf("PreviousWeek(%s) = %s..%s, want %s..%s", c.at, DateKey(start), DateKey(end), c.start, c.end)
		}
	}
}

// TestPreviousWorkingDay: Monday looks back to Friday; the first working
// day after National Day 2025 (Thursday 9 October, after the 1–8 October
// holiday) looks back over the whole holiday to Tuesday 30 September.
func TestPreviousWorkingDay(t *testing.T) {
	for _, tc := range []struct{ day, want string }{
		{"2026-11-23", "2026-11-20"},
		{"2026-11-24", "2026-11-23"},
		{"2025-10-09", "2025-09-30"},
	} {
		day, _ := time.ParseInLocation(time.DateOnly, tc.day, Shanghai)
		got := PreviousWorkingDay(ChinaCalendar{}, day.Add(9*time.Hour), Shanghai)
		if got.Format(time.DateOnly) != tc.want || got.Hour() != 0 {
			t.Errorf("PreviousWorkingDay(%s) = %v, want %s 00:00", tc.day, got, tc.want)
		}
	}
}
