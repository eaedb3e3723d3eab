package workflows

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"salesflow/policy"
	"salesflow/workflows/payload"
)

func visitReport() payload.VisitReport {
	return payload.VisitReport{Notes: "谈了春季投放", MetName: "周总", MetTitle: "市场总监", IsDecisionMaker: true, Needs: "商场灯箱"}
}

// Tuesday 24 November 2026, 09:00 in Shanghai.
var tuesday9 = time.Date(2026, 11, 24, 9, 0, 0, 0, policy.Shanghai)

// TestVisitOnTime: plan → approve → depart → return → report on time; no
// alert of any kind, and the report is not late (R3.5, R3.8).
func TestVisitOnTime(t *testing.T) {
	v := newVisitEnv(t, tuesday9, policy.Weekdays{})
	v.approveAndDepart(tuesday9.Add(time.Hour))
	back := v.at(tuesday9.Add(2*time.Hour), UpdateVisitReturn, VisitActorRequest{Actor: author})
	rep := v.at(tuesday9.Add(5*time.Hour), UpdateVisitReport, sampleReport())
	v.run(VisitTiming{})

	require.True(t, v.env.IsWorkflowCompleted())
	require.NoError(t, v.env.GetWorkflowError())
	require.NoError(t, back.err)
	require.NoError(t, rep.err)
	require.Equal(t, policy.VisitReported, rep.state.Status)
	require.Empty(t, v.lateAt)
	require.Empty(t, v.remindAt)
	require.Empty(t, v.escalated)
	require.Len(t, v.reports, 1)
	require.False(t, v.reports[0].Report.Late)
	// Back Tuesday 11:00: due Thursday 11:00, two working days later.
	require.Equal(t, time.Date(2026, 11, 26, 11, 0, 0, 0, policy.Shanghai), v.returns[0].ReportDue.In(policy.Shanghai))
}

// TestVisitPlanRejected: a rejection without a comment is refused; with one
// the visit ends rejected and cannot depart (R3.5).
func TestVisitPlanRejected(t *testing.T) {
	v := newVisitEnv(t, tuesday9, policy.Weekdays{})
	bare := v.at(tuesday9.Add(time.Minute), UpdateVisitDecide, DecideRequest{Actor: manager, TaskID: "v-1-plan", Decision: DecisionReject})
	rej := v.at(tuesday9.Add(2*time.Minute), UpdateVisitDecide, DecideRequest{Actor: manager, TaskID: "v-1-plan",
		Decision: DecisionReject, Comment: "先电话确认对方时间"})
	v.run(VisitTiming{})

	require.ErrorContains(t, bare.rejected, "comment")
	require.NoError(t, rej.err)
	require.Equal(t, policy.VisitRejected, rej.state.Status)
	require.True(t, v.env.IsWorkflowCompleted())
}

// TestVisitValidators: the author never approves, only the manager decides,
// only the front desk records a departure and only after approval.
func TestVisitValidators(t *testing.T) {
	v := newVisitEnv(t, tuesday9, policy.Weekdays{})
	early := v.at(tuesday9.Add(30*time.Second), UpdateVisitDepart, VisitActorRequest{Actor: frontDesk})
	self := v.at(tuesday9.Add(40*time.Second), UpdateVisitDecide, DecideRequest{Actor: author, TaskID: "v-1-plan", Decision: DecisionApprove})
	other := v.at(tuesday9.Add(50*time.Second), UpdateVisitDecide, DecideRequest{Actor: reviewer, TaskID: "v-1-plan", Decision: DecisionApprove})
	v.at(tuesday9.Add(time.Minute), UpdateVisitDecide, DecideRequest{Actor: manager, TaskID: "v-1-plan", Decision: DecisionApprove})
	byOwner := v.at(tuesday9.Add(2*time.Minute), UpdateVisitDepart, VisitActorRequest{Actor: author})
	v.cancelAt(tuesday9.Add(time.Hour))
	v.run(VisitTiming{})

	require.ErrorContains(t, early.rejected, "only an approved visit")
	require.ErrorContains(t, self.rejected, "own visit plan")
	require.ErrorContains(t, other.rejected, "sales manager")
	require.ErrorContains(t, byOwner.rejected, "front desk")
}

// TestLateReturnWatch: out at 10:00 and due back at 12:00; not back, the
// manager is alerted at 12:00; the salesperson reports 15:00 instead and is
// late again, then still out at 18:00 — three alerts, at those times (R3.6).
func TestLateReturnWatch(t *testing.T) {
	v := newVisitEnv(t, tuesday9, policy.Weekdays{})
	v.approveAndDepart(tuesday9.Add(time.Hour))
	at := func(h, m int) time.Time { return time.Date(2026, 11, 24, h, m, 0, 0, policy.Shanghai) }
	later := v.at(at(12, 30), UpdateVisitExpectedReturn, ExpectedReturnRequest{Actor: author, ExpectedReturn: at(15, 0), Reason: "客户开会推迟"})
	back := v.at(at(19, 0), UpdateVisitReturn, VisitActorRequest{Actor: frontDesk})
	v.cancelAt(at(20, 0))
	v.run(VisitTiming{})

	require.NoError(t, later.err)
	require.NoError(t, back.err)
	require.Equal(t, []time.Time{at(12, 0), at(15, 0), at(18, 0)}, inZone(v.lateAt))
	require.Equal(t, []bool{false, false, true}, v.endOfDay)
}

