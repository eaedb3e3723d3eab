package activities

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"go.temporal.io/sdk/temporal"

	"salesflow/policy"
	"salesflow/store"
	"salesflow/workflows/payload"
)

// ErrTypeConflict marks a write refused because the state moved on (the
// same string as workflows.ErrTypeConflict, which the API maps to 409).
const ErrTypeConflict = "Conflict"

// ContactStepInput names one step of an ownership's contact deadline (R2.5).
type ContactStepInput struct {
	CustomerID string    `json:"customer_id"`
	Generation int       `json:"generation"`
	WorkflowID string    `json:"workflow_id"`
	Round      int       `json:"round"`
	DueAt      time.Time `json:"due_at"`
}

// SendContactReminder notifies the owner that the contact deadline is near,
// unless they have made contact or no longer own the customer; it returns
// the status it found so the workflow can stop early.
func (a *Activities) SendContactReminder(ctx context.Context, in ContactStepInput) (payload.ContactStatus, error) {
	st, err := a.Store.ContactStatusOf(ctx, in.CustomerID, in.Generation)
	if err != nil || !st.Current || st.Contacted {
		return contactStatus(st), classify(err)
	}
	key := fmt.Sprintf("%s/reminder-%d", in.WorkflowID, in.Round)
	detail, _ := json.Marshal(map[string]any{"due_at": in.DueAt, "customer_name": st.Name})
	step := store.Step{Key: key, ActorID: st.OwnerID, Action: "customer.contact_reminder",
		Detail: map[string]any{"due_at": in.DueAt}}
	err = a.Store.CustomerStep(ctx, in.CustomerID, step, func(tx *sqlx.Tx) error {
		return store.Notify(ctx, tx, store.Notification{ID: key, UserID: st.OwnerID,
			Kind: "contact_reminder", SubjectType: "customer", SubjectID: in.CustomerID, Detail: detail,
			TitleZH: fmt.Sprintf("请在 %s 前联系客户 %s", in.DueAt.In(policy.Shanghai).Format("2006-01-02 15:04"), st.Name),
			TitleEN: fmt.Sprintf("Contact %s before %s", st.Name, in.DueAt.In(policy.Shanghai).Format("2006-01-02 15:04")),
			Body:    "/customers/" + in.CustomerID})
	})
	return contactStatus(st), classify(err)
}

// CheckContact reads the ownership's contact state for a waiting overdue
// task (R2.5), so a lost signal costs at most one re-read interval.
func (a *Activities) CheckContact(ctx context.Context, in ContactStepInput) (payload.ContactStatus, error) {
	st, err := a.Store.ContactStatusOf(ctx, in.CustomerID, in.Generation)
	return contactStatus(st), classify(err)
}

// ContactTaskID is the task a round of the deadline opens.
func ContactTaskID(workflowID string, round int) string {
	return fmt.Sprintf("%s-overdue-%d", workflowID, round)
}

// OpenContactOverdue opens the contact_overdue task for the owner's manager
// (or, when the owner has none, any sales manager) unless contact was made
// or the ownership ended.
func (a *Activities) OpenContactOverdue(ctx context.Context, in ContactStepInput) (payload.ContactStatus, error) {
	st, err := a.Store.ContactStatusOf(ctx, in.CustomerID, in.Generation)
	if err != nil || !st.Current || st.Contacted {
		return contactStatus(st), classify(err)
	}
	task := store.NewTask{ID: ContactTaskID(in.WorkflowID, in.Round), Kind: "contact_overdue",
		SubjectType: "customer", SubjectID: in.CustomerID, SubjectVersion: in.Generation,
		WorkflowID: in.WorkflowID, AuthorID: st.OwnerID, AssigneeUserID: st.ManagerID}
	if st.ManagerID == "" {
		task.AssigneeRole = string(policy.RoleSalesManager)
	}
	step := store.Step{Key: fmt.Sprintf("%s/overdue-%d", in.WorkflowID, in.Round), ActorID: st.OwnerID,
		Action: "customer.contact_overdue", Detail: map[string]any{"task_id": task.ID, "due_at": in.DueAt}}
	err = a.Store.CustomerStep(ctx, in.CustomerID, step, func(tx *sqlx.Tx) error {
		return store.OpenTask(ctx, tx, task)
	})
	return contactStatus(st), classify(err)
}

// CloseContactTaskInput withdraws an overdue task that is moot.
type CloseContactTaskInput struct {
	CustomerID string `json:"customer_id"`
	TaskID     string `json:"task_id"`
	StepKey    string `json:"step_key"`
	Reason     string `json:"reason"`
}

