package workflows

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/testsuite"
	"go.temporal.io/sdk/workflow"

	"salesflow/activities"
	"salesflow/policy"
	"salesflow/workflows/payload"
)

var (
	author   = policy.Actor{ID: "u-author", Name: "张三", Roles: []string{"salesperson"}}
	manager  = policy.Actor{ID: "u-manager", Name: "王经理", Roles: []string{"sales_manager"}}
	reviewer = policy.Actor{ID: "u-reviewer", Name: "赵评审", Roles: []string{"reviewer"}}
	stranger = policy.Actor{ID: "u-other", Name: "李四", Roles: []string{"salesperson"}}
)

func sampleDraft(title string) payload.ProposalDraft {
	return payload.ProposalDraft{Title: title, Body: "body",
		Lines: []policy.Line{{ProductID: "p1", Quantity: 2, UnitPriceFen: 10000}}}
}

// proposalEnv is a test workflow environment with every activity mocked
// to succeed; tests inspect what the workflow asked the activities to do.
type proposalEnv struct {
	t         *testing.T
	env       *testsuite.TestWorkflowEnvironment
	seq       time.Duration
	reviews   []activities.OpenReviewInput
	contracts []ContractInput
	revise    func(activities.ReviseProposalInput) (int, error) // nil: stores in.Version
	// reviseBound is the ScheduleToClose the last revise ran under.
	reviseBound time.Duration
	// hold answers each submission's HoldLines (nil: nothing to hold);
	// holds and releases record what the workflow asked.
	hold     func(activities.HoldLinesInput) (payload.HoldOutcome, error)
	holds    []activities.HoldLinesInput
	releases []activities.ReleaseHoldsInput
	watches  []HoldInput
	offered  []WaitlistInput
}

func newProposalEnv(t *testing.T) *proposalEnv {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	p := &proposalEnv{t: t, env: env}
	// Working days are counted by the real activity on the statutory
	// calendar; the rest is mocked.
	env.RegisterActivity(&activities.Activities{Calendar: policy.ChinaCalendar{}})
	env.OnActivity(a.CreateProposal, mock.Anything, mock.Anything).Return(nil)
	env.OnActivity(a.ReviseProposal, mock.Anything, mock.Anything).Return(
		func(ctx context.Context, in activities.ReviseProposalInput) (int, error) {
			p.reviseBound = activity.GetInfo(ctx).ScheduleToCloseTimeout
			if p.revise != nil {
				return p.revise(in)
			}
			return in.Version, nil
		})
	env.OnActivity(a.OpenReview, mock.Anything, mock.Anything).Return(
		func(_ context.Context, in activities.OpenReviewInput) (policy.ReviewAssignment, error) {
			p.reviews = append(p.reviews, in)
			return policy.ReviewAssignment{AuthorID: in.Author.ID, ManagerID: manager.ID}, nil
		})
	env.OnActivity(a.RecordReviewDecision, mock.Anything, mock.Anything).Return(nil)
	env.OnActivity(a.RecordCustomerResponse, mock.Anything, mock.Anything).Return(nil)
	p.mockHolds()
	// The contract loop is a child workflow with tests of its own; here it
	// only has to be started with the accepted version.
	env.RegisterWorkflow(ContractWorkflow)
	env.OnWorkflow(ContractWorkflow, mock.Anything, mock.Anything).Return(
		func(_ workflow.Context, in ContractInput) (ContractResult, error) {
			p.contracts = append(p.contracts, in)
			return ContractResult{ContractID: in.ContractID}, nil
		})
	return p
}

// mockHolds answers the hold steps (issue 13) and records the watches and
// waiting-list offers started, whose workflows have tests of their own.
func (p *proposalEnv) mockHolds() {
	p.env.OnActivity(a.HoldLines, mock.Anything, mock.Anything).Return(
		func(_ context.Context, in activities.HoldLinesInput) (payload.HoldOutcome, error) {
			p.holds = append(p.holds, in)
			if p.hold != nil {
				return p.hold(in)
			}
			return payload.HoldOutcome{}, nil
		})
	p.env.OnActivity(a.ReleaseHolds, mock.Anything, mock.Anything).Return(
		func(_ context.Context, in activities.ReleaseHoldsInput) ([]string, error) {
			p.releases = append(p.releases, in)
			return []string{in.ProposalID + "/released-" + in.Reason}, nil
		})
	p.env.RegisterWorkflow(HoldWorkflow)
	p.env.OnWorkflow(HoldWorkflow, mock.Anything, mock.Anything).Return(
		func(_ workflow.Context, in HoldInput) (HoldState, error) {
			p.watches = append(p.watches, in)
			return HoldState{ProposalID: in.ProposalID, Status: HoldEnded}, nil
		})
	p.env.RegisterWorkflow(WaitlistWorkflow)
	p.env.OnWorkflow(WaitlistWorkflow, mock.Anything, mock.Anything).Return(
		func(_ workflow.Context, in WaitlistInput) (WaitlistResult, error) {
			p.offered = append(p.offered, in)
			return WaitlistResult{}, nil
		})
}

