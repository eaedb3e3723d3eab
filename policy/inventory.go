package policy

import (
	"math/big"
	"slices"
	"time"
)

// Rules of the ad inventory (issue 13; docs/policy.md, "Rules beyond the
// policy text"): how a date range becomes a number of sellable units, which
// rate-card price each unit carries, and who may see whose claim.

// SellUnit is how a resource is sold: by the day, the week or the month.
type SellUnit string

// The sellable units of migration 00019 (media_resources.sell_unit).
const (
	UnitDay   SellUnit = "day"
	UnitWeek  SellUnit = "week"
	UnitMonth SellUnit = "month"
)

// ValidSellUnit reports whether u is one of the sellable units.
func ValidSellUnit(u string) bool {
	return u == string(UnitDay) || u == string(UnitWeek) || u == string(UnitMonth)
}

// DateLayout is how a calendar day is written in payloads and forms.
const DateLayout = "2006-01-02"

// MaxRangeDays bounds a line's date range (ten years), so a typo cannot
// make a line of a million units.
const MaxRangeDays = 3660

// Reasons a range is not a whole number of units; the API turns each into
// a message naming the field.
const (
	RangeOK          = ""
	RangeReversed    = "range_reversed"     // ends before it starts
	RangeTooLong     = "range_too_long"     // more than MaxRangeDays
	RangeWholeWeeks  = "range_whole_weeks"  // a week unit: a multiple of 7 days
	RangeWholeMonths = "range_whole_months" // a month unit: the 1st to a month's last day
)

// UnitStarts splits the inclusive range from..to (calendar days, any time
// of day ignored) into the first day of each sellable unit (issue 13):
//   - day: every day is a unit;
//   - week: 7-day weeks counted from the range's first day, so the range
//     must be a whole number of weeks (a week need not start on a Monday);
//   - month: calendar months, so the range must start on the 1st and end on
//     the last day of a month.
//
// The number of units is the line's quantity. A range that is not whole
// units answers nil and the reason.
func UnitStarts(unit SellUnit, from, to time.Time) ([]time.Time, string) {
	from, to = calendarDay(from), calendarDay(to)
	if to.Before(from) {
		return nil, RangeReversed
	}
	days := int(to.Sub(from).Hours()/24) + 1
	if days > MaxRangeDays {
		return nil, RangeTooLong
	}
	var out []time.Time
	switch unit {
	case UnitWeek:
		if days%7 != 0 {
			return nil, RangeWholeWeeks
		}
		for d := from; !d.After(to); d = d.AddDate(0, 0, 7) {
			out = append(out, d)
		}
	case UnitMonth:
		if from.Day() != 1 || to.AddDate(0, 0, 1).Day() != 1 {
			return nil, RangeWholeMonths
		}
		for d := from; !d.After(to); d = d.AddDate(0, 1, 0) {
			out = append(out, d)
		}
	default: // UnitDay
		for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
			out = append(out, d)
		}
	}
	return out, RangeOK
}

