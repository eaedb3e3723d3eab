package workflows

import (
	"fmt"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"salesflow/activities"
	"salesflow/policy"
	"salesflow/workflows/payload"
)

// stepRules is the contract's state as F2's rules of its steps read it
// (policy.ContractSteps), the rules the pages offer the steps by. Step and
// Approvals both count the round's approvals; both are zero until the first.
func (c *contract) stepRules() policy.ContractSteps {
	return policy.ContractSteps{Status: c.state.Status, Decided: c.state.Step + len(c.state.Approvals),
		HasServiceTerms: c.state.HasServiceTerms, Signed: c.state.Signed}
}

// authorStep refuses one of the author's steps (revise, submit, recall) by
// F2's rule.
func (c *contract) authorStep(step policy.Step, actor policy.Actor) error {
	switch c.stepRules().AuthorStep(step, actor.ID == c.in.Owner.ID) {
	case policy.StepNotAuthor:
		return temporal.NewApplicationError("only the contract's author may do this", ErrTypeForbidden)
	case policy.StepWrongState:
		return conflict(contractStateRefusals[step], c.state.Status)
	case policy.StepNoServiceTerms:
		return temporal.NewApplicationError("the contract states no service terms (R5.1)", ErrTypeNoServiceTerms)
	}
	return nil
}

// contractStateRefusals say, of each author's step, which states take it.
var contractStateRefusals = map[policy.Step]string{
	policy.StepRevise: "contract is %s; only a draft or a contract being revised can be revised",
	policy.StepSubmit: "contract is %s; only a draft or a contract being revised can be submitted",
	policy.StepRecall: "contract is %s; it can be recalled only while no one has decided",
}

func (c *contract) validateRevise(ctx workflow.Context, req ContractReviseRequest) error {
	if err := c.authorStep(policy.StepRevise, req.Actor); err != nil {
		return err
	}
	problems, empty := policy.CheckLines(req.Draft.Lines)
	if empty || len(problems) > 0 || !req.Draft.ServiceTerms.Valid() {
		return temporal.NewApplicationError("invalid contract content", ErrTypeInvalid)
	}
	return nil
}

// revise keeps a new version; the activity voids every earlier approval, so
// none counts for the new content.
func (c *contract) revise(ctx workflow.Context, req ContractReviseRequest) (ContractState, error) {
	recheck := func(ctx workflow.Context) error { return c.validateRevise(ctx, req) }
	return c.step(ctx, recheck, func(ctx workflow.Context, key string) error {
		in := activities.ReviseContractInput{ContractID: c.in.ContractID, StepKey: key, Actor: req.Actor,
			Version: c.state.Version + 1, Draft: req.Draft}
		var head payload.ContractHead
		if err := runStep(ctx, a.ReviseContract, in).Get(ctx, &head); err != nil {
			return err
		}
		c.applyHead(head)
		c.state.Approvals = nil
		return nil
	})
}

func (c *contract) validateSubmit(ctx workflow.Context, req SubmitRequest) error {
	return c.authorStep(policy.StepSubmit, req.Actor)
}

// submit opens a new approval round: the activity judges the contract
// major or not (R5.3) and opens the first step's task.
func (c *contract) submit(ctx workflow.Context, req SubmitRequest) (ContractState, error) {
	recheck := func(ctx workflow.Context) error { return c.validateSubmit(ctx, req) }
	return c.step(ctx, recheck, func(ctx workflow.Context, key string) error {
		round := c.state.Round + 1
		taskID := c.taskID(round, 1)
		d, err := c.deadlines(ctx, workflow.Now(ctx))
		if err != nil {
			return err
		}
		in := activities.OpenApprovalInput{ContractID: c.in.ContractID, WorkflowID: c.workflowID(ctx), StepKey: key,
			TaskID: taskID, Round: round, Version: c.state.Version, Author: req.Actor, DueAt: d.remind}
		var r payload.ApprovalRound
		if err := runStep(ctx, a.OpenApproval, in).Get(ctx, &r); err != nil {
			return err
		}
		c.state.Round, c.state.Status, c.state.Major, c.state.Required = round, policy.ContractInApproval, r.Major, r.Required
		c.state.Step, c.state.OpenTaskID, c.state.EscalatedTo, c.state.Approvals = 0, taskID, "", nil
		c.watchStep(taskID, r.Required[0], d)
		return nil
	})
}

func (c *contract) taskID(round, step int) string {
	return fmt.Sprintf("%s-approval-%d-%d", c.in.ContractID, round, step)
}

// currentStep is the approval step the open task stands for.
// currentStep is the open approval step; with separated set, the people
// who approved the round's earlier steps may not decide it.
func (c *contract) currentStep(separated bool) policy.ApprovalStep {
	step := policy.ApprovalStep{Role: c.state.Required[c.state.Step], AuthorID: c.in.Owner.ID, EscalatedTo: c.state.EscalatedTo}
	if separated {
		for _, a := range c.state.Approvals {
			step.PriorApprovers = append(step.PriorApprovers, a.DecidedBy)
			if a.OnBehalfOf != "" {
				step.PriorApprovers = append(step.PriorApprovers, a.OnBehalfOf)
			}
		}
	}
	return step
}

