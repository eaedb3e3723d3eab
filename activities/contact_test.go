package activities_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/uuid"
	"go.temporal.io/sdk/temporal"

	"salesflow/activities"
	"salesflow/policy"
	"salesflow/store"
	"salesflow/store/storetest"
)

// TestContactActivitiesWriteOnce runs every R2.5 step twice, as a retry
// after a crash would: one notification, one task, one decision, one new
// owner — and a decision on a moved-on ownership is a conflict, not retried.
func TestContactActivitiesWriteOnce(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	acts := activities.New(st)
	boss := mustUser(t, st, "boss", "")
	owner := mustUser(t, st, "owner", boss.ID)
	next := mustUser(t, st, "next", boss.ID)
	cust, err := st.CreateCustomer(ctx, store.Customer{ID: uuid.NewString(), Name: "联系客户", Channel: "internet",
		OwnerID: owner.ID, CollectedOn: "2026-11-20", CreatedBy: owner.ID})
	if err != nil {
		t.Fatal(err)
	}
	in := activities.ContactStepInput{CustomerID: cust.ID, Generation: 1, WorkflowID: "contact-x-1", DueAt: time.Now()}
	taskID := activities.ContactTaskID(in.WorkflowID, 0)
	decision := activities.ContactDecisionInput{CustomerID: cust.ID, Generation: 1, StepKey: "contact-x-1/decide",
		TaskID: taskID, Actor: policy.Actor{ID: boss.ID}, NewOwnerID: next.ID, Comment: "未联系", Deadline: time.Hour}
	for attempt := 0; attempt < 2; attempt++ {
		status, err := acts.SendContactReminder(ctx, in)
		if err != nil || !status.Current || status.Contacted || status.ManagerID != boss.ID {
			t.Fatalf("reminder %d: %+v %v", attempt, status, err)
		}
	}
	for attempt := 0; attempt < 2; attempt++ {
		if _, err := acts.OpenContactOverdue(ctx, in); err != nil {
			t.Fatalf("overdue %d: %v", attempt, err)
		}
	}
	for attempt := 0; attempt < 2; attempt++ {
		gen, err := acts.ReassignOverdue(ctx, decision)
		if err != nil || gen != 2 {
			t.Fatalf("reassign %d: generation %d, %v", attempt, gen, err)
		}
	}
	var notes, taskNotes, owners int
	var task store.Task
	_ = st.DB().Get(&notes, `SELECT count(*) FROM notifications WHERE subject_id = $1 AND kind = 'contact_reminder'`, cust.ID)
	_ = st.DB().Get(&taskNotes, `SELECT count(*) FROM notifications WHERE subject_id = $1 AND kind = 'task'`, cust.ID)
	_ = st.DB().Get(&owners, `SELECT count(*) FROM customer_ownership_events WHERE customer_id = $1`, cust.ID)
	task, err = st.TaskByID(ctx, taskID)
	if err != nil || notes != 1 || taskNotes != 1 || owners != 2 || task.Status != "decided" || *task.Decision != "reassign" {
		t.Fatalf("want 1 reminder, 1 task notification, 2 ownership events, a decided task; got %d, %d, %d, %+v %v",
			notes, taskNotes, owners, task, err)
	}
	// The first ownership has ended: its steps find that and do nothing.
	status, err := acts.OpenContactOverdue(ctx, activities.ContactStepInput{CustomerID: cust.ID, Generation: 1,
		WorkflowID: "contact-x-1", Round: 1})
	if err != nil || status.Current {
		t.Fatalf("stale ownership: %+v %v", status, err)
	}
	decision.StepKey = "contact-x-1/decide-again"
	_, err = acts.ReassignOverdue(ctx, decision)
	var appErr *temporal.ApplicationError
	if !errors.As(err, &appErr) || !appErr.NonRetryable() || appErr.Type() != activities.ErrTypeConflict {
		t.Fatalf("a decision on an ended ownership: %v", err)
	}
}
