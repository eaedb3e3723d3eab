package activities

import (
	"context"
	"time"

	"salesflow/policy"
)

// WorkingDaysInput asks when each of Days working days after From ends.
type WorkingDaysInput struct {
	From time.Time `json:"from"`
	Days []int     `json:"days"`
}

// WorkingDaysAfter counts working days on the company calendar — the
// statutory holidays and make-up days of the holiday library with the
// admins' overrides (R1.2) — for the deadlines workflows wait on: a review
// due (F1), an approval's reminder and escalation (R5.2). It runs as an
// activity, not in workflow code, so the answer is recorded in the
// workflow's history: an upgrade of the holiday library cannot move the
// timers of running workflows, and an override an admin saves applies to
// the next deadline counted.
func (a *Activities) WorkingDaysAfter(ctx context.Context, in WorkingDaysInput) ([]time.Time, error) {
	cal, err := a.calendar(ctx)
	if err != nil {
		return nil, classify(err)
	}
	out := make([]time.Time, len(in.Days))
	for i, d := range in.Days {
		out[i] = policy.AddWorkingDays(cal, in.From, d, policy.Shanghai)
	}
	return out, nil
}
