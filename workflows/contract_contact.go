package workflows

import (
	"fmt"
	"time"

	"salesflow/policy"
)

// ContactDeadlineWorkflowID names the contact-deadline workflow of one
// ownership of a customer (R2.5): generation n is the n-th owner, so each new
// owner gets a fresh week under a new ID.
func ContactDeadlineWorkflowID(customerID string, generation int) string {
	return fmt.Sprintf("contact-%s-%d", customerID, generation)
}

// Defaults of the one-week contact rule (R2.5); SALESFLOW_CONTACT_DEADLINE
// and SALESFLOW_CONTACT_REMINDER_BEFORE override them.
const (
	DefaultContactDeadline       = 7 * 24 * time.Hour
	DefaultContactReminderBefore = 24 * time.Hour
	DefaultContactRecheck        = time.Hour
	// MaxContactExtensionDays bounds a manager's extension.
	MaxContactExtensionDays = 30
)

// Names of the contact-deadline workflow's handlers.
const (
	SignalContactMade    = "contact-made"    // the first interaction was logged
	SignalOwnershipEnded = "ownership-ended" // the customer has a new owner
	UpdateContactDecide  = "contact-decide"  // manager: extend or reassign
	QueryContactState    = "contact-state"
)

// TaskKindContactOverdue is the inbox task asking the owner's manager to
// reassign or extend (R2.5).
const TaskKindContactOverdue = "contact_overdue"

// Decisions on a contact_overdue task.
const (
	DecisionExtend   = "extend"
	DecisionReassign = "reassign"
)

// Statuses of one ownership's contact deadline.
const (
	ContactWaiting    = "waiting"    // the week is running
	ContactOverdue    = "overdue"    // the manager has a task to decide
	ContactContacted  = "contacted"  // the owner made contact: done
	ContactReassigned = "reassigned" // the manager gave the customer to someone else
	ContactSuperseded = "superseded" // the ownership ended another way
)

// ContactDeadlineInput starts the deadline of one ownership.
type ContactDeadlineInput struct {
	CustomerID     string        `json:"customer_id"`
	Generation     int           `json:"generation"`
	OwnerID        string        `json:"owner_id"`
	Deadline       time.Duration `json:"deadline"`
	ReminderBefore time.Duration `json:"reminder_before"`
	// RecheckEvery is how often an open overdue task re-reads the
	// customer: contact logged or an owner changed while a signal was lost
	// (a Temporal outage) is found this way. Zero: DefaultContactRecheck.
	RecheckEvery time.Duration `json:"recheck_every,omitempty"`
}

// ContactState is the live state, as the Query and the Update return it.
type ContactState struct {
	CustomerID string    `json:"customer_id"`
	Generation int       `json:"generation"`
	OwnerID    string    `json:"owner_id"`
	Status     string    `json:"status"`
	DueAt      time.Time `json:"due_at"`
	Round      int       `json:"round"`
	OpenTaskID string    `json:"open_task_id,omitempty"`
	ManagerID  string    `json:"manager_id,omitempty"`
	NewOwnerID string    `json:"new_owner_id,omitempty"`
}

// ContactDecisionRequest is the manager's answer to a contact_overdue task.
type ContactDecisionRequest struct {
	Actor      policy.Actor `json:"actor"`
	TaskID     string       `json:"task_id"`
	Decision   string       `json:"decision"`
	Days       int          `json:"days,omitempty"`
	NewOwnerID string       `json:"new_owner_id,omitempty"`
	Comment    string       `json:"comment,omitempty"`
}
