package activities

import (
	"context"
	"time"

	"salesflow/policy"
	"salesflow/store"
)

// WeeklyCheckInput is the week whose new records go to the managers (R1.4).
type WeeklyCheckInput struct {
	WorkflowID string    `json:"workflow_id"`
	WeekStart  time.Time `json:"week_start"`
	WeekEnd    time.Time `json:"week_end"`
}

// WeeklyCheckDueWorkingDays is how long a manager has for the check.
const WeeklyCheckDueWorkingDays = 2

// OpenWeeklyChecks opens one weekly_check task per salesperson who entered
// records that week, for their manager, due two working days after the
// week (statutory calendar with the admins' overrides). It returns how many
// tasks the week has; a retry opens none twice.
func (a *Activities) OpenWeeklyChecks(ctx context.Context, in WeeklyCheckInput) (int, error) {
	weeks, err := a.Store.NewRecordsByCollector(ctx, in.WeekStart, in.WeekEnd)
	if err != nil {
		return 0, classify(err)
	}
	cal, err := a.calendar(ctx)
	if err != nil {
		return 0, classify(err)
	}
	due := policy.AddWorkingDays(cal, in.WeekEnd, WeeklyCheckDueWorkingDays, policy.Shanghai)
	week := policy.DateKey(in.WeekStart)
	for _, w := range weeks {
		task := store.NewTask{ID: "weekly-check-" + week + "-" + w.UserID, Kind: "weekly_check",
			SubjectType: "user", SubjectID: w.UserID, WorkflowID: in.WorkflowID, AuthorID: w.UserID,
			AssigneeUserID: w.ManagerID, DueAt: due}
		if err := a.Store.OpenWeeklyCheck(ctx, task, week, w.Records); err != nil {
			return 0, classify(err)
		}
	}
	return len(weeks), nil
}
