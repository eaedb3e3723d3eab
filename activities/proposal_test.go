package activities_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/uuid"
	"go.temporal.io/sdk/temporal"

	"salesflow/activities"
	"salesflow/policy"
	"salesflow/store"
	"salesflow/store/storetest"
	"salesflow/workflows/payload"
)

// TestActivitiesWriteOnce runs every proposal activity twice with the same
// step key, as Temporal does when a worker dies after the write but before
// reporting it: the second run must write nothing.
func TestActivitiesWriteOnce(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	acts := activities.New(st)
	owner := mustUser(t, st, "owner", "")
	boss := mustUser(t, st, "boss", "")
	if _, err := st.UpdateUser(ctx, owner.ID, store.UserPatch{ManagerID: &boss.ID}); err != nil {
		t.Fatal(err)
	}
	product, err := st.CreateProduct(ctx, store.Product{ID: uuid.NewString(), Code: "P", Name: "灯箱", Unit: "月", ListPriceFen: 500})
	if err != nil {
		t.Fatal(err)
	}
	cust, err := st.CreateCustomer(ctx, store.Customer{ID: uuid.NewString(), Name: "客户", Channel: "internet",
		OwnerID: owner.ID, CollectedOn: "2026-11-20", CreatedBy: owner.ID})
	if err != nil {
		t.Fatal(err)
	}
	actor := policy.Actor{ID: owner.ID, Roles: owner.Roles}
	draft := payload.ProposalDraft{Title: "t", Lines: []policy.Line{{ProductID: product.ID, Quantity: 1, UnitPriceFen: 400}}}
	create := activities.CreateProposalInput{ProposalID: "p1", WorkflowID: "proposal-p1", CustomerID: cust.ID, Owner: actor, Draft: draft}
	revise := activities.ReviseProposalInput{ProposalID: "p1", StepKey: "proposal-p1/u1", Actor: actor, Version: 2, Draft: draft}
	review := activities.OpenReviewInput{ProposalID: "p1", WorkflowID: "proposal-p1", StepKey: "proposal-p1/u2",
		TaskID: "p1-review-1", Version: 2, Author: actor}
	decide := activities.ReviewDecisionInput{ProposalID: "p1", StepKey: "proposal-p1/u3", TaskID: "p1-review-1",
		Version: 2, Actor: policy.Actor{ID: boss.ID}, Approve: true, NewStatus: policy.ProposalApproved}
	for attempt := 1; attempt <= 2; attempt++ {
		if err := acts.CreateProposal(ctx, create); err != nil {
			t.Fatalf("attempt %d create: %v", attempt, err)
		}
		if v, err := acts.ReviseProposal(ctx, revise); err != nil || v != 2 {
			t.Fatalf("attempt %d revise: version %d, %v", attempt, v, err)
		}
		assignment, err := acts.OpenReview(ctx, review)
		if err != nil || assignment.ManagerID != boss.ID {
			t.Fatalf("attempt %d review: %v %+v", attempt, err, assignment)
		}
		if err := acts.RecordReviewDecision(ctx, decide); err != nil {
			t.Fatalf("attempt %d decide: %v", attempt, err)
		}
	}
	var versions, tasks, events int
	db := st.DB()
	_ = db.Get(&versions, `SELECT count(*) FROM proposal_versions WHERE proposal_id = 'p1'`)
	_ = db.Get(&tasks, `SELECT count(*) FROM tasks WHERE subject_id = 'p1' AND status = 'decided'`)
	_ = db.Get(&events, `SELECT count(*) FROM audit_events WHERE subject_id = 'p1'`)
	if versions != 2 || tasks != 1 || events != 4 {
		t.Fatalf("want 2 versions, 1 decided task, 4 events; got %d, %d, %d", versions, tasks, events)
	}
	report, err := st.VerifyAudit(ctx, nil, true)
	// 4 proposal events and the customer's own "created" event.
	if err != nil || !report.Valid || report.Checked != 5 {
		t.Fatalf("audit chain: %+v %v", report, err)
	}
}

func TestUnknownProductIsNotRetried(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	owner := mustUser(t, st, "owner", "")
	cust, err := st.CreateCustomer(ctx, store.Customer{ID: "c1", Name: "客户", Channel: "internet",
		OwnerID: owner.ID, CollectedOn: "2026-11-20", CreatedBy: owner.ID})
	if err != nil {
		t.Fatal(err)
	}
	err = activities.New(st).CreateProposal(ctx, activities.CreateProposalInput{ProposalID: "p2", WorkflowID: "proposal-p2",
		CustomerID: cust.ID, Owner: policy.Actor{ID: owner.ID},
		Draft: payload.ProposalDraft{Title: "t", Lines: []policy.Line{{ProductID: "ghost", Quantity: 1}}}})
	var appErr *temporal.ApplicationError
	if !errors.As(err, &appErr) || !appErr.NonRetryable() {
		t.Fatalf("want a non-retryable application error, got %v", err)
	}
	var n int
	_ = st.DB().Get(&n, `SELECT count(*) FROM proposals`)
	if n != 0 {
		t.Fatalf("half-written proposal: %d rows", n)
	}
}

func mustUser(t *testing.T, st *store.Store, username, managerID string) store.User {
	t.Helper()
	u, err := st.CreateUser(context.Background(), store.User{ID: uuid.NewString(), Username: username,
		Name: username, PasswordHash: "x", Roles: []string{"salesperson"}, ManagerID: managerID})
	if err != nil {
		t.Fatal(err)
	}
	return u
}
