package activities

import (
	"context"
	"time"

	"salesflow/policy"
	"salesflow/store"
	"salesflow/workflows/payload"
)

// Task kinds of the visit workflow, as the inbox shows them.
const (
	TaskVisitPlan          = "visit_plan"           // R3.5: the manager approves the plan
	TaskVisitLateReturn    = "visit_late_return"    // R3.6: not back in time
	TaskVisitReportOverdue = "visit_report_overdue" // R3.8: report missed
)

// VisitRef names a visit and the people around it, as every visit
// activity needs them.
type VisitRef struct {
	VisitID    string       `json:"visit_id"`
	WorkflowID string       `json:"workflow_id"`
	CustomerID string       `json:"customer_id"`
	Owner      policy.Actor `json:"owner"`
	ManagerID  string       `json:"manager_id,omitempty"`
}

// CreateVisitInput is a new visit plan (R3.5, R4.2).
type CreateVisitInput struct {
	VisitRef
	StepKey        string    `json:"step_key"`
	TaskID         string    `json:"task_id"`
	Goals          string    `json:"goals"`
	ProgressReport string    `json:"progress_report,omitempty"`
	PlannedStart   time.Time `json:"planned_start"`
	PlannedReturn  time.Time `json:"planned_return"`
}

// CreateVisit writes the plan and opens the approval task for the owner's
// sales manager (any sales manager when the owner has none).
func (a *Activities) CreateVisit(ctx context.Context, in CreateVisitInput) ([]string, error) {
	v := store.NewVisit{ID: in.VisitID, CustomerID: in.CustomerID, OwnerID: in.Owner.ID, ManagerID: in.ManagerID,
		WorkflowID: in.WorkflowID, Goals: in.Goals, ProgressReport: in.ProgressReport,
		PlannedStart: in.PlannedStart, PlannedReturn: in.PlannedReturn}
	task := managerTask(in.VisitRef, in.TaskID, TaskVisitPlan, in.PlannedStart)
	ch := store.VisitChange{OpenTask: &task,
		Notifications: a.toManager(in.VisitRef, in.StepKey, TaskVisitPlan)}
	step := store.Step{Key: in.StepKey, ActorID: in.Owner.ID, Action: "visit.planned",
		Detail: map[string]any{"task_id": in.TaskID, "planned_start": in.PlannedStart,
			"planned_return": in.PlannedReturn, "revisit": in.ProgressReport != ""}}
	return ids(ch), classify(a.Store.CreateVisit(ctx, v, ch, step))
}

// VisitDecisionInput is the manager's approve or reject of a plan.
type VisitDecisionInput struct {
	VisitRef
	StepKey string       `json:"step_key"`
	TaskID  string       `json:"task_id"`
	Actor   policy.Actor `json:"actor"`
	Approve bool         `json:"approve"`
	Comment string       `json:"comment"`
}

// RecordVisitDecision closes the approval task, moves the visit on and
// tells the owner.
func (a *Activities) RecordVisitDecision(ctx context.Context, in VisitDecisionInput) ([]string, error) {
	decision, status, kind := "reject", policy.VisitRejected, "visit_rejected"
	if in.Approve {
		decision, status, kind = "approve", policy.VisitApproved, "visit_approved"
	}
	ch := store.VisitChange{Set: `status = $2, decided_by = $3, decision_comment = NULLIF($4, '')`,
		Args:          []any{string(status), in.Actor.ID, in.Comment},
		DecideTask:    &store.TaskDecision{ID: in.TaskID, Decision: decision, Comment: in.Comment, ActorID: in.Actor.ID},
		Notifications: []store.Notification{a.note(in.VisitRef, in.StepKey, in.Owner.ID, kind)}}
	step := store.Step{Key: in.StepKey, ActorID: in.Actor.ID, Action: "visit." + decision + "d",
		Detail: map[string]any{"task_id": in.TaskID, "comment": in.Comment}}
	return ids(ch), classify(a.Store.ChangeVisit(ctx, in.VisitID, ch, step))
}

// VisitStepInput is a step a person takes on a visit at the server's time.
type VisitStepInput struct {
	VisitRef
	StepKey string       `json:"step_key"`
	Actor   policy.Actor `json:"actor"`
}

// RecordDeparture records the visit slip (客户走访单): the front desk lets
// an approved visit leave, at the server's time (R3.5, R5.4).
func (a *Activities) RecordDeparture(ctx context.Context, in VisitStepInput) error {
	ch := store.VisitChange{Set: `status = 'departed', departed_at = now(), departed_recorded_by = $2`,
		Args: []any{in.Actor.ID}}
	step := store.Step{Key: in.StepKey, ActorID: in.Actor.ID, Action: "visit.departed"}
	return classify(a.Store.ChangeVisit(ctx, in.VisitID, ch, step))
}

// ExpectedReturnInput is the salesperson telling the manager they will be
// back later (R3.6).
type ExpectedReturnInput struct {
	VisitStepInput
	ExpectedReturn time.Time `json:"expected_return"`
	Reason         string    `json:"reason"`
}

// RecordExpectedReturn keeps the new time and tells the manager.
func (a *Activities) RecordExpectedReturn(ctx context.Context, in ExpectedReturnInput) ([]string, error) {
	ch := store.VisitChange{Set: `expected_return = $2, expected_return_reason = $3`,
		Args:          []any{in.ExpectedReturn, in.Reason},
		Notifications: a.toManager(in.VisitRef, in.StepKey, "visit_expected_return")}
	step := store.Step{Key: in.StepKey, ActorID: in.Actor.ID, Action: "visit.expected_return",
		Detail: map[string]any{"expected_return": in.ExpectedReturn, "reason": in.Reason}}
	return ids(ch), classify(a.Store.ChangeVisit(ctx, in.VisitID, ch, step))
}

// ReturnInput records the return and when the report is due (R3.8).
type ReturnInput struct {
	VisitStepInput
	ReportDue time.Time `json:"report_due"`
}

// RecordReturn marks the salesperson back; open late-return alerts close.
func (a *Activities) RecordReturn(ctx context.Context, in ReturnInput) error {
	ch := store.VisitChange{Set: `status = 'returned', returned_at = now(), returned_recorded_by = $2, report_due_at = $3`,
		Args: []any{in.Actor.ID, in.ReportDue}, CloseKinds: []string{TaskVisitLateReturn}}
	step := store.Step{Key: in.StepKey, ActorID: in.Actor.ID, Action: "visit.returned",
		Detail: map[string]any{"report_due": in.ReportDue}}
	return classify(a.Store.ChangeVisit(ctx, in.VisitID, ch, step))
}

// VisitReportInput is the visit report (R3.3, R3.8).
type VisitReportInput struct {
	VisitStepInput
	Report payload.VisitReport `json:"report"`
}

// RecordVisitReport keeps the report; an escalation still open closes.
func (a *Activities) RecordVisitReport(ctx context.Context, in VisitReportInput) error {
	r := visitReportRow(in.Report)
	r.AuthorID = in.Actor.ID
	ch := store.VisitChange{Set: `status = 'reported', reported_at = now()`, Report: &r,
		CloseKinds: []string{TaskVisitReportOverdue}}
	step := store.Step{Key: in.StepKey, ActorID: in.Actor.ID, Action: "visit.reported",
		Detail: map[string]any{"late": r.Late, "met_name": r.MetName}}
	return classify(a.Store.ChangeVisit(ctx, in.VisitID, ch, step))
}
