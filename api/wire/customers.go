package wire

import (
	"time"

	"salesflow/store"
)

// The answers about customers, visits, guidance and the calendar.

// HardCustomer is R3.4's escalation: the owner's reason and the manager's
// plan.
type HardCustomer struct {
	Difficult        bool       `json:"difficult"`
	DifficultyReason string     `json:"difficulty_reason"`
	DifficultyBy     *string    `json:"difficulty_by"`
	DifficultyAt     *time.Time `json:"difficulty_at"`
	HardPlan         string     `json:"hard_plan"`
	HardPlanBy       *string    `json:"hard_plan_by"`
	HardPlanAt       *time.Time `json:"hard_plan_at"`
}

// HardCustomerOf is s as the API answers it.
func HardCustomerOf(s store.HardCustomer) HardCustomer { return HardCustomer(s) }

// Contact is a person at the customer (R1.5, R3.3).
type Contact struct {
	Name            string `json:"name"`
	Title           string `json:"title"`
	IsDecisionMaker bool   `json:"is_decision_maker"`
	Phone           string `json:"phone"`
	Email           string `json:"email"`
}

// ContactOf is s as the API answers it.
func ContactOf(s store.Contact) Contact { return Contact(s) }

// Interaction is one entry of the contact log (R1.5, R3.1, R3.8).
type Interaction struct {
	ID         string    `json:"id"`
	CustomerID string    `json:"customer_id"`
	Kind       string    `json:"kind"`
	Summary    string    `json:"summary"`
	OccurredOn string    `json:"occurred_on"`
	ActorID    string    `json:"actor_id"`
	ActorName  string    `json:"actor_name"`
	CreatedAt  time.Time `json:"created_at"`
}

// InteractionOf is s as the API answers it.
func InteractionOf(s store.Interaction) Interaction { return Interaction(s) }

// OwnershipEvent is one change of owner in the customer file.
type OwnershipEvent struct {
	Generation      int       `json:"generation"`
	OwnerID         *string   `json:"owner_id"`
	OwnerName       *string   `json:"owner_name"`
	PreviousOwnerID *string   `json:"previous_owner_id"`
	Kind            string    `json:"kind"`
	Reason          string    `json:"reason"`
	ActorID         string    `json:"actor_id"`
	CreatedAt       time.Time `json:"created_at"`
}

// OwnershipEventOf is s as the API answers it.
func OwnershipEventOf(s store.OwnershipEvent) OwnershipEvent { return OwnershipEvent(s) }

// ClassEvent is one change of a customer's class (R4.1).
type ClassEvent struct {
	FromClass  string    `json:"from_class"`
	ToClass    string    `json:"to_class"`
	Source     string    `json:"source"`
	Reason     string    `json:"reason"`
	ContractID *string   `json:"contract_id,omitempty"`
	ActorID    *string   `json:"actor_id"`
	ActorName  *string   `json:"actor_name"`
	CreatedAt  time.Time `json:"created_at"`
}

// ClassEventOf is s as the API answers it.
func ClassEventOf(s store.ClassEvent) ClassEvent { return ClassEvent(s) }

// SimilarCustomer is a near-duplicate of a new customer (R2.2), told as id
// and owner only.
type SimilarCustomer struct {
	ExistingID string  `json:"existing_customer_id"`
	OwnerName  string  `json:"owner_name"`
	Similarity float64 `json:"similarity"`
}

// SimilarCustomerOf is s as the API answers it.
func SimilarCustomerOf(s store.SimilarCustomer) SimilarCustomer { return SimilarCustomer(s) }

// Visit is one customer visit: the plan, its approval, the visit slip and
// the report (R3.5–R3.8, R4.2).
type Visit struct {
	ID                   string       `json:"id"`
	CustomerID           string       `json:"customer_id"`
	CustomerName         string       `json:"customer_name"`
	OwnerID              string       `json:"owner_id"`
	OwnerName            string       `json:"owner_name"`
	ManagerID            *string      `json:"manager_id,omitempty"`
	Status               string       `json:"status"`
	Goals                string       `json:"goals"`
	ProgressReport       *string      `json:"progress_report,omitempty"`
	PlannedStart         time.Time    `json:"planned_start"`
	PlannedReturn        time.Time    `json:"planned_return"`
	WorkflowID           string       `json:"workflow_id"`
	DecidedBy            *string      `json:"decided_by,omitempty"`
	DecisionComment      *string      `json:"decision_comment,omitempty"`
	DepartedAt           *time.Time   `json:"departed_at,omitempty"`
	DepartedRecordedBy   *string      `json:"departed_recorded_by,omitempty"`
	ExpectedReturn       *time.Time   `json:"expected_return,omitempty"`
	ExpectedReturnReason *string      `json:"expected_return_reason,omitempty"`
	LateAlertedAt        *time.Time   `json:"late_alerted_at,omitempty"`
	ReturnedAt           *time.Time   `json:"returned_at,omitempty"`
	ReturnedRecordedBy   *string      `json:"returned_recorded_by,omitempty"`
	ReportDueAt          *time.Time   `json:"report_due_at,omitempty"`
	ReportRemindedAt     *time.Time   `json:"report_reminded_at,omitempty"`
	ReportEscalatedAt    *time.Time   `json:"report_escalated_at,omitempty"`
	ReportedAt           *time.Time   `json:"reported_at,omitempty"`
	CreatedAt            time.Time    `json:"created_at"`
	OpenTaskID           *string      `json:"open_task_id"`
	Report               *VisitReport `json:"report,omitempty"`
	History              []Event      `json:"history,omitempty"`
}