// outcome is what one Update produced.
type outcome struct {
	rejected error
	err      error
	state    ProposalState
}

// update schedules an Update one simulated minute after the previous one
// and records its outcome in *out.
func (p *proposalEnv) update(name string, arg any, out *outcome) {
	p.seq += time.Minute
	scheduleUpdate(p.env, p.seq, name, name+"-"+p.seq.String(), arg, out)
}

// scheduleUpdate sends the proposal Update name with ID id at simulated
// time at and records its outcome in *out.
func scheduleUpdate(env *testsuite.TestWorkflowEnvironment, at time.Duration, name, id string, arg any, out *outcome) {
	env.RegisterDelayedCallback(func() {
		env.UpdateWorkflow(name, id, &testsuite.TestUpdateCallback{
			OnAccept: func() {},
			OnReject: func(err error) { out.rejected = err },
			OnComplete: func(v any, err error) {
				out.err = err
				if s, ok := v.(ProposalState); ok {
					out.state = s
				}
			},
		}, arg)
	}, at)
}

func (p *proposalEnv) run() {
	p.env.ExecuteWorkflow(ProposalWorkflow, ProposalInput{ProposalID: "p-1", CustomerID: "c-1",
		Owner: author, Draft: sampleDraft("v1")})
}

func TestProposalFullLoop(t *testing.T) {
	p := newProposalEnv(t)
	var sub1, rej, rev, sub2, appr, decl, rev2, sub3, appr2, acc outcome
	p.update(UpdateProposalSubmit, SubmitRequest{Actor: author}, &sub1)
	p.update(UpdateProposalDecide, DecideRequest{Actor: manager, TaskID: "p-1-review-1", Decision: DecisionReject, Comment: "太贵"}, &rej)
	p.update(UpdateProposalRevise, ReviseRequest{Actor: author, Draft: sampleDraft("v2")}, &rev)
	p.update(UpdateProposalSubmit, SubmitRequest{Actor: author}, &sub2)
	p.update(UpdateProposalDecide, DecideRequest{Actor: reviewer, TaskID: "p-1-review-2", Decision: DecisionApprove}, &appr)
	p.update(UpdateProposalResponse, CustomerResponseRequest{Actor: author, Accepted: false, Note: "预算不够", Paper: true}, &decl)
	p.update(UpdateProposalRevise, ReviseRequest{Actor: author, Draft: sampleDraft("v3")}, &rev2)
	p.update(UpdateProposalSubmit, SubmitRequest{Actor: author}, &sub3)
	p.update(UpdateProposalDecide, DecideRequest{Actor: manager, TaskID: "p-1-review-3", Decision: DecisionApprove}, &appr2)
	p.update(UpdateProposalResponse, CustomerResponseRequest{Actor: author, Accepted: true, Paper: true}, &acc)
	p.run()

	require.True(t, p.env.IsWorkflowCompleted())
	require.NoError(t, p.env.GetWorkflowError())
	var result ProposalResult
	require.NoError(t, p.env.GetWorkflowResult(&result))
	require.Equal(t, ProposalResult{ProposalID: "p-1", Version: 3, ContractID: ContractIDFor("p-1")}, result)
	// F2 starts from the accepted version as a child workflow.
	require.Len(t, p.contracts, 1)
	require.Equal(t, ContractInput{ContractID: ContractIDFor("p-1"), ProposalID: "p-1", ProposalVersion: 3,
		CustomerID: "c-1", Owner: author}, p.contracts[0])

	steps := []struct {
		name   string
		out    outcome
		status policy.ProposalStatus
	}{
		{"submit", sub1, policy.ProposalInReview}, {"reject", rej, policy.ProposalRevising},
		{"revise", rev, policy.ProposalRevising}, {"resubmit", sub2, policy.ProposalInReview},
		{"approve", appr, policy.ProposalApproved}, {"decline", decl, policy.ProposalRevising},
		{"revise again", rev2, policy.ProposalRevising}, {"submit again", sub3, policy.ProposalInReview},
		{"approve again", appr2, policy.ProposalApproved}, {"accept", acc, policy.ProposalAccepted},
	}
	for _, s := range steps {
		require.NoError(t, s.out.rejected, s.name)
		require.NoError(t, s.out.err, s.name)
		require.Equal(t, s.status, s.out.state.Status, s.name)
	}
	require.Equal(t, "太贵", rej.state.LastComment)
	require.Equal(t, 2, rev.state.Version)
	p.env.AssertActivityNumberOfCalls(t, "OpenReview", 3)
	p.env.AssertActivityNumberOfCalls(t, "ReviseProposal", 2)
	p.env.AssertActivityNumberOfCalls(t, "CreateProposal", 1)
}

