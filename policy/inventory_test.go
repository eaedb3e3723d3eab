package policy

import (
	"testing"
	"time"
)

func d(s string) time.Time {
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestUnitStarts(t *testing.T) {
	cases := []struct {
		name     string
		unit     SellUnit
		from, to string
		n        int
		reason   string
	}{
		{"one day", UnitDay, "2027-03-01", "2027-03-01", 1, RangeOK},
		{"days across a month end", UnitDay, "2027-02-27", "2027-03-02", 4, RangeOK},
		{"leap day counted", UnitDay, "2028-02-28", "2028-03-01", 3, RangeOK},
		{"reversed", UnitDay, "2027-03-02", "2027-03-01", 0, RangeReversed},
		{"one week from a Wednesday", UnitWeek, "2027-03-03", "2027-03-09", 1, RangeOK},
		{"two weeks", UnitWeek, "2027-03-01", "2027-03-14", 2, RangeOK},
		{"eight days is not whole weeks", UnitWeek, "2027-03-01", "2027-03-08", 0, RangeWholeWeeks},
		{"six days is not a week", UnitWeek, "2027-03-01", "2027-03-06", 0, RangeWholeWeeks},
		{"February of a common year", UnitMonth, "2027-02-01", "2027-02-28", 1, RangeOK},
		{"February of a leap year needs the 29th", UnitMonth, "2028-02-01", "2028-02-28", 0, RangeWholeMonths},
		{"three months", UnitMonth, "2027-11-01", "2028-01-31", 3, RangeOK},
		{"month not from the 1st", UnitMonth, "2027-03-02", "2027-04-01", 0, RangeWholeMonths},
		{"30 days is not a month of 31", UnitMonth, "2027-03-01", "2027-03-30", 0, RangeWholeMonths},
		{"too long", UnitDay, "2027-01-01", "2037-12-31", 0, RangeTooLong},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			starts, reason := UnitStarts(tc.unit, d(tc.from), d(tc.to))
			if reason != tc.reason || len(starts) != tc.n {
				t.Fatalf("UnitStarts = %d units, %q; want %d, %q", len(starts), reason, tc.n, tc.reason)
			}
			if tc.n > 0 && !starts[0].Equal(d(tc.from)) {
				t.Fatalf("first unit starts %v, want %s", starts[0], tc.from)
			}
		})
	}
	starts, _ := UnitStarts(UnitMonth, d("2027-11-01"), d("2028-01-31"))
	if !starts[2].Equal(d("2028-01-01")) {
		t.Fatalf("third month starts %v", starts[2])
	}
}

func TestListTotal(t *testing.T) {
	spring := []DatedPrice{
		{From: d("2027-02-01"), Until: d("2027-02-15"), PriceFen: 300},
		{From: d("2027-06-01"), PriceFen: 120}, // open-ended
	}
	cases := []struct {
		name     string
		from, to string
		unit     SellUnit
		want     int64
	}{
		{"no dated price: the product's list price", "2027-01-01", "2027-01-03", UnitDay, 3 * 100},
		{"a day on the season's first day", "2027-02-01", "2027-02-01", UnitDay, 300},
		{"the season's end is exclusive", "2027-02-14", "2027-02-15", UnitDay, 300 + 100},
		{"a week starting in the season is the season's whole week", "2027-02-14", "2027-02-20", UnitWeek, 300},
		{"a week starting before it is not", "2027-01-31", "2027-02-06", UnitWeek, 100},
		{"open-ended price", "2030-01-01", "2030-01-02", UnitDay, 240},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			starts, reason := UnitStarts(tc.unit, d(tc.from), d(tc.to))
			if reason != RangeOK {
				t.Fatal(reason)
			}
			if got := ListTotal(spring, 100, starts); got != tc.want {
				t.Fatalf("ListTotal = %d, want %d", got, tc.want)
			}
		})
	}
}

// A resource line is judged on its totals (R5.3, issue 13): three units at
// a list total of 1,000 fen with 10 % authority may go down to 900 in all.
func TestBelowAuthorityResourceLine(t *testing.T) {
	line := func(unit, listTotal int64) PricedLine {
		return PricedLine{Line: Line{ProductID: "p", Quantity: 3, UnitPriceFen: unit, ResourceID: "r",
			StartsOn: "2027-01-01", EndsOn: "2027-01-03"}, ListPriceFen: listTotal / 3, ListTotalFen: listTotal}
	}
	cases := []struct {
		name            string
		unit, listTotal int64
		below           bool
	}{
		{"exactly at the limit", 300, 1000, false},
		{"one fen under the limit in total", 299, 1000, true},
		{"the rounded-down average would not decide", 334, 1111, false}, // 1002×100 ≥ 1111×90
		{"huge line does not overflow", MaxUnitPriceFn, MaxUnitPriceFn * 3, false},
		{"free with a list price", 0, 1000, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			l := line(tc.unit, tc.listTotal)
			if tc.name == "huge line does not overflow" {
				l.Quantity = MaxQuantity
				l.ListTotalFen = MaxUnitPriceFn * MaxQuantity / 1000 * 1000
			}
			if got := BelowAuthority(l, 10); got != tc.below {
				t.Fatalf("BelowAuthority = %v, want %v", got, tc.below)
			}
		})
	}
}