// VisitOf is s as the API answers it.
func VisitOf(s store.Visit) Visit {
	return Visit{ID: s.ID, CustomerID: s.CustomerID, CustomerName: s.CustomerName, OwnerID: s.OwnerID,
		OwnerName: s.OwnerName, ManagerID: s.ManagerID, Status: s.Status, Goals: s.Goals, ProgressReport: s.ProgressReport,
		PlannedStart: s.PlannedStart, PlannedReturn: s.PlannedReturn, WorkflowID: s.WorkflowID, DecidedBy: s.DecidedBy,
		DecisionComment: s.DecisionComment, DepartedAt: s.DepartedAt, DepartedRecordedBy: s.DepartedRecordedBy,
		ExpectedReturn: s.ExpectedReturn, ExpectedReturnReason: s.ExpectedReturnReason, LateAlertedAt: s.LateAlertedAt,
		ReturnedAt: s.ReturnedAt, ReturnedRecordedBy: s.ReturnedRecordedBy, ReportDueAt: s.ReportDueAt,
		ReportRemindedAt: s.ReportRemindedAt, ReportEscalatedAt: s.ReportEscalatedAt, ReportedAt: s.ReportedAt,
		CreatedAt: s.CreatedAt, OpenTaskID: s.OpenTaskID, Report: mapPtr(s.Report, VisitReportOf),
		History: Map(s.History, EventOf)}
}

// VisitReport is what the salesperson learnt at the meeting (R3.3, R3.8).
type VisitReport struct {
	Notes           string    `json:"notes"`
	MetName         string    `json:"met_name"`
	MetTitle        string    `json:"met_title"`
	IsDecisionMaker bool      `json:"is_decision_maker"`
	Needs           string    `json:"needs"`
	AuthorID        string    `json:"author_id"`
	CreatedAt       time.Time `json:"created_at"`
	Late            bool      `json:"late"`
}

// VisitReportOf is s as the API answers it.
func VisitReportOf(s store.VisitReport) VisitReport { return VisitReport(s) }

// GuidanceNote is one of a sales manager's guidance notes (R4.3).
type GuidanceNote struct {
	ID              string    `json:"id"`
	SalespersonID   string    `json:"salesperson_id"`
	SalespersonName string    `json:"salesperson_name"`
	ManagerID       string    `json:"manager_id"`
	ManagerName     string    `json:"manager_name"`
	Note            string    `json:"note"`
	CreatedAt       time.Time `json:"created_at"`
}

// GuidanceNoteOf is s as the API answers it.
func GuidanceNoteOf(s store.GuidanceNote) GuidanceNote { return GuidanceNote(s) }

// CalendarOverride is an admin's correction of one day of the working-day
// calendar (R1.3, R3.8).
type CalendarOverride struct {
	Day       string    `json:"day"`
	Working   bool      `json:"working"`
	Note      string    `json:"note"`
	CreatedBy string    `json:"created_by"`
	CreatedAt time.Time `json:"created_at"`
}

// CalendarOverrideOf is s as the API answers it.
func CalendarOverrideOf(s store.CalendarOverride) CalendarOverride { return CalendarOverride(s) }

// CalendarOverrideRow is an override with the name of who set it.
type CalendarOverrideRow struct {
	CalendarOverride
	CreatedByName string `json:"created_by_name"`
}

// CalendarOverrideRowOf is s as the API answers it.
func CalendarOverrideRowOf(s store.CalendarOverrideRow) CalendarOverrideRow {
	return CalendarOverrideRow{CalendarOverride: CalendarOverrideOf(s.CalendarOverride), CreatedByName: s.CreatedByName}
}