// calendarDay is t's calendar day at midnight UTC, so day arithmetic never meets a
// daylight-saving hour.
func calendarDay(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// DatedPrice is a rate-card price valid From (inclusive) Until (exclusive;
// zero: open-ended), as product_prices stores it (at most one per day).
type DatedPrice struct {
	From     time.Time
	Until    time.Time
	PriceFen int64
}

// covers reports whether the price is valid on day d.
func (p DatedPrice) covers(d time.Time) bool {
	d = calendarDay(d)
	return !d.Before(calendarDay(p.From)) && (p.Until.IsZero() || d.Before(calendarDay(p.Until)))
}

// PriceOn is the rate-card price on day d: the dated price that covers d,
// else the product's list price (fallback).
func PriceOn(prices []DatedPrice, fallback int64, d time.Time) int64 {
	for _, p := range prices {
		if p.covers(d) {
			return p.PriceFen
		}
	}
	return fallback
}

// ListTotal is the list price of a resource line (issue 13): the sum over
// its units of the price valid on each unit's first day. A week that starts
// in the last days of 春节档 is priced at the season's rate, the whole week.
func ListTotal(prices []DatedPrice, fallback int64, starts []time.Time) int64 {
	var total int64
	for _, s := range starts {
		total += PriceOn(prices, fallback, s)
	}
	return total
}

// lineBelowAuthority is BelowAuthority for a line whose units carry
// different list prices: the line's agreed total against its list total,
// quantity × unit × 100 < list total × (100 − pct) (R5.3), in big integers
// because a line's total times 100 may pass int64.
func lineBelowAuthority(l PricedLine, pct int64) bool {
	agreed := new(big.Int).Mul(big.NewInt(l.Quantity), big.NewInt(l.UnitPriceFen))
	agreed.Mul(agreed, big.NewInt(100))
	list := new(big.Int).Mul(big.NewInt(l.ListTotalFen), big.NewInt(100-pct))
	return agreed.Cmp(list) < 0
}

// ClaimSpan is a live claim on one slot of a resource, its days inclusive
// as DayNumber counts them.
type ClaimSpan struct {
	Slot     int
	From, To int
	Booked   bool
}

// DayNumber is t's calendar day (in t's own zone) counted from 1970-01-01,
// so availability compares days as integers, a grid of thousands of cells
// without a time.Date per comparison.
func DayNumber(t time.Time) int {
	_, offset := t.Zone()
	secs := t.Unix() + int64(offset)
	if secs < 0 {
		return int((secs - 86399) / 86400)
	}
	return int(secs / 86400)
}

// CellState is what the availability grid shows of a resource's week.
type CellState string

// The states of a week (issue 13).
const (
	CellFree     CellState = "free"     // a slot is free every day of the week: the week can be sold
	CellPartial  CellState = "partial"  // no slot is free all week, but some day still has one
	CellHeld     CellState = "held"     // every slot is claimed every day, and some claim is a hold or an offer
	CellBooked   CellState = "booked"   // every slot is booked every day (R5.5: by valid contracts)
	CellInactive CellState = "inactive" // the resource is not sold on some day of the week
)

// NoLastDay is a resource sold until further notice (WeekState's activeTo).
const NoLastDay = int(^uint(0) >> 1)

// WeekState judges the 7 days from day start of a resource with capacity
// slots sold from day activeFrom to activeTo (NoLastDay: open-ended), all
// DayNumbers, given the live claims touching them. A resource of capacity
// N is free on a day while fewer than N claims cover it (each claim takes
// one slot, migration 00019); the week is free while some slot has no
// claim on any of its days, and free says how many such slots there are.
func WeekState(capacity, activeFrom, activeTo, start int, claims []ClaimSpan) (state CellState, free int) {
	end := start + 6
	if start < activeFrom || end > activeTo {
		return CellInactive, 0
	}
	var busy []int // the slots claimed on some day of the week; few
	for _, c := range claims {
		if c.To >= start && c.From <= end && !slices.Contains(busy, c.Slot) {
			busy = append(busy, c.Slot)
		}
	}
	if free = max(capacity-len(busy), 0); free > 0 {
		return CellFree, free
	}
	allBooked := true
	for d := start; d <= end; d++ {
		covering, booked := 0, 0
		for _, c := range claims {
			if c.From <= d && d <= c.To {
				covering++
				if c.Booked {
					booked++
				}
			}
		}
		if covering < capacity {
			return CellPartial, 0
		}
		allBooked = allBooked && booked >= capacity
	}
	if allBooked {
		return CellBooked, 0
	}
	return CellHeld, 0
}

// DayState is one day's state of a resource of capacity slots sold from
// day activeFrom to activeTo (DayNumbers), covering of whose slots have a
// live claim that day, booked of them a booking: free while a slot is
// (free says how many), booked when every slot is booked, else held.
func DayState(capacity, activeFrom, activeTo, day, covering, booked int) (state CellState, free int) {
	switch {
	case day < activeFrom || day > activeTo:
		return CellInactive, 0
	case covering < capacity:
		return CellFree, capacity - covering
	case booked >= capacity:
		return CellBooked, 0
	}
	return CellHeld, 0
}

// SeesClaim reports whether viewer may see who holds a claim, for which
// customer, contract and price (issue 13): the holder themself, sales
// managers, the marketing director and admins. Any other salesperson sees
// only that a slot is held (until when) or booked.
func SeesClaim(viewer Actor, holderID string) bool {
	return viewer.ID == holderID || viewer.Has(RoleSalesManager) || viewer.Has(RoleMarketingDirector) || viewer.Has(RoleAdmin)
}
