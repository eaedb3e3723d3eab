package workflows

import (
	"fmt"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"salesflow/activities"
	"salesflow/policy"
)

// ReviewDueWorkingDays is how long a review task may wait before it shows as
// overdue in the inbox.
const ReviewDueWorkingDays = 1

var stageKey = temporal.NewSearchAttributeKeyKeyword(SearchAttrStage)

// a is the nil receiver used to name activity methods; the worker registers
// the real value.
var a *activities.Activities

// ProposalWorkflow drives one proposal through the loop of Figure 1 (F1):
// draft/revise → review → (rejected → revise | approved → customer) →
// (declined → revise | accepted → contract, F2). It ends when the customer
// accepts; every step is an Update from a person.
func ProposalWorkflow(ctx workflow.Context, in ProposalInput) (ProposalResult, error) {
	p, err := setupProposal(ctx, in)
	if err != nil {
		return ProposalResult{}, err
	}
	return p.run(ctx)
}

// proposal is the workflow's state and its handlers.
type proposal struct {
	in      ProposalInput
	state   ProposalState
	created bool
	failed  error
	steps   *stepper
	// contractStarted is set once the contract's child workflow has
	// started (or failed to), which the acceptance's handler waits for.
	contractStarted bool
}

// setupProposal builds the state and registers the query and updates before
// the workflow first blocks, so an Update sent with the start is handled.
func setupProposal(ctx workflow.Context, in ProposalInput) (*proposal, error) {
	p := &proposal{in: in, state: ProposalState{ProposalID: in.ProposalID, Status: policy.ProposalDraft, Version: 1}}
	p.steps = newStepper(ctx, func() bool { return p.created }, func() string { return string(p.state.Status) })
	if in.Resume != nil {
		p.state, p.created = *in.Resume, true
	}
	if err := workflow.SetQueryHandler(ctx, QueryProposalState, func() (ProposalState, error) {
		return p.state, nil
	}); err != nil {
		return nil, err
	}
	err := registerUpdates(ctx, []updateHandler{
		{UpdateProposalCreated, p.awaitCreated, nil},
		{UpdateProposalRevise, p.revise, p.validateRevise},
		{UpdateProposalSubmit, p.submit, p.validateSubmit},
		{UpdateProposalDecide, p.decide, p.validateDecide},
		{UpdateProposalResponse, p.customerResponse, p.validateCustomerResponse},
	})
	return p, err
}

// run stores version 1, then waits for the customer's acceptance. A long
// negotiation continues as new when the history grows large.
func (p *proposal) run(ctx workflow.Context) (ProposalResult, error) {
	ctx = withActivityOptions(ctx)
	if !p.created {
		err := p.steps.locked(withStepOptions(ctx), func() error {
			in := activities.CreateProposalInput{ProposalID: p.in.ProposalID, WorkflowID: workflow.GetInfo(ctx).WorkflowExecution.ID,
				CustomerID: p.in.CustomerID, Owner: p.in.Owner, Draft: p.in.Draft}
			return workflow.ExecuteActivity(ctx, a.CreateProposal, in).Get(ctx, nil)
		})
		if err != nil {
			p.failed = err
			return ProposalResult{}, err
		}
		p.created = true
		p.steps.publish(ctx)
	}
	err := workflow.Await(ctx, func() bool {
		return p.state.Status == policy.ProposalAccepted || workflow.GetInfo(ctx).GetContinueAsNewSuggested()
	})
	if err != nil {
		return ProposalResult{}, err
	}
	// Before continuing as new, the Updates in flight finish; one of them
	// may be the acceptance, whose handler waits for the contract (F2).
	err = workflow.Await(ctx, func() bool {
		return workflow.AllHandlersFinished(ctx) || p.state.Status == policy.ProposalAccepted
	})
	if err != nil {
		return ProposalResult{}, err
	}
	if p.state.Status == policy.ProposalAccepted {
		return p.handOver(ctx)
	}
	next := p.in
	next.Resume = &p.state
	return ProposalResult{}, workflow.NewContinueAsNewError(ctx, ProposalWorkflow, next)
}

// awaitCreated answers once version 1 is stored, so the API can reply 201
// with a proposal that reads back from PostgreSQL.
func (p *proposal) awaitCreated(ctx workflow.Context) (ProposalState, error) {
	if err := workflow.Await(ctx, func() bool { return p.created || p.failed != nil }); err != nil {
		return ProposalState{}, err
	}
	return p.state, p.failed
}

func (p *proposal) validateRevise(ctx workflow.Context, req ReviseRequest) error {
	if err := p.authorStep(policy.StepRevise, req.Actor); err != nil {
		return err
	}
	if problems, empty := policy.CheckLines(req.Draft.Lines); empty || len(problems) > 0 || req.Draft.Title == "" {
		return temporal.NewApplicationError("invalid proposal content", ErrTypeInvalid)
	}
	return nil
}

