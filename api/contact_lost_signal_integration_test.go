package api

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/google/uuid"

	"salesflow/store"
	"salesflow/workflows"
)

// The contact deadline (R2.5) hears of contact and of a new owner by
// signals the API sends after its own write. When Temporal is unreachable
// at that moment the signal is lost; these tests write what the API writes
// but send no signal, and check the deadline still ends right.

// silentContact logs an interaction as the owner, as the API does, without
// the "contact made" signal.
func (e *testEnv) silentContact(t *testing.T, customerID, ownerID string) {
	t.Helper()
	_, err := e.Store.AddInteraction(context.Background(), store.Interaction{ID: uuid.NewString(), CustomerID: customerID,
		Kind: "phone", Summary: "电话联系（信号丢失）", OccurredOn: time.Now().Format(time.DateOnly), ActorID: ownerID})
	if err != nil {
		t.Fatal(err)
	}
}

// overdueAfterSilentContact records a customer as sales1 on the server at
// base, waits for its overdue task, then logs contact silently; it returns
// the customer, the task and the manager's client.
func (e *testEnv) overdueAfterSilentContact(t *testing.T, base, name string) (string, string, *apiClient) {
	t.Helper()
	sales1, mgr := e.asOn(t, base, "sales1"), e.asOn(t, base, "manager")
	id := sales1.newCustomer(name + randomSuffix())
	task := overdueTask(mgr, id)
	e.silentContact(t, id, e.users["sales1"].ID)
	return id, task, mgr
}

func (e *testEnv) taskStatus(t *testing.T, taskID string) string {
	t.Helper()
	var status string
	if err := e.Store.DB().Get(&status, `SELECT status FROM tasks WHERE id = $1`, taskID); err != nil {
		t.Fatal(err)
	}
	return status
}

// TestContactLostSignalWithdrawsOverdue: contact logged while the signal
// is lost still withdraws the open overdue task — the workflow re-reads the
// customer — and the ownership ends as contacted.
func TestContactLostSignalWithdrawsOverdue(t *testing.T) {
	e := newTestEnv(t)
	id, task, _ := e.overdueAfterSilentContact(t, e.shortWeek(t), "信号丢失客户")
	if st := e.contactResult(t, id, 1); st.Status != workflows.ContactContacted {
		t.Fatalf("contact without its signal: %+v", st)
	}
	if got := e.taskStatus(t, task); got != "cancelled" {
		t.Fatalf("the overdue task is %s, want withdrawn (cancelled)", got)
	}
}

// TestContactDecisionFindsContact: with no re-read due soon, a manager's
// reassignment sent after a silent contact is refused (409) — the decision
// itself checks for contact — the customer stays with the owner who called,
// and the workflow learns of the contact from the refusal.
func TestContactDecisionFindsContact(t *testing.T) {
	e := newTestEnv(t)
	id, task, mgr := e.overdueAfterSilentContact(t, e.shortWeekRechecking(t, time.Hour), "已联系客户")
	mgr.do("POST", "/api/v1/tasks/"+task+"/decision", map[string]any{"decision": "reassign",
		"owner_id": e.users["sales2"].ID, "comment": "一周未联系"}, nil).status(http.StatusConflict)
	if owner := mgr.do("GET", "/api/v1/customers/"+id, nil, nil).status(http.StatusOK).str("owner_id"); owner != e.users["sales1"].ID {
		t.Fatalf("the customer went to %s although sales1 called", owner)
	}
	if st := e.contactResult(t, id, 1); st.Status != workflows.ContactContacted {
		t.Fatalf("after the refused reassignment: %+v", st)
	}
	if got := e.taskStatus(t, task); got != "cancelled" {
		t.Fatalf("the overdue task is %s, want withdrawn (cancelled)", got)
	}
}

// TestContactManualReassignEndsWaitingWorkflow: a manager's reassignment
// from the customer page cancels the overdue task in SQL; when its
// "ownership ended" signal is lost the old ownership's workflow still
// ends (superseded) instead of waiting for ever.
func TestContactManualReassignEndsWaitingWorkflow(t *testing.T) {
	e := newTestEnv(t)
	base := e.shortWeek(t)
	sales1, mgr := e.asOn(t, base, "sales1"), e.asOn(t, base, "manager")
	id := sales1.newCustomer("手工改派客户" + randomSuffix())
	overdueTask(mgr, id)
	step := store.Step{Key: "test/manual-reassign/" + id, ActorID: e.users["manager"].ID, Action: "customer.assigned",
		Detail: map[string]any{"owner_id": e.users["sales2"].ID}}
	if _, err := e.Store.AssignCustomer(context.Background(), store.Assignment{CustomerID: id, OwnerID: e.users["sales2"].ID,
		Kind: store.OwnershipAssigned, Reason: "经理改派", ContactDeadline: time.Hour}, step, nil); err != nil {
		t.Fatal(err)
	}
	if st := e.contactResult(t, id, 1); st.Status != workflows.ContactSuperseded {
		t.Fatalf("the old ownership after a reassignment without its signal: %+v", st)
	}
	e.terminateContact(t, id, 2)
}