// validateDecide refuses a decision without touching history: not the open
// task, the author, the wrong role, a person who already approved this
// round, or a malformed decision.
func (c *contract) validateDecide(ctx workflow.Context, req ContractDecideRequest) error {
	return c.checkDecide(req, true)
}

// separatedDuties reports, inside the decide handler, whether this run
// enforces separation of duties: runs whose decisions were recorded before
// the rule existed replay as they ran.
func separatedDuties(ctx workflow.Context) bool {
	return workflow.GetVersion(ctx, "separation-of-duties", workflow.DefaultVersion, 1) == 1
}

func (c *contract) checkDecide(req ContractDecideRequest, separated bool) error {
	if c.state.Status != policy.ContractInApproval || req.TaskID == "" || req.TaskID != c.state.OpenTaskID {
		return conflict("task %s is not open for decision", req.TaskID)
	}
	if err := refusal(c.currentStep(separated).CanDecide(req.Actor, req.OnBehalfOf)); err != nil {
		return err
	}
	if req.Decision != DecisionApprove && req.Decision != DecisionReject {
		return temporal.NewApplicationError("decision must be approve or reject", ErrTypeInvalid)
	}
	if req.Decision == DecisionReject && req.Comment == "" {
		return temporal.NewApplicationError("a rejection needs a comment for the author", ErrTypeInvalid)
	}
	return nil
}

// refusal maps a policy refusal to the validator's error.
func refusal(r policy.ApprovalRefusal) error {
	switch {
	case r == policy.ApprovalSelf:
		return temporal.NewApplicationError("the author cannot approve or sign their own contract", ErrTypeSelfReview)
	case r == policy.ApprovalSeparated:
		return temporal.NewApplicationError("each approval of a round needs another person: you already approved an earlier step", ErrTypeForbidden)
	case !r.Permitted():
		return temporal.NewApplicationError("this step needs another role", ErrTypeForbidden)
	}
	return nil
}

// behalf is the delegator recorded with a decision or signature, when the
// actor acts through a delegation.
func behalf(step policy.ApprovalStep, actor policy.Actor, onBehalfOf *policy.Actor) string {
	if step.CanDecide(actor, onBehalfOf) == policy.ApprovalDelegated {
		return onBehalfOf.ID
	}
	return ""
}

// decide records one approval step. An approval moves to the next required
// role or, after the last, to approved with the signing document issued;
// a rejection sends the contract back to revising.
func (c *contract) decide(ctx workflow.Context, req ContractDecideRequest) (ContractState, error) {
	recheck := func(ctx workflow.Context) error { return c.checkDecide(req, separatedDuties(ctx)) }
	return c.step(ctx, recheck, func(ctx workflow.Context, key string) error {
		step := c.currentStep(false)
		in := activities.ApprovalDecisionInput{ContractID: c.in.ContractID, WorkflowID: c.workflowID(ctx), StepKey: key,
			TaskID: req.TaskID, Version: c.state.Version, ContentHash: c.state.ContentHash, Round: c.state.Round,
			Role: step.Role, AuthorID: c.in.Owner.ID, Actor: req.Actor, OnBehalfOf: behalf(step, req.Actor, req.OnBehalfOf),
			Authority: string(step.CanDecide(req.Actor, req.OnBehalfOf)),
			Approve:   req.Decision == DecisionApprove, Comment: req.Comment, NewStatus: policy.ContractRevising}
		last := c.state.Step+1 == len(c.state.Required)
		var next stepDeadlines
		switch {
		case !in.Approve:
		case last:
			in.NewStatus = policy.ContractApproved
		default:
			d, err := c.deadlines(ctx, workflow.Now(ctx))
			if err != nil {
				return err
			}
			next = d
			in.NewStatus = policy.ContractInApproval
			in.Next = &activities.NextStep{TaskID: c.taskID(c.state.Round, c.state.Step+2), Role: c.state.Required[c.state.Step+1], DueAt: d.remind}
		}
		if err := runStep(ctx, a.RecordApprovalDecision, in).Get(ctx, nil); err != nil {
			return err
		}
		if in.NewStatus == policy.ContractApproved {
			if err := c.offerDropped(ctx, key); err != nil {
				return err
			}
		}
		c.stopWatch()
		c.state.Status, c.state.OpenTaskID, c.state.EscalatedTo, c.state.LastComment = in.NewStatus, "", "", req.Comment
		if in.Approve {
			c.state.Approvals = append(c.state.Approvals, ApprovalRecord{Role: step.Role, DecidedBy: req.Actor.ID,
				OnBehalfOf: in.OnBehalfOf, ContentHash: c.state.ContentHash})
		}
		return c.afterDecision(ctx, key, in.Next, next)
	})
}

// afterDecision opens the watch on the next step, or issues the signing
// document once the last approval is in.
func (c *contract) afterDecision(ctx workflow.Context, key string, next *activities.NextStep, d stepDeadlines) error {
	switch {
	case next != nil:
		c.state.Step++
		c.state.OpenTaskID = next.TaskID
		c.watchStep(next.TaskID, next.Role, d)
	case c.state.Status == policy.ContractApproved:
		return c.issueDocument(ctx, key)
	}
	return nil
}
