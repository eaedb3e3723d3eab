package workflows

import (
	"time"

	"salesflow/policy"
	"salesflow/workflows/payload"
)

// VisitWorkflowID is the workflow ID of visit id: one workflow per visit,
// from the plan to the report (R3.5–R3.8).
func VisitWorkflowID(visitID string) string { return "visit-" + visitID }

// Update and Query names of the visit workflow.
const (
	UpdateVisitCreated        = "created"         // waits for the plan to be stored
	UpdateVisitDecide         = "decide"          // sales manager: approve or reject (R3.5)
	UpdateVisitDepart         = "depart"          // front desk: the visit slip (R3.5)
	UpdateVisitExpectedReturn = "expected-return" // salesperson: will be late (R3.6)
	UpdateVisitReturn         = "return"          // salesperson or front desk
	UpdateVisitReport         = "report"          // salesperson: the visit report (R3.8)
	QueryVisitState           = "state"
)

// VisitTiming shortens or moves the visit's deadlines. Zero values mean the
// policy: the report is due two working days after the return with a
// reminder that morning (computed by an activity on the company calendar),
// and the working day ends at 18:00 Asia/Shanghai.
type VisitTiming struct {
	ReportDueAfter    time.Duration `json:"report_due_after,omitempty"`
	ReportRemindAfter time.Duration `json:"report_remind_after,omitempty"`
	WorkdayEnd        time.Duration `json:"workday_end,omitempty"`
}

// VisitPlan is what the salesperson plans (R3.5) and, for a revisit, the
// progress report (R4.2).
type VisitPlan struct {
	Goals          string    `json:"goals"`
	PlannedStart   time.Time `json:"planned_start"`
	PlannedReturn  time.Time `json:"planned_return"`
	ProgressReport string    `json:"progress_report,omitempty"`
}

// VisitInput starts a visit workflow. ManagerID is the owner's sales
// manager when the plan was made ("" lets any sales manager decide).
type VisitInput struct {
	VisitID    string       `json:"visit_id"`
	CustomerID string       `json:"customer_id"`
	Owner      policy.Actor `json:"owner"`
	ManagerID  string       `json:"manager_id,omitempty"`
	Plan       VisitPlan    `json:"plan"`
	Timing     VisitTiming  `json:"timing"`
}

// VisitState is the live state of a visit, as the Query returns it.
type VisitState struct {
	VisitID        string             `json:"visit_id"`
	Status         policy.VisitStatus `json:"status"`
	OpenTaskID     string             `json:"open_task_id,omitempty"`
	DepartedAt     time.Time          `json:"departed_at,omitzero"`
	ExpectedReturn time.Time          `json:"expected_return,omitzero"`
	ReturnedAt     time.Time          `json:"returned_at,omitzero"`
	ReportDue      time.Time          `json:"report_due,omitzero"`
	LateAlerts     int                `json:"late_alerts"`
	Reminded       bool               `json:"reminded"`
	Escalated      bool               `json:"escalated"`
}

// VisitActorRequest is a step with nothing but the person taking it
// (departure, return).
type VisitActorRequest struct {
	Actor policy.Actor `json:"actor"`
}

// ExpectedReturnRequest reports a new time the salesperson will be back.
type ExpectedReturnRequest struct {
	Actor          policy.Actor `json:"actor"`
	ExpectedReturn time.Time    `json:"expected_return"`
	Reason         string       `json:"reason"`
}

// VisitReportRequest is the visit report (R3.3, R3.8).
type VisitReportRequest struct {
	Actor  policy.Actor        `json:"actor"`
	Report payload.VisitReport `json:"report"`
}
