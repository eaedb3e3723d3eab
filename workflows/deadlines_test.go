package workflows

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"salesflow/activities"
	"salesflow/policy"
)

// TestWorkingDayDeadlinesComeFromAnActivity: the review's due time (F1) and
// an approval step's reminder and escalation (R5.2) are what the
// WorkingDaysAfter activity answers — the company calendar with the admins'
// overrides, kept in the history — not a count in workflow code. The
// activity here answers dates no calendar would give.
func TestWorkingDayDeadlinesComeFromAnActivity(t *testing.T) {
	start := time.Date(2026, 11, 25, 9, 0, 0, 0, policy.Shanghai)
	answer := func(in activities.WorkingDaysInput) []time.Time {
		out := make([]time.Time, len(in.Days))
		for i, d := range in.Days {
			out[i] = in.From.Add(time.Duration(d) * 5 * time.Hour) // "working days" of five hours
		}
		return out
	}

	p := newProposalEnv(t)
	p.env.SetStartTime(start)
	p.env.OnActivity(a.WorkingDaysAfter, mock.Anything, mock.Anything).Return(
		func(_ context.Context, in activities.WorkingDaysInput) ([]time.Time, error) { return answer(in), nil })
	require.Equal(t, start.Add(time.Minute+5*time.Hour), p.submitOnce().DueAt.In(policy.Shanghai))

	c := newContractEnv(t)
	c.env.SetStartTime(start)
	c.env.OnActivity(a.WorkingDaysAfter, mock.Anything, mock.Anything).Return(
		func(_ context.Context, in activities.WorkingDaysInput) ([]time.Time, error) { return answer(in), nil })
	c.update(UpdateContractRevise, ContractReviseRequest{Actor: author, Draft: terms(0)}, &result{})
	c.update(UpdateContractSubmit, SubmitRequest{Actor: author}, &result{})
	c.cancelAfter(48 * time.Hour)
	c.run(ContractTiming{})
	submitted := start.Add(2 * time.Minute)
	require.Equal(t, []time.Time{submitted.Add(5 * time.Hour)}, inZone(c.reminded))
	require.Equal(t, []time.Time{submitted.Add(15 * time.Hour)}, inZone(c.escalated))
}

// TestCalendarOverrideMovesTheDeadline: an override the admins saved (a
// working Monday declared a day off) moves a review due the next working
// day, as the activity reads the company calendar; the statutory calendar
// alone would say Monday.
func TestCalendarOverrideMovesTheDeadline(t *testing.T) {
	p := newProposalEnv(t)
	p.env.RegisterActivity(&activities.Activities{Calendar: dayOff{policy.ChinaCalendar{}, "2026-11-30"}})
	p.env.SetStartTime(time.Date(2026, 11, 27, 10, 0, 0, 0, policy.Shanghai)) // a Friday
	require.Equal(t, "2026-12-01", p.submitOnce().DueAt.In(policy.Shanghai).Format(time.DateOnly))
}

// dayOff is a calendar with one more day off, as an admin's override.
type dayOff struct {
	policy.Calendar
	day string
}

func (d dayOff) IsWorkingDay(t time.Time) bool {
	return t.Format(time.DateOnly) != d.day && d.Calendar.IsWorkingDay(t)
}
