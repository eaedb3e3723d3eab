package workflows

import (
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"salesflow/policy"
)

// versionContractWithResponse marks runs whose acceptance Update answers
// only once the contract's workflow has started, with its ID, so the API
// waits on the contract's own "drafted" Update instead of polling for a
// workflow that does not exist yet. Older runs started the contract after
// every handler had finished.
const versionContractWithResponse = "contract-with-response"

// awaitContractStart holds the acceptance's answer until the contract loop
// (F2) has started, so the person who recorded the acceptance gets the
// contract's ID at once.
func (p *proposal) awaitContractStart(ctx workflow.Context) error {
	if workflow.GetVersion(ctx, versionContractWithResponse, workflow.DefaultVersion, 1) == workflow.DefaultVersion {
		return nil
	}
	if err := workflow.Await(ctx, func() bool { return p.contractStarted }); err != nil {
		return err
	}
	p.state.ContractID = ContractIDFor(p.state.ProposalID)
	return nil
}

// handOver ends an accepted proposal: it starts the contract loop (F2)
// drafted from the accepted version, lets every Update in flight finish and
// returns the accepted version.
func (p *proposal) handOver(ctx workflow.Context) (ProposalResult, error) {
	result := ProposalResult{ProposalID: p.state.ProposalID, Version: p.state.Version}
	if workflow.GetVersion(ctx, versionContractWithResponse, workflow.DefaultVersion, 1) == 1 {
		err := p.startContract(ctx)
		p.contractStarted = true
		if err := workflow.Await(ctx, func() bool { return workflow.AllHandlersFinished(ctx) }); err != nil {
			return ProposalResult{}, err
		}
		if err != nil {
			return ProposalResult{}, err
		}
		result.ContractID = ContractIDFor(p.state.ProposalID)
		return result, nil
	}
	if err := workflow.Await(ctx, func() bool { return workflow.AllHandlersFinished(ctx) }); err != nil {
		return ProposalResult{}, err
	}
	// Runs accepted before F2 existed completed here without a contract.
	if workflow.GetVersion(ctx, "start-contract", workflow.DefaultVersion, 1) == 1 {
		if err := p.startContract(ctx); err != nil {
			return ProposalResult{}, err
		}
		result.ContractID = ContractIDFor(p.state.ProposalID)
	}
	return result, nil
}

// startContract starts the contract loop (F2) as a child workflow drafted
// from the accepted version. The child is abandoned, not cancelled, when
// this workflow completes, and this workflow waits only until the child
// has started, so the whole story shows in the Temporal UI as parent and
// child.
func (p *proposal) startContract(ctx workflow.Context) error {
	id := ContractIDFor(p.state.ProposalID)
	opts := workflow.ChildWorkflowOptions{
		WorkflowID:            ContractWorkflowID(id),
		ParentClosePolicy:     enumspb.PARENT_CLOSE_POLICY_ABANDON,
		WorkflowIDReusePolicy: enumspb.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE,
		TypedSearchAttributes: temporal.NewSearchAttributes(
			temporal.NewSearchAttributeKeyKeyword(SearchAttrCustomerID).ValueSet(p.in.CustomerID),
			temporal.NewSearchAttributeKeyKeyword(SearchAttrOwnerID).ValueSet(p.in.Owner.ID),
			stageKey.ValueSet(string(policy.ContractDrafting))),
	}
	in := ContractInput{ContractID: id, ProposalID: p.state.ProposalID, ProposalVersion: p.state.Version,
		CustomerID: p.in.CustomerID, Owner: p.in.Owner, Timing: p.in.ContractTiming}
	child := workflow.ExecuteChildWorkflow(workflow.WithChildOptions(ctx, opts), ContractWorkflow, in)
	return child.GetChildWorkflowExecution().Get(ctx, nil)
}