func TestWeekState(t *testing.T) {
	span := func(slot int, from, to string, booked bool) ClaimSpan {
		return ClaimSpan{Slot: slot, From: DayNumber(d(from)), To: DayNumber(d(to)), Booked: booked}
	}
	week := "2027-03-01" // to 2027-03-07
	cases := []struct {
		name     string
		capacity int
		activeTo string
		claims   []ClaimSpan
		state    CellState
		free     int
	}{
		{"no claims", 1, "", nil, CellFree, 1},
		{"a claim ending the day before", 1, "", []ClaimSpan{span(1, "2027-02-22", "2027-02-28", false)}, CellFree, 1},
		{"one day held", 1, "", []ClaimSpan{span(1, "2027-03-07", "2027-03-13", false)}, CellPartial, 0},
		{"held all week", 1, "", []ClaimSpan{span(1, "2027-02-20", "2027-03-20", false)}, CellHeld, 0},
		{"booked all week", 1, "", []ClaimSpan{span(1, "2027-03-01", "2027-03-07", true)}, CellBooked, 0},
		{"capacity 2, one booked: still free", 2, "", []ClaimSpan{span(1, "2027-03-01", "2027-03-07", true)}, CellFree, 1},
		{"capacity 2, two slots each half the week", 2, "", []ClaimSpan{
			span(1, "2027-03-01", "2027-03-03", true), span(2, "2027-03-04", "2027-03-07", true)}, CellPartial, 0},
		{"capacity 2, booked and held", 2, "", []ClaimSpan{
			span(1, "2027-03-01", "2027-03-07", true), span(2, "2027-03-01", "2027-03-07", false)}, CellHeld, 0},
		{"one slot held in two claims back to back", 1, "", []ClaimSpan{
			span(1, "2027-03-01", "2027-03-03", true), span(1, "2027-03-04", "2027-03-07", true)}, CellBooked, 0},
		{"sold no longer at the week's end", 1, "2027-03-05", nil, CellInactive, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			to := NoLastDay
			if tc.activeTo != "" {
				to = DayNumber(d(tc.activeTo))
			}
			state, free := WeekState(tc.capacity, DayNumber(d("2027-01-01")), to, DayNumber(d(week)), tc.claims)
			if state != tc.state || free != tc.free {
				t.Fatalf("WeekState = %s, %d; want %s, %d", state, free, tc.state, tc.free)
			}
		})
	}
	if s, _ := WeekState(1, DayNumber(d("2027-03-02")), NoLastDay, DayNumber(d(week)), nil); s != CellInactive {
		t.Fatalf("a week before the resource is sold: %s", s)
	}
}

func TestDayNumber(t *testing.T) {
	if n := DayNumber(d("1970-01-02")); n != 1 {
		t.Fatalf("1970-01-02 is day %d", n)
	}
	if n := DayNumber(d("1969-12-31")); n != -1 {
		t.Fatalf("1969-12-31 is day %d", n)
	}
	late := time.Date(2027, 3, 1, 23, 59, 0, 0, Shanghai) // 15:59 UTC, still 1 March in Shanghai
	if DayNumber(late) != DayNumber(d("2027-03-01")) {
		t.Fatalf("a Shanghai evening counts as its own day")
	}
}

func TestSeesClaim(t *testing.T) {
	cases := []struct {
		roles  []string
		id     string
		allows bool
	}{
		{[]string{"salesperson"}, "holder", true},
		{[]string{"salesperson"}, "other", false},
		{[]string{"reviewer"}, "other", false},
		{[]string{"company_approver"}, "other", false},
		{[]string{"sales_manager"}, "other", true},
		{[]string{"marketing_director"}, "other", true},
		{[]string{"admin"}, "other", true},
	}
	for _, tc := range cases {
		if got := SeesClaim(Actor{ID: tc.id, Roles: tc.roles}, "holder"); got != tc.allows {
			t.Errorf("%v as %s: SeesClaim = %v", tc.roles, tc.id, got)
		}
	}
}

func TestDayState(t *testing.T) {
	for _, c := range []struct {
		capacity, day, covering, booked int
		want                            CellState
		free                            int
	}{
		{1, 10, 0, 0, CellFree, 1},
		{2, 10, 1, 1, CellFree, 1},
		{1, 10, 1, 0, CellHeld, 0},
		{2, 10, 2, 1, CellHeld, 0},
		{2, 10, 2, 2, CellBooked, 0},
		{1, 4, 0, 0, CellInactive, 0},
		{1, 21, 0, 0, CellInactive, 0},
	} {
		if got, free := DayState(c.capacity, 5, 20, c.day, c.covering, c.booked); got != c.want || free != c.free {
			t.Errorf("%+v: %s, %d free", c, got, free)
		}
	}
}
