package store_test

import (
	"context"
	"errors"
	"testing"

	"salesflow/policy"
	"salesflow/store"
	"salesflow/store/storetest"
)

// reviewFixture is a proposal in review with its open review task; with
// event false the proposal is written by hand, without the audit event
// (and chain head) its creation would have.
func reviewFixture(t *testing.T, st *store.Store, id string, event bool) {
	t.Helper()
	ctx := context.Background()
	db := st.DB()
	for _, q := range []string{
		`INSERT INTO users (id, username, name, password_hash, roles) VALUES ('sr-s', 'sr-s', 'sales', 'x', '{salesperson}'),
			('sr-m', 'sr-m', 'manager', 'x', '{reviewer}') ON CONFLICT DO NOTHING`,
		`INSERT INTO customers (id, name, channel, owner_id, class, collected_on, created_by, normalised_name, owned_since, contact_due_at, entered_at)
			VALUES ('sr-c', 'customer', 'internet', 'sr-s', 'progressing', current_date, 'sr-s', 'customer', now(), now(), now())
			ON CONFLICT DO NOTHING`,
		`INSERT INTO products (id, code, name, unit, list_price_fen) VALUES ('sr-p', 'SRP', 'billboard week', 'week', 100000)
			ON CONFLICT DO NOTHING`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	draft := store.ProposalDraft{Title: "t", Lines: []policy.Line{{ProductID: "sr-p", Quantity: 1, UnitPriceFen: 100000}}}
	if event {
		if err := st.CreateProposal(ctx, store.NewProposal{ID: id, WorkflowID: "wf-" + id, CustomerID: "sr-c", OwnerID: "sr-s",
			Draft: draft}, store.Step{Key: id + "/created", ActorID: "sr-s", Action: "proposal.created"}); err != nil {
			t.Fatal(err)
		}
	} else {
		for _, q := range []string{
			`INSERT INTO proposals (id, customer_id, owner_id, status, version, workflow_id) VALUES ($1, 'sr-c', 'sr-s', 'in_review', 1, 'wf')`,
			`INSERT INTO proposal_versions (proposal_id, version, title, body, total_fen, author_id) VALUES ($1, 1, 't', '', 100000, 'sr-s')`,
		} {
			if _, err := db.ExecContext(ctx, q, id); err != nil {
				t.Fatal(err)
			}
		}
	}
	tx, err := db.BeginTxx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if err := store.OpenTask(ctx, tx, store.NewTask{ID: id + "-task", Kind: "proposal_review", SubjectType: "proposal",
		SubjectID: id, SubjectVersion: 1, WorkflowID: "wf-" + id, AuthorID: "sr-s", AssigneeRole: "reviewer"}); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

// reviewState is what a review decision changes: the proposal's status,
// the task's, and how many events the proposal has.
func reviewState(t *testing.T, st *store.Store, id string) (status, task string, events int) {
	t.Helper()
	err := st.DB().QueryRowContext(context.Background(), `SELECT p.status, t.status,
		(SELECT count(*) FROM audit_events e WHERE e.subject_type = 'proposal' AND e.subject_id = p.id)
		FROM proposals p JOIN tasks t ON t.subject_id = p.id WHERE p.id = $1`, id).Scan(&status, &task, &events)
	if err != nil {
		t.Fatal(err)
	}
	return status, task, events
}

// TestReviewDecisionInOneStatement: the decision closes the task, moves
// the proposal and chains its event in one statement; the same step again
// writes nothing and succeeds; another decision on the decided task is a
// conflict and changes nothing; the chain verifies throughout. A subject
// without a chain head yet (the one statement cannot write) is written by
// the transaction it falls back to.
func TestReviewDecisionInOneStatement(t *testing.T) {
	st, k := storetest.Open(t), newAuditKeys(t)
	ctx := context.Background()
	reviewFixture(t, st, "sr-1", true)
	step := func(key string) store.Step {
		return store.Step{Key: key, ActorID: "sr-m", Action: "proposal.review_approved", Detail: map[string]any{"version": 1}}
	}
	decision := func(id string) store.TaskDecision {
		return store.TaskDecision{ID: id + "-task", Decision: "approve", Comment: "ok", ActorID: "sr-m"}
	}
	decide := func(id, key string) error {
		return st.DecideReview(ctx, id, policy.ProposalApproved, step(key), decision(id))
	}
	if err := st.ReviewInOneStatement(ctx, "sr-1", string(policy.ProposalApproved), step("sr-1/decide"), decision("sr-1")); err != nil {
		t.Fatalf("the one statement: %v", err)
	}
	if s, task, n := reviewState(t, st, "sr-1"); s != string(policy.ProposalApproved) || task != "decided" || n != 2 {
		t.Fatalf("after the decision: proposal %s, task %s, %d events", s, task, n)
	}
	if err := decide("sr-1", "sr-1/decide"); err != nil {
		t.Fatalf("the same step again is done already: %v", err)
	}
	// The task is decided: the statement's proposal update alone would
	// write, and step_guard takes it back.
	if err := st.ReviewInOneStatement(ctx, "sr-1", string(policy.ProposalRevising), step("sr-1/other"), decision("sr-1")); err == nil {
		t.Fatal("the one statement on a decided task wrote")
	}
	if s, _, _ := reviewState(t, st, "sr-1"); s != string(policy.ProposalApproved) {
		t.Fatalf("a refused statement moved the proposal to %s", s)
	}
	if err := decide("sr-1", "sr-1/other"); !errors.Is(err, store.ErrConflict) {
		t.Fatalf("a second decision on a decided task: %v, want a conflict", err)
	}
	if _, _, n := reviewState(t, st, "sr-1"); n != 2 {
		t.Fatalf("the repeat and the refusal wrote events: %d", n)
	}

	reviewFixture(t, st, "sr-2", false)
	if err := decide("sr-2", "sr-2/decide"); err != nil {
		t.Fatal(err)
	}
	if s, task, n := reviewState(t, st, "sr-2"); s != string(policy.ProposalApproved) || task != "decided" || n != 1 {
		t.Fatalf("a subject's first event: proposal %s, task %s, %d events", s, task, n)
	}
	if r := k.verify(t, st, true); !r.Valid {
		t.Fatalf("the chains verify: %+v", r)
	}
}
