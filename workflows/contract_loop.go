package workflows

import (
	"go.temporal.io/sdk/workflow"

	"salesflow/activities"
	"salesflow/policy"
	"salesflow/workflows/payload"
)

// ContractResult is what a finished contract workflow returns.
type ContractResult struct {
	ContractID string `json:"contract_id"`
}

// ContractWorkflow drives one contract through the loop of Figure 2 (F2):
// draft/revise → approval (director first when major, R5.3; then the
// company, R5.2) → (rejected or recalled → revise | approved → signatures)
// → signed by both parties (R5.5). It is started as a child of the proposal
// workflow when the customer accepts; every step is an Update from a person,
// and each waiting approval step reminds and then escalates on timers.
func ContractWorkflow(ctx workflow.Context, in ContractInput) (ContractResult, error) {
	c, err := setupContract(ctx, in)
	if err != nil {
		return ContractResult{}, err
	}
	return c.run(ctx)
}

// contract is the workflow's state and its handlers.
type contract struct {
	in          ContractInput
	state       ContractState
	failed      error
	steps       *stepper
	root        workflow.Context
	cancelWatch workflow.CancelFunc
	issuing     bool // the signing document is being issued (contract_sign.go)
}

// setupContract builds the state and registers the query and updates
// before the workflow first blocks.
func setupContract(ctx workflow.Context, in ContractInput) (*contract, error) {
	c := &contract{in: in, root: ctx, state: ContractState{ContractID: in.ContractID, Status: policy.ContractDrafting}}
	c.steps = newStepper(ctx, func() bool { return c.state.Drafted }, func() string { return string(c.state.Status) })
	if err := workflow.SetQueryHandler(ctx, QueryContractState, func() (ContractState, error) {
		return c.state, nil
	}); err != nil {
		return nil, err
	}
	err := registerUpdates(ctx, []updateHandler{
		{UpdateContractDrafted, c.awaitDrafted, nil},
		{UpdateContractRevise, c.revise, c.validateRevise},
		{UpdateContractSubmit, c.submit, c.validateSubmit},
		{UpdateContractDecide, c.decide, c.validateDecide},
		{UpdateContractRecall, c.recall, c.validateRecall},
		{UpdateContractSign, c.sign, c.validateSign},
	})
	return c, err
}

// run drafts version 1 from the accepted proposal, then waits until both
// parties have signed.
func (c *contract) run(ctx workflow.Context) (ContractResult, error) {
	ctx = withActivityOptions(ctx)
	err := c.steps.locked(ctx, func() error {
		in := activities.DraftContractInput{ContractID: c.in.ContractID, WorkflowID: c.workflowID(ctx),
			ProposalID: c.in.ProposalID, ProposalVersion: c.in.ProposalVersion, Owner: c.in.Owner}
		var head payload.ContractHead
		if err := workflow.ExecuteActivity(ctx, a.DraftContract, in).Get(ctx, &head); err != nil {
			return err
		}
		c.applyHead(head)
		c.state.Drafted = true
		return nil
	})
	if err != nil {
		c.failed = err
		return ContractResult{}, err
	}
	c.steps.publish(ctx)
	if err := workflow.Await(ctx, func() bool { return c.state.Status == policy.ContractSigned }); err != nil {
		return ContractResult{}, err
	}
	if err := workflow.Await(ctx, func() bool { return workflow.AllHandlersFinished(ctx) }); err != nil {
		return ContractResult{}, err
	}
	c.stopWatch()
	return ContractResult{ContractID: c.in.ContractID}, nil
}

// awaitDrafted answers once version 1 is stored, so the API can read the
// contract back from PostgreSQL.
func (c *contract) awaitDrafted(ctx workflow.Context) (ContractState, error) {
	if err := workflow.Await(ctx, func() bool { return c.state.Drafted || c.failed != nil }); err != nil {
		return ContractState{}, err
	}
	return c.state, c.failed
}

func (c *contract) applyHead(h payload.ContractHead) {
	c.state.Version, c.state.ContentHash, c.state.HasServiceTerms = h.Version, h.ContentHash, h.HasServiceTerms
}

// step runs one human step (see stepper) and answers with the new state.
func (c *contract) step(ctx workflow.Context, recheck func(workflow.Context) error, write func(workflow.Context, string) error) (ContractState, error) {
	if err := c.steps.run(ctx, recheck, write); err != nil {
		return ContractState{}, err
	}
	return c.state, nil
}

func (c *contract) workflowID(ctx workflow.Context) string {
	return workflow.GetInfo(ctx).WorkflowExecution.ID
}
