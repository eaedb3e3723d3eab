package activities

import (
	"context"
	"time"

	"salesflow/policy"
	"salesflow/store"
)

// VisitAlertInput is a deadline of a visit that passed: a late return
// (R3.6) or a report reminder or escalation (R3.8).
type VisitAlertInput struct {
	VisitRef
	StepKey  string    `json:"step_key"`
	TaskID   string    `json:"task_id,omitempty"`
	Deadline time.Time `json:"deadline"`
	EndOfDay bool      `json:"end_of_day,omitempty"`
}

// AlertLateReturn puts a task before the manager: the salesperson is not
// back by the time due or by the end of the working day (R3.6).
func (a *Activities) AlertLateReturn(ctx context.Context, in VisitAlertInput) ([]string, error) {
	task := managerTask(in.VisitRef, in.TaskID, TaskVisitLateReturn, in.Deadline)
	kind := TaskVisitLateReturn
	if in.EndOfDay {
		kind = "visit_out_after_hours"
	}
	ch := store.VisitChange{Set: `late_alerted_at = COALESCE(late_alerted_at, now())`, OpenTask: &task,
		Notifications: a.toManager(in.VisitRef, in.StepKey, kind)}
	step := store.Step{Key: in.StepKey, Action: "visit.late_return",
		Detail: map[string]any{"task_id": in.TaskID, "deadline": in.Deadline, "end_of_day": in.EndOfDay}}
	return ids(ch), classify(a.Store.ChangeVisit(ctx, in.VisitID, ch, step))
}

// RemindVisitReport tells the owner the report is due today (R3.8).
func (a *Activities) RemindVisitReport(ctx context.Context, in VisitAlertInput) ([]string, error) {
	ch := store.VisitChange{Set: `report_reminded_at = COALESCE(report_reminded_at, now())`,
		Notifications: []store.Notification{a.note(in.VisitRef, in.StepKey, in.Owner.ID, "visit_report_due")}}
	step := store.Step{Key: in.StepKey, Action: "visit.report_reminded", Detail: map[string]any{"due": in.Deadline}}
	return ids(ch), classify(a.Store.ChangeVisit(ctx, in.VisitID, ch, step))
}

// EscalateVisitReport puts the missed report before the manager (R3.8).
func (a *Activities) EscalateVisitReport(ctx context.Context, in VisitAlertInput) ([]string, error) {
	task := managerTask(in.VisitRef, in.TaskID, TaskVisitReportOverdue, in.Deadline)
	notes := append(a.toManager(in.VisitRef, in.StepKey, TaskVisitReportOverdue),
		a.note(in.VisitRef, in.StepKey, in.Owner.ID, "visit_report_missed"))
	ch := store.VisitChange{Set: `report_escalated_at = COALESCE(report_escalated_at, now())`, OpenTask: &task,
		Notifications: notes}
	step := store.Step{Key: in.StepKey, Action: "visit.report_escalated",
		Detail: map[string]any{"task_id": in.TaskID, "due": in.Deadline}}
	return ids(ch), classify(a.Store.ChangeVisit(ctx, in.VisitID, ch, step))
}

// VisitDeadline is when a visit report is due and its owner reminded.
type VisitDeadline struct {
	Remind time.Time `json:"remind"`
	Due    time.Time `json:"due"`
}

// VisitReportDeadline counts R3.8's two working days from the return on the
// company's calendar (Activities.Calendar), so the statutory calendar plugs
// in without touching the workflow: the answer is recorded in its history.
func (a *Activities) VisitReportDeadline(ctx context.Context, returned time.Time) (VisitDeadline, error) {
	cal, err := a.calendar(ctx)
	if err != nil {
		return VisitDeadline{}, classify(err)
	}
	remind, due := policy.VisitReportDeadline(cal, returned, policy.VisitReportWorkingDays,
		policy.DefaultWorkdayStart, policy.Shanghai)
	return VisitDeadline{Remind: remind, Due: due}, nil
}

// calendar is the company's working-day calendar (statutory days with the
// admins' overrides), or Activities.Calendar when a test sets one.
func (a *Activities) calendar(ctx context.Context) (policy.Calendar, error) {
	if a.Calendar != nil {
		return a.Calendar, nil
	}
	return a.Store.CompanyCalendar(ctx)
}

// managerTask is a visit task for the owner's manager, or for any sales
// manager when the owner has none.
func managerTask(ref VisitRef, id, kind string, due time.Time) store.NewTask {
	t := store.NewTask{ID: id, Kind: kind, SubjectType: "visit", SubjectID: ref.VisitID, WorkflowID: ref.WorkflowID,
		AuthorID: ref.Owner.ID, AssigneeUserID: ref.ManagerID, DueAt: due}
	if ref.ManagerID == "" {
		t.AssigneeRole = string(policy.RoleSalesManager)
	}
	return t
}

func ids(ch store.VisitChange) []string {
	out := make([]string, len(ch.Notifications))
	for i, n := range ch.Notifications {
		out[i] = n.ID
	}
	return out
}
