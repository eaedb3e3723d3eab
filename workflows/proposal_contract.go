package workflows

import (
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"salesflow/policy"
)

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
