package pages

import (
	"testing"
	"time"

	"salesflow/i18n"
	"salesflow/pages/site"
	"salesflow/pages/site/sitetest"
	"salesflow/store"
)

func TestWeekRuns(t *testing.T) {
	d := func(s string) time.Time {
		v, _ := time.Parse(time.DateOnly, s)
		return v
	}
	runs := weekRuns([]time.Time{d("2027-03-15"), d("2027-03-01"), d("2027-03-08"), d("2027-03-29"), d("2027-03-08")})
	if len(runs) != 2 || !runs[0][0].Equal(d("2027-03-01")) || !runs[0][1].Equal(d("2027-03-15")) ||
		!runs[1][0].Equal(d("2027-03-29")) || !runs[1][1].Equal(d("2027-03-29")) {
		t.Fatalf("runs %v", runs)
	}
}

// The day calendar renders in both languages: Monday first, blanks
// before the range's first day, a day's free faces, the claims under it.
func TestPageInventoryDays(t *testing.T) {
	until := time.Date(2027, 3, 2, 2, 0, 0, 0, time.UTC)
	hold := store.AvailabilityClaim{Slot: 1, State: "held", From: "2027-03-03", To: "2027-03-04", ExpiresAt: &until,
		HolderName: "测试 sales1", CustomerName: "华星商贸", ProposalID: "p-1"}
	days := []store.DayCell{
		{Day: "2027-03-03", State: "free", Capacity: 2, FreeSlots: 1, Claims: []store.AvailabilityClaim{hold}},
		{Day: "2027-03-04", State: "free", Capacity: 2, FreeSlots: 1, Claims: []store.AvailabilityClaim{hold}},
		{Day: "2027-03-05", State: "free", Capacity: 2, FreeSlots: 2},
	}
	weeks := calendarWeeks(days)
	if len(weeks) != 1 || len(weeks[0]) != 7 || weeks[0][1].DayCell != nil || weeks[0][2].Label != "3/3" || weeks[0][3].Label != "4" {
		t.Fatalf("one week from Monday, Wednesday the 3rd first: %+v", weeks)
	}
	page := func(lang i18n.Lang) map[string]any {
		return map[string]any{"inventory_days": inventoryDaysPage{
			Base:     site.Base{Lang: string(lang)},
			Resource: store.MediaResource{ID: "r-1", Code: "SH-001", Name: "人民广场大牌", City: "上海", Capacity: 2},
			From:     "2027-03-03", To: "2027-03-05",
			Weeks: weeks, Claims: distinctClaims(days), Weekdays: []int{1, 2, 3, 4, 5, 6, 0},
		}}
	}
	sitetest.CheckPages(t, page, map[i18n.Lang]map[string][]string{
		i18n.ZH: {"inventory_days": {"按日档期", "SH-001", "2 面", "周一", `data-day="2027-03-03"`, "1/2", "预留至", "测试 sales1", "华星商贸", `href="/proposals/p-1"`, "第 1 面"}},
		i18n.EN: {"inventory_days": {"Availability by day", "2 face(s)", "Mon", "held until", "face 1", "Claims in these days"}},
	})
	if got := distinctClaims(days); len(got) != 1 {
		t.Fatalf("the hold once: %v", got)
	}
}