// TestExpectedReturnAfterHours: told in time that they will be back at
// 19:00, the manager hears nothing at 12:00 or 18:00, only at 19:00 when
// they are still out; the end of the day is configurable.
func TestExpectedReturnAfterHours(t *testing.T) {
	v := newVisitEnv(t, tuesday9, policy.Weekdays{})
	v.approveAndDepart(tuesday9.Add(time.Hour))
	at := func(h, m int) time.Time { return time.Date(2026, 11, 24, h, m, 0, 0, policy.Shanghai) }
	v.at(at(11, 0), UpdateVisitExpectedReturn, ExpectedReturnRequest{Actor: author, ExpectedReturn: at(19, 0), Reason: "路远"})
	v.cancelAt(at(21, 0))
	v.run(VisitTiming{WorkdayEnd: 17 * time.Hour})

	require.Equal(t, []time.Time{at(19, 0)}, inZone(v.lateAt))
}

// TestReportDeadlineAcrossWeekend: back Friday 16:00, the report is due two
// working days later — Tuesday 16:00 — with the reminder Tuesday 09:00 and
// the escalation at 16:00; filed Wednesday, it is marked late (R3.8).
func TestReportDeadlineAcrossWeekend(t *testing.T) {
	friday := time.Date(2026, 11, 27, 9, 0, 0, 0, policy.Shanghai)
	v := newVisitEnv(t, friday, policy.Weekdays{})
	v.approveAndDepart(friday.Add(time.Hour))
	v.at(friday.Add(7*time.Hour), UpdateVisitReturn, VisitActorRequest{Actor: author})
	rep := v.at(time.Date(2026, 12, 2, 10, 0, 0, 0, policy.Shanghai), UpdateVisitReport, sampleReport())
	v.run(VisitTiming{})

	require.NoError(t, rep.err)
	require.Equal(t, []time.Time{time.Date(2026, 12, 1, 9, 0, 0, 0, policy.Shanghai)}, inZone(v.remindAt))
	require.Equal(t, []time.Time{time.Date(2026, 12, 1, 16, 0, 0, 0, policy.Shanghai)}, inZone(v.escalated))
	require.True(t, v.reports[0].Report.Late)
	require.True(t, v.env.IsWorkflowCompleted())
}

// holidayCalendar is a statutory-like calendar: 1–8 October off and
// Saturday 10 October a make-up working day.
type holidayCalendar struct{}

func (holidayCalendar) IsWorkingDay(d time.Time) bool {
	if d.Month() == time.October && d.Day() == 10 {
		return true
	}
	if d.Month() == time.October && d.Day() <= 8 {
		return false
	}
	return policy.Weekdays{}.IsWorkingDay(d)
}

// TestReportDeadlineHolidayAndMakeUpSaturday: back Wednesday 30 September,
// the calendar the worker is given (not the workflow) skips the National
// Day holiday and counts the make-up Saturday: due Saturday 10 October,
// reminded that morning.
func TestReportDeadlineHolidayAndMakeUpSaturday(t *testing.T) {
	start := time.Date(2026, 9, 30, 9, 0, 0, 0, policy.Shanghai)
	v := newVisitEnv(t, start, holidayCalendar{})
	v.approveAndDepart(start.Add(time.Hour))
	v.at(start.Add(5*time.Hour), UpdateVisitReturn, VisitActorRequest{Actor: author})
	v.cancelAt(time.Date(2026, 10, 20, 0, 0, 0, 0, policy.Shanghai))
	v.run(VisitTiming{})

	due := time.Date(2026, 10, 10, 14, 0, 0, 0, policy.Shanghai)
	require.Equal(t, due, v.returns[0].ReportDue.In(policy.Shanghai))
	require.Equal(t, []time.Time{time.Date(2026, 10, 10, 9, 0, 0, 0, policy.Shanghai)}, inZone(v.remindAt))
	require.Equal(t, []time.Time{due}, inZone(v.escalated))
}

// TestReportTimingConfigurable: shortened durations (as the integration
// tests and SALESFLOW_VISIT_REPORT_* set them) fire at those durations.
func TestReportTimingConfigurable(t *testing.T) {
	v := newVisitEnv(t, tuesday9, policy.Weekdays{})
	v.approveAndDepart(tuesday9.Add(time.Hour))
	back := tuesday9.Add(2 * time.Hour)
	v.at(back, UpdateVisitReturn, VisitActorRequest{Actor: author})
	v.cancelAt(back.Add(3 * time.Hour))
	v.run(VisitTiming{ReportDueAfter: time.Hour, ReportRemindAfter: 20 * time.Minute})

	require.Equal(t, []time.Time{back.Add(20 * time.Minute)}, inZone(v.remindAt))
	require.Equal(t, []time.Time{back.Add(time.Hour)}, inZone(v.escalated))
}
