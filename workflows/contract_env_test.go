package workflows

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"
	"go.temporal.io/sdk/workflow"

	"salesflow/activities"
	"salesflow/policy"
	"salesflow/workflows/payload"
)

var (
	director = policy.Actor{ID: "u-director", Name: "钱总监", Roles: []string{"marketing_director"}}
	approver = policy.Actor{ID: "u-approver", Name: "孙审批", Roles: []string{"company_approver"}}
	deputy   = policy.Actor{ID: "u-deputy", Name: "周代理", Roles: []string{"salesperson"}}
	boss     = policy.Actor{ID: "u-boss", Name: "吴经理", Roles: []string{"sales_manager"}}
)

// contractEnv runs ContractWorkflow with every activity mocked; it records
// what the workflow asked the activities to do, and when.
type contractEnv struct {
	t         *testing.T
	env       *testsuite.TestWorkflowEnvironment
	seq       time.Duration
	major     bool
	decisions []activities.ApprovalDecisionInput
	signs     []activities.SignContractInput
	reminded  []time.Time
	escalated []time.Time
	// released answers ClaimsReleasedBy (issue 13): claims a step let go;
	// offered records the waiting lists started for them.
	released []string
	offered  []WaitlistInput
	// documentFails is how many attempts to issue the signing document fail
	// (as without a PDF font) before one succeeds; documentFinal makes the
	// failures non-retryable, as the missing font was before issue 9.
	documentFails int
	documentFinal bool
}

func newContractEnv(t *testing.T) *contractEnv {
	var s testsuite.WorkflowTestSuite
	c := &contractEnv{t: t, env: s.NewTestWorkflowEnvironment()}
	env := c.env
	// Working days are counted by the real activity on the statutory
	// calendar; the rest is mocked.
	env.RegisterActivity(&activities.Activities{Calendar: policy.ChinaCalendar{}})
	env.OnActivity(a.DraftContract, mock.Anything, mock.Anything).Return(payload.ContractHead{Version: 1, ContentHash: "h1"}, nil)
	env.OnActivity(a.ReviseContract, mock.Anything, mock.Anything).Return(
		func(_ context.Context, in activities.ReviseContractInput) (payload.ContractHead, error) {
			return payload.ContractHead{Version: in.Version, ContentHash: "h" + string(rune('0'+in.Version)),
				HasServiceTerms: in.Draft.ServiceTerms.Stated()}, nil
		})
	env.OnActivity(a.OpenApproval, mock.Anything, mock.Anything).Return(
		func(context.Context, activities.OpenApprovalInput) (payload.ApprovalRound, error) {
			return payload.ApprovalRound{Major: c.major, Required: policy.RequiredApprovals(c.major)}, nil
		})
	env.OnActivity(a.RecordApprovalDecision, mock.Anything, mock.Anything).Return(
		func(_ context.Context, in activities.ApprovalDecisionInput) error {
			c.decisions = append(c.decisions, in)
			return nil
		})
	env.OnActivity(a.RecallContract, mock.Anything, mock.Anything).Return(nil)
	env.OnActivity(a.PrepareSigningDocument, mock.Anything, mock.Anything).Return(
		func(context.Context, activities.SigningDocumentInput) (string, error) {
			if c.documentFails > 0 {
				c.documentFails--
				if c.documentFinal {
					return "", temporal.NewNonRetryableApplicationError("no PDF font configured", activities.ErrTypeNotConfigured, nil)
				}
				return "", temporal.NewApplicationError("no PDF font configured", activities.ErrTypeNotConfigured)
			}
			return "sha", nil
		})
	env.OnActivity(a.SignContract, mock.Anything, mock.Anything).Return(
		func(_ context.Context, in activities.SignContractInput) error {
			c.signs = append(c.signs, in)
			return nil
		})
	env.OnActivity(a.RemindApprover, mock.Anything, mock.Anything).Return(
		func(context.Context, activities.WaitingStepInput) error {
			c.reminded = append(c.reminded, env.Now())
			return nil
		})
	env.OnActivity(a.EscalateApproval, mock.Anything, mock.Anything).Return(
		func(context.Context, activities.WaitingStepInput) (string, error) {
			c.escalated = append(c.escalated, env.Now())
			return boss.ID, nil
		})
	env.OnActivity(a.ClaimsReleasedBy, mock.Anything, mock.Anything).Return(
		func(context.Context, string) ([]string, error) {
			out := c.released
			c.released = nil
			return out, nil
		})
	env.RegisterWorkflow(WaitlistWorkflow)
	env.OnWorkflow(WaitlistWorkflow, mock.Anything, mock.Anything).Return(
		func(_ workflow.Context, in WaitlistInput) (WaitlistResult, error) {
			c.offered = append(c.offered, in)
			return WaitlistResult{}, nil
		})
	return c
}

// result is what one Update produced.
type result struct {
	rejected error
	err      error
	state    ContractState
}

// update schedules an Update one simulated minute after the previous one.
func (c *contractEnv) update(name string, arg any, out *result) {
	c.at(time.Minute, name, arg, out)
}

// at schedules an Update after the previous one by gap.
func (c *contractEnv) at(gap time.Duration, name string, arg any, out *result) {
	c.seq += gap
	id := name + "-" + c.seq.String()
	c.env.RegisterDelayedCallback(func() {
		c.env.UpdateWorkflow(name, id, &testsuite.TestUpdateCallback{
			OnAccept: func() {},
			OnReject: func(err error) { out.rejected = err },
			OnComplete: func(v any, err error) {
				out.err = err
				if s, ok := v.(ContractState); ok {
					out.state = s
				}
			},
		}, arg)
	}, c.seq)
}

// cancelAfter ends a run that is not meant to reach signed.
func (c *contractEnv) cancelAfter(d time.Duration) {
	c.env.RegisterDelayedCallback(func() { c.env.CancelWorkflow() }, c.seq+d)
}

func (c *contractEnv) run(timing ContractTiming) {
	c.env.ExecuteWorkflow(ContractWorkflow, ContractInput{ContractID: "k-1", ProposalID: "p-1", ProposalVersion: 3,
		CustomerID: "c-1", Owner: author, Timing: timing})
}

func terms(free int) payload.ContractDraft {
	return payload.ContractDraft{Lines: []policy.Line{{ProductID: "p1", Quantity: 1, UnitPriceFen: 100}},
		ServiceTerms: policy.ServiceTerms{FreeRevisions: &free}, StartsOn: "2026-12-01", EndsOn: "2027-11-30"}
}

func decide(actor policy.Actor, task, decision, comment string) ContractDecideRequest {
	return ContractDecideRequest{Actor: actor, TaskID: task, Decision: decision, Comment: comment}
}