// CloseContactTask cancels the open task (contact was made after all, or
// the customer changed hands another way).
func (a *Activities) CloseContactTask(ctx context.Context, in CloseContactTaskInput) error {
	step := store.Step{Key: in.StepKey, Action: "customer.contact_task_withdrawn",
		Detail: map[string]any{"task_id": in.TaskID, "reason": in.Reason}}
	return classify(a.Store.CustomerStep(ctx, in.CustomerID, step, func(tx *sqlx.Tx) error {
		return store.CancelTask(ctx, tx, in.TaskID)
	}))
}

// ContactDecisionInput is a manager's decision on a contact_overdue task.
type ContactDecisionInput struct {
	CustomerID string        `json:"customer_id"`
	Generation int           `json:"generation"`
	StepKey    string        `json:"step_key"`
	TaskID     string        `json:"task_id"`
	Actor      policy.Actor  `json:"actor"`
	Comment    string        `json:"comment"`
	DueAt      time.Time     `json:"due_at,omitempty"`       // extend
	NewOwnerID string        `json:"new_owner_id,omitempty"` // reassign
	Deadline   time.Duration `json:"deadline,omitempty"`     // the new owner's week
}

// ExtendContact closes the task as "extend" and moves the deadline.
func (a *Activities) ExtendContact(ctx context.Context, in ContactDecisionInput) error {
	step := store.Step{Key: in.StepKey, ActorID: in.Actor.ID, Action: "customer.contact_extended",
		Detail: map[string]any{"task_id": in.TaskID, "due_at": in.DueAt, "comment": in.Comment}}
	return conflictOr(a.Store.CustomerStep(ctx, in.CustomerID, step, func(tx *sqlx.Tx) error {
		if err := store.RequireNoContact(ctx, tx, in.CustomerID, in.Generation); err != nil {
			return err
		}
		if err := store.DecideTask(ctx, tx, in.TaskID, "extend", in.Comment, in.Actor.ID); err != nil {
			return err
		}
		return store.SetContactDue(ctx, tx, in.CustomerID, in.Generation, in.DueAt)
	}))
}

// ReassignOverdue closes the task as "reassign" and gives the customer to
// the new owner (R2.3, R2.5); it returns the new ownership generation.
func (a *Activities) ReassignOverdue(ctx context.Context, in ContactDecisionInput) (int, error) {
	step := store.Step{Key: in.StepKey, ActorID: in.Actor.ID, Action: "customer.assigned",
		Detail: map[string]any{"task_id": in.TaskID, "owner_id": in.NewOwnerID, "reason": in.Comment}}
	asg := store.Assignment{CustomerID: in.CustomerID, OwnerID: in.NewOwnerID, Kind: store.OwnershipOverdue,
		Reason: in.Comment, ExpectGeneration: in.Generation, ContactDeadline: in.Deadline, RefuseIfContacted: true}
	c, err := a.Store.AssignCustomer(ctx, asg, step, func(tx *sqlx.Tx) error {
		return store.DecideTask(ctx, tx, in.TaskID, "reassign", in.Comment, in.Actor.ID)
	})
	return c.OwnerGeneration, conflictOr(err)
}

// conflictOr makes a refused write (the task was decided or the ownership
// moved on meanwhile) a non-retryable Conflict; other errors as classify.
// Contact found by a decision carries the status, so the workflow learns
// of it without the signal (FoundContact).
func conflictOr(err error) error {
	if errors.Is(err, store.ErrContactMade) {
		return temporal.NewNonRetryableApplicationError("the owner made contact meanwhile", ErrTypeConflict, err,
			payload.ContactStatus{Current: true, Contacted: true})
	}
	if errors.Is(err, store.ErrConflict) {
		return temporal.NewNonRetryableApplicationError("the customer's state changed meanwhile", ErrTypeConflict, err)
	}
	return classify(err)
}

// FoundContact reports whether err is a decision refused because the owner
// made contact, and the status the activity found.
func FoundContact(err error) (payload.ContactStatus, bool) {
	var appErr *temporal.ApplicationError
	var st payload.ContactStatus
	if !errors.As(err, &appErr) || appErr.Type() != ErrTypeConflict || !appErr.HasDetails() {
		return st, false
	}
	if appErr.Details(&st) != nil {
		return st, false
	}
	return st, st.Contacted || !st.Current
}
