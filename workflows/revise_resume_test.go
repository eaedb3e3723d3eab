package workflows

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/testsuite"

	"salesflow/activities"
	"salesflow/policy"
	"salesflow/store"
	"salesflow/store/storetest"
	"salesflow/workflows/payload"
)

// TestReviseReplayedAfterContinueAsNewKeepsTheVersion runs the proposal
// workflow over the real activities and PostgreSQL: a revise (Update "u1")
// stores version 2; the run continues as new; the client's retry of the
// same revise reaches the new run with the same Update ID, so its step is
// already applied and writes nothing. The workflow's version must stay 2,
// as the database's (it counted 3 before), and the next revise is 3 in both.
func TestReviseReplayedAfterContinueAsNewKeepsTheVersion(t *testing.T) {
	st := storetest.Open(t)
	owner, draft := seedProposalRows(t, st)
	in := ProposalInput{ProposalID: "p-can", CustomerID: "c-can", Owner: owner, Draft: draft}

	first := resumeEnv(t, st)
	var rev outcome
	first.revise("u1", draft, &rev)
	first.env.RegisterDelayedCallback(func() { first.env.CancelWorkflow() }, time.Hour)
	first.env.ExecuteWorkflow(ProposalWorkflow, in)
	require.NoError(t, rev.err)
	require.Equal(t, 2, rev.state.Version)

	in.Resume = &rev.state // what continue-as-new carries
	second := resumeEnv(t, st)
	var again, next outcome
	second.revise("u1", draft, &again)
	second.revise("u2", draft, &next)
	second.env.RegisterDelayedCallback(func() { second.env.CancelWorkflow() }, time.Hour)
	second.env.ExecuteWorkflow(ProposalWorkflow, in)
	require.NoError(t, again.err)
	require.Equal(t, 2, again.state.Version, "the replayed revise wrote nothing; the version stays the stored one")
	require.NoError(t, next.err)
	require.Equal(t, 3, next.state.Version)
	var stored, versions int
	require.NoError(t, st.DB().Get(&stored, `SELECT version FROM proposals WHERE id = 'p-can'`))
	require.NoError(t, st.DB().Get(&versions, `SELECT count(*) FROM proposal_versions WHERE proposal_id = 'p-can'`))
	require.Equal(t, 3, stored)
	require.Equal(t, 3, versions)
}

type realEnv struct {
	env *testsuite.TestWorkflowEnvironment
	seq time.Duration
}

// resumeEnv is a test workflow environment whose activities are the real
// ones over st; both runs share the default test workflow ID, as a run
// continued as new keeps its workflow's ID.
func resumeEnv(t *testing.T, st *store.Store) *realEnv {
	var s testsuite.WorkflowTestSuite
	e := &realEnv{env: s.NewTestWorkflowEnvironment()}
	e.env.RegisterActivity(&activities.Activities{Store: st, Calendar: policy.ChinaCalendar{}})
	return e
}

func (e *realEnv) revise(updateID string, d payload.ProposalDraft, out *outcome) {
	e.seq += time.Minute
	scheduleUpdate(e.env, e.seq, UpdateProposalRevise, updateID, ReviseRequest{Actor: author, Draft: d}, out)
}

// seedProposalRows stores the author (as the test actor author), a
// customer and a product a proposal can reference.
func seedProposalRows(t *testing.T, st *store.Store) (policy.Actor, payload.ProposalDraft) {
	ctx := context.Background()
	u, err := st.CreateUser(ctx, store.User{ID: author.ID, Username: "author", Name: author.Name,
		PasswordHash: "x", Roles: author.Roles})
	require.NoError(t, err)
	product, err := st.CreateProduct(ctx, store.Product{ID: uuid.NewString(), Code: "P", Name: "灯箱", Unit: "月", ListPriceFen: 500})
	require.NoError(t, err)
	_, err = st.CreateCustomer(ctx, store.Customer{ID: "c-can", Name: "客户", Channel: "internet",
		OwnerID: u.ID, CollectedOn: "2026-11-20", CreatedBy: u.ID})
	require.NoError(t, err)
	return author, payload.ProposalDraft{Title: "t", Lines: []policy.Line{{ProductID: product.ID, Quantity: 1, UnitPriceFen: 400}}}
}