func (p *proposal) revise(ctx workflow.Context, req ReviseRequest) (ProposalState, error) {
	recheck := func(ctx workflow.Context) error { return p.validateRevise(ctx, req) }
	return p.step(ctx, recheck, func(ctx workflow.Context, key string) error {
		in := activities.ReviseProposalInput{ProposalID: p.state.ProposalID, StepKey: key,
			Actor: req.Actor, Version: p.state.Version + 1, Draft: req.Draft}
		var stored int
		if err := runStep(ctx, a.ReviseProposal, in).Get(ctx, &stored); err != nil {
			return err
		}
		// Runs before this change counted in the workflow, which a step
		// replayed after continue-as-new (written in the earlier run,
		// nothing written now) pushed one ahead of the database.
		if workflow.GetVersion(ctx, versionStoredRevision, workflow.DefaultVersion, 1) == workflow.DefaultVersion {
			stored = p.state.Version + 1
		}
		p.state.Version = stored
		return p.releaseHolds(ctx, key, req.Actor.ID, "revised", true)
	})
}

func (p *proposal) validateSubmit(ctx workflow.Context, req SubmitRequest) error {
	return p.authorStep(policy.StepSubmit, req.Actor)
}

func (p *proposal) submit(ctx workflow.Context, req SubmitRequest) (ProposalState, error) {
	recheck := func(ctx workflow.Context) error { return p.validateSubmit(ctx, req) }
	return p.step(ctx, recheck, func(ctx workflow.Context, key string) error {
		taskID := fmt.Sprintf("%s-review-%d", p.state.ProposalID, p.state.Submissions+1)
		due, err := workingDaysAfter(ctx, workflow.Now(ctx), ReviewDueWorkingDays)
		if err != nil {
			return err
		}
		if err := p.holdLines(ctx, key); err != nil {
			return err
		}
		in := activities.OpenReviewInput{ProposalID: p.state.ProposalID, WorkflowID: workflow.GetInfo(ctx).WorkflowExecution.ID,
			StepKey: key, TaskID: taskID, Version: p.state.Version, Author: req.Actor, DueAt: due[0]}
		var review policy.ReviewAssignment
		if err := runStep(ctx, a.OpenReview, in).Get(ctx, &review); err != nil {
			return err
		}
		p.state.Submissions++
		p.state.Status, p.state.OpenTaskID, p.state.Review = policy.ProposalInReview, taskID, review
		return nil
	})
}

func (p *proposal) validateDecide(ctx workflow.Context, req DecideRequest) error {
	if p.state.Status != policy.ProposalInReview || req.TaskID != p.state.OpenTaskID || req.TaskID == "" {
		return conflict("task %s is not open for decision", req.TaskID)
	}
	switch p.state.Review.CanReview(req.Actor) {
	case policy.ReviewSelf:
		return temporal.NewApplicationError("the author cannot review their own proposal", ErrTypeSelfReview)
	case policy.ReviewNotAllowed:
		return temporal.NewApplicationError("only a reviewer or the author's sales manager may review", ErrTypeForbidden)
	}
	if req.Decision != DecisionApprove && req.Decision != DecisionReject {
		return temporal.NewApplicationError("decision must be approve or reject", ErrTypeInvalid)
	}
	if req.Decision == DecisionReject && req.Comment == "" {
		return temporal.NewApplicationError("a rejection needs a comment for the author", ErrTypeInvalid)
	}
	return nil
}

func (p *proposal) decide(ctx workflow.Context, req DecideRequest) (ProposalState, error) {
	recheck := func(ctx workflow.Context) error { return p.validateDecide(ctx, req) }
	return p.step(ctx, recheck, func(ctx workflow.Context, key string) error {
		next := policy.ProposalRevising
		if req.Decision == DecisionApprove {
			next = policy.ProposalApproved
		}
		in := activities.ReviewDecisionInput{ProposalID: p.state.ProposalID, StepKey: key, TaskID: req.TaskID,
			Version: p.state.Version, Actor: req.Actor, Approve: req.Decision == DecisionApprove,
			Comment: req.Comment, NewStatus: next}
		if err := runStep(ctx, a.RecordReviewDecision, in).Get(ctx, nil); err != nil {
			return err
		}
		p.state.Status, p.state.OpenTaskID, p.state.LastComment = next, "", req.Comment
		return nil
	})
}

// validateCustomerResponse: the customer answers through a link sent for
// the current version, or the author records an answer given on paper
// and says so (Paper). That last check is the request's own and is made
// here only, not again under the lock, so histories of answers recorded
// before it still replay.
func (p *proposal) validateCustomerResponse(ctx workflow.Context, req CustomerResponseRequest) error {
	if err := p.checkCustomerResponse(req); err != nil {
		return err
	}
	if req.Customer == nil && !req.Paper {
		return temporal.NewApplicationError("the owner records only an answer the customer gave on paper", ErrTypeInvalid)
	}
	return nil
}