func TestProposalValidatorsRefuseWithoutTouchingHistory(t *testing.T) {
	p := newProposalEnv(t)
	var self, strangerDecide, strangerSubmit, early, sub, badDecision, noComment, wrongTask, response, revise, done outcome
	p.update(UpdateProposalDecide, DecideRequest{Actor: manager, TaskID: "p-1-review-1", Decision: DecisionApprove}, &early)
	p.update(UpdateProposalSubmit, SubmitRequest{Actor: stranger}, &strangerSubmit)
	p.update(UpdateProposalSubmit, SubmitRequest{Actor: author}, &sub)
	p.update(UpdateProposalDecide, DecideRequest{Actor: author, TaskID: "p-1-review-1", Decision: DecisionApprove}, &self)
	p.update(UpdateProposalDecide, DecideRequest{Actor: stranger, TaskID: "p-1-review-1", Decision: DecisionApprove}, &strangerDecide)
	p.update(UpdateProposalDecide, DecideRequest{Actor: manager, TaskID: "p-1-review-1", Decision: "maybe"}, &badDecision)
	p.update(UpdateProposalDecide, DecideRequest{Actor: manager, TaskID: "p-1-review-1", Decision: DecisionReject}, &noComment)
	p.update(UpdateProposalDecide, DecideRequest{Actor: manager, TaskID: "p-1-review-9", Decision: DecisionApprove}, &wrongTask)
	p.update(UpdateProposalResponse, CustomerResponseRequest{Actor: author, Accepted: true, Paper: true}, &response)
	p.update(UpdateProposalRevise, ReviseRequest{Actor: author, Draft: sampleDraft("in review")}, &revise)
	p.update(UpdateProposalDecide, DecideRequest{Actor: manager, TaskID: "p-1-review-1", Decision: DecisionApprove}, &done)
	p.env.RegisterDelayedCallback(func() { p.env.CancelWorkflow() }, time.Hour)
	p.run()

	for name, o := range map[string]outcome{"decide before submit": early, "stranger submits": strangerSubmit,
		"self review": self, "stranger decides": strangerDecide, "bad decision": badDecision,
		"reject without comment": noComment, "wrong task": wrongTask, "response before approval": response,
		"revise in review": revise} {
		require.Error(t, o.rejected, name)
	}
	require.ErrorContains(t, self.rejected, "own proposal")
	require.NoError(t, sub.rejected)
	require.NoError(t, done.rejected)
	require.Equal(t, policy.ProposalApproved, done.state.Status)
	// Only the accepted submit and decision reached the activities.
	p.env.AssertActivityNumberOfCalls(t, "OpenReview", 1)
	p.env.AssertActivityNumberOfCalls(t, "RecordReviewDecision", 1)
	p.env.AssertActivityNumberOfCalls(t, "RecordCustomerResponse", 0)
}

func TestProposalInvalidRevisionRefused(t *testing.T) {
	p := newProposalEnv(t)
	var empty, negative outcome
	p.update(UpdateProposalRevise, ReviseRequest{Actor: author, Draft: payload.ProposalDraft{Title: "x"}}, &empty)
	bad := sampleDraft("neg")
	bad.Lines[0].UnitPriceFen = -1
	p.update(UpdateProposalRevise, ReviseRequest{Actor: author, Draft: bad}, &negative)
	p.env.RegisterDelayedCallback(func() { p.env.CancelWorkflow() }, time.Hour)
	p.run()
	require.Error(t, empty.rejected)
	require.Error(t, negative.rejected)
	p.env.AssertActivityNumberOfCalls(t, "ReviseProposal", 0)
}

func TestProposalReviewTaskDueInWorkingDays(t *testing.T) {
	p := newProposalEnv(t)
	// Friday 2026-11-27 10:00 Shanghai: one working day later is Monday.
	start := time.Date(2026, 11, 27, 10, 0, 0, 0, policy.Shanghai)
	p.env.SetStartTime(start)
	got := p.submitOnce()
	require.Equal(t, time.Monday, got.DueAt.In(policy.Shanghai).Weekday())
	require.Equal(t, "p-1-review-1", got.TaskID)
}

// TestProposalReviewDueSkipsStatutoryHolidays: a review submitted on the eve
// of National Day 2025 (1–8 October off) is due on the 9th.
func TestProposalReviewDueSkipsStatutoryHolidays(t *testing.T) {
	p := newProposalEnv(t)
	p.env.SetStartTime(time.Date(2025, 9, 30, 10, 0, 0, 0, policy.Shanghai))
	due := p.submitOnce().DueAt.In(policy.Shanghai)
	require.Equal(t, "2025-10-09", due.Format(time.DateOnly))
}

// submitOnce runs the proposal with one submit and returns the review it
// opened.
func (p *proposalEnv) submitOnce() activities.OpenReviewInput {
	p.t.Helper()
	var sub outcome
	p.update(UpdateProposalSubmit, SubmitRequest{Actor: author}, &sub)
	p.env.RegisterDelayedCallback(func() { p.env.CancelWorkflow() }, time.Hour)
	p.run()
	require.NoError(p.t, sub.err)
	require.Len(p.t, p.reviews, 1)
	return p.reviews[0]
}
