package policy

import "time"

// VisitStatus is where a customer visit stands (R3.5–R3.8).
type VisitStatus string

// The stages of a visit: planned and waiting for the manager, approved (may
// leave), rejected, out (the front desk recorded the visit slip), back, and
// reported.
const (
	VisitPendingApproval VisitStatus = "pending_approval"
	VisitApproved        VisitStatus = "approved"
	VisitRejected        VisitStatus = "rejected"
	VisitDeparted        VisitStatus = "departed"
	VisitReturned        VisitStatus = "returned"
	VisitReported        VisitStatus = "reported"
)

// VisitReportWorkingDays is R3.8's limit between the return and the report.
const VisitReportWorkingDays = 2

// DefaultWorkdayEnd is the end of the working day (18:00) by which a
// salesperson who is out tells the manager they will be late (R3.6).
const DefaultWorkdayEnd = 18 * time.Hour

// DefaultWorkdayStart is when the reminder of a report due that day goes out.
const DefaultWorkdayStart = 9 * time.Hour

// AtTimeOfDay returns the instant at clock time tod on t's date in loc.
func AtTimeOfDay(t time.Time, tod time.Duration, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc).Add(tod)
}

// VisitReportDeadline returns when the report of a visit returned at
// returned is due — days working days later on cal (R3.8) — and when its
// owner is reminded: at the start of that last day, or at the return if the
// last day's morning comes earlier.
func VisitReportDeadline(cal Calendar, returned time.Time, days int, start time.Duration, loc *time.Location) (remind, due time.Time) {
	due = AddWorkingDays(cal, returned, days, loc)
	remind = AtTimeOfDay(due, start, loc)
	if remind.After(due) {
		remind = AtTimeOfDay(due, 0, loc)
	}
	if remind.Before(returned) {
		remind = returned
	}
	return remind, due
}

// ReturnCheck is one moment of the late-return watch (R3.6).
type ReturnCheck struct {
	At        time.Time
	EndOfDay  bool // the end-of-working-day check rather than the return time
	Generated int  // the expected-return report it belongs to (0: the plan)
}

// ReturnChecks lists when a salesperson who left at departed and is due
// back at returnBy must have returned, in order: the return time itself, and
// the end of that working day (workdayEnd on the departure day) when they
// were due back before it. A return planned or announced for after the end
// of the day was agreed with the manager, so no end-of-day check follows.
func ReturnChecks(departed, returnBy time.Time, workdayEnd time.Duration, gen int, loc *time.Location) []ReturnCheck {
	checks := []ReturnCheck{{At: returnBy, Generated: gen}}
	eod := AtTimeOfDay(departed, workdayEnd, loc)
	if returnBy.Before(eod) && departed.Before(eod) {
		checks = append(checks, ReturnCheck{At: eod, EndOfDay: true, Generated: gen})
	}
	return checks
}

// RevisitNeedsProgressReport is R4.2: before revisiting a customer visited
// before, the salesperson reports recent progress, the goal and expected
// issues. earlierVisits counts the customer's approved or later visits.
func RevisitNeedsProgressReport(earlierVisits int, progressReport string) bool {
	return earlierVisits > 0 && progressReport == ""
}