// checkCustomerResponse is what the answer needs of the proposal's state
// and of who gives it; the step checks it again under the lock.
func (p *proposal) checkCustomerResponse(req CustomerResponseRequest) error {
	if link := req.Customer; link != nil {
		if link.SubjectID != p.state.ProposalID {
			return temporal.NewApplicationError("the customer link is for another proposal", ErrTypeForbidden)
		}
		if link.ProposalVersion != p.state.Version {
			return conflict("the customer link is for version %d; the proposal is at version %d", link.ProposalVersion, p.state.Version)
		}
		if !p.state.Status.Offers(policy.StepCustomerAnswer) {
			return conflict(proposalStateRefusals[policy.StepCustomerAnswer], p.state.Status)
		}
		return nil
	}
	return p.authorStep(policy.StepCustomerAnswer, req.Actor)
}

func (p *proposal) customerResponse(ctx workflow.Context, req CustomerResponseRequest) (ProposalState, error) {
	recheck := func(ctx workflow.Context) error { return p.checkCustomerResponse(req) }
	return p.step(ctx, recheck, func(ctx workflow.Context, key string) error {
		next := policy.ProposalRevising
		if req.Accepted {
			next = policy.ProposalAccepted
		}
		in := activities.CustomerResponseInput{ProposalID: p.state.ProposalID, StepKey: key,
			Version: p.state.Version, Actor: req.Actor, Accepted: req.Accepted, Note: req.Note, NewStatus: next}
		switch {
		case req.Customer != nil:
			in.Method, in.Actor, in.Customer = MethodLink, policy.Actor{}, &req.Customer.CustomerEvidence
		case req.Paper:
			in.Method = MethodPaper
		}
		if err := runStep(ctx, a.RecordCustomerResponse, in).Get(ctx, nil); err != nil {
			return err
		}
		p.state.Status, p.state.LastComment = next, req.Note
		if req.Accepted {
			return p.awaitContractStart(ctx)
		}
		return p.releaseHolds(ctx, key, req.Actor.ID, "declined", false)
	})
}

// step runs one human step (see stepper) and answers with the new state.
func (p *proposal) step(ctx workflow.Context, recheck func(workflow.Context) error, write func(workflow.Context, string) error) (ProposalState, error) {
	if err := p.steps.run(ctx, recheck, write); err != nil {
		return ProposalState{}, err
	}
	return p.state, nil
}

// authorStep refuses one of the author's steps by F1's rule
// (policy.ProposalAuthorStep), the rule the pages offer the step by.
func (p *proposal) authorStep(step policy.Step, actor policy.Actor) error {
	switch policy.ProposalAuthorStep(step, p.state.Status, actor.ID == p.in.Owner.ID) {
	case policy.StepNotAuthor:
		return temporal.NewApplicationError("only the proposal's author may do this", ErrTypeForbidden)
	case policy.StepWrongState:
		return conflict(proposalStateRefusals[step], p.state.Status)
	}
	return nil
}

// proposalStateRefusals say, of each author's step, which states take it.
var proposalStateRefusals = map[policy.Step]string{
	policy.StepRevise:         "proposal is %s; only a draft or a proposal being revised can be revised",
	policy.StepSubmit:         "proposal is %s; only a draft or a proposal being revised can be submitted",
	policy.StepCustomerAnswer: "proposal is %s; the customer's answer is recorded only after approval",
}

func conflict(format string, args ...any) error {
	return temporal.NewApplicationError(fmt.Sprintf(format, args...), ErrTypeConflict)
}

// withActivityOptions sets the timeouts and retries every activity here uses:
// short attempts, retried without limit so a PostgreSQL restart only delays
// a step; permanent failures are marked non-retryable by the activity.
func withActivityOptions(ctx workflow.Context) workflow.Context {
	return workflow.WithActivityOptions(ctx, activityOptions())
}

func activityOptions() workflow.ActivityOptions {
	return workflow.ActivityOptions{
		StartToCloseTimeout: 30 * time.Second,
		RetryPolicy: &temporal.RetryPolicy{InitialInterval: time.Second, BackoffCoefficient: 2,
			MaximumInterval: 30 * time.Second},
	}
}

// StepScheduleToClose bounds, retries included, an activity of a person's
// step. A person waits for the step, and while it runs it holds the
// workflow's step lock, so every other Update waits too: an error no retry
// mends, but which the activity could not tell permanent, must end the step
// with an error for the Update instead of wedging the workflow. Two minutes
// outlast a PostgreSQL or worker restart (the client retrying with the same
// Idempotency-Key joins the same Update meanwhile).
const StepScheduleToClose = 2 * time.Minute

// withStepOptions is withActivityOptions for the activities of a person's
// step (see StepScheduleToClose).
func withStepOptions(ctx workflow.Context) workflow.Context {
	opts := activityOptions()
	opts.ScheduleToCloseTimeout = StepScheduleToClose
	return workflow.WithActivityOptions(ctx, opts)
}
