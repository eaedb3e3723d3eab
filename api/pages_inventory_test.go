package api

import (
	"testing"
	"time"
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
