package workflows

import (
	"slices"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"salesflow/activities"
	"salesflow/policy"
)

func (c *contract) validateRecall(ctx workflow.Context, req RecallRequest) error {
	if err := c.checkAuthor(req.Actor); err != nil {
		return err
	}
	if c.state.Status != policy.ContractInApproval || c.state.Step != 0 || len(c.state.Approvals) > 0 {
		return conflict("contract is %s; it can be recalled only while no one has decided", c.state.Status)
	}
	return nil
}

// recall takes a submitted contract back to revising (撤回) before anyone
// decided; the open task is withdrawn.
func (c *contract) recall(ctx workflow.Context, req RecallRequest) (ContractState, error) {
	recheck := func(ctx workflow.Context) error { return c.validateRecall(ctx, req) }
	return c.step(ctx, recheck, func(ctx workflow.Context, key string) error {
		in := activities.RecallInput{ContractID: c.in.ContractID, StepKey: key, TaskID: c.state.OpenTaskID, Actor: req.Actor}
		if err := workflow.ExecuteActivity(ctx, a.RecallContract, in).Get(ctx, nil); err != nil {
			return err
		}
		c.stopWatch()
		c.state.Status, c.state.OpenTaskID, c.state.EscalatedTo = policy.ContractRevising, "", ""
		return nil
	})
}

func (c *contract) validateSign(ctx workflow.Context, req SignRequest) error {
	if c.state.Status != policy.ContractApproved {
		return conflict("contract is %s; it can be signed only after every approval", c.state.Status)
	}
	if slices.Contains(c.state.Signed, req.SignerRole) {
		return conflict("the %s has signed already", req.SignerRole)
	}
	switch req.SignerRole {
	case policy.SignerCompany:
		return refusal(c.companySigner().CanDecide(req.Actor, req.OnBehalfOf))
	case policy.SignerCustomer:
		if req.Actor.ID != c.in.Owner.ID {
			return temporal.NewApplicationError("the customer's signature is recorded by the contract's owner", ErrTypeForbidden)
		}
		if req.SignatoryName == "" {
			return temporal.NewApplicationError("the customer signatory's name is required", ErrTypeInvalid)
		}
		return nil
	}
	return temporal.NewApplicationError("signer_role must be company or customer", ErrTypeInvalid)
}

// companySigner is who may sign for the company: a company approver or
// their delegate, never the author (R5.2, R5.5).
func (c *contract) companySigner() policy.ApprovalStep {
	return policy.ApprovalStep{Role: policy.RoleCompanyApprover, AuthorID: c.in.Owner.ID}
}

// sign records one party's signature; with both the contract is signed.
func (c *contract) sign(ctx workflow.Context, req SignRequest) (ContractState, error) {
	recheck := func(ctx workflow.Context) error { return c.validateSign(ctx, req) }
	return c.step(ctx, recheck, func(ctx workflow.Context, key string) error {
		in := activities.SignContractInput{ContractID: c.in.ContractID, StepKey: key, SignerRole: req.SignerRole,
			Actor: req.Actor, SignatoryName: req.SignatoryName, Completes: len(c.state.Signed) == 1}
		if req.SignerRole == policy.SignerCompany {
			in.OnBehalfOf = behalf(c.companySigner(), req.Actor, req.OnBehalfOf)
		}
		if err := workflow.ExecuteActivity(ctx, a.SignContract, in).Get(ctx, nil); err != nil {
			return err
		}
		c.state.Signed = append(c.state.Signed, req.SignerRole)
		if in.Completes {
			c.state.Status = policy.ContractSigned
		}
		return nil
	})
}
