package activities

import (
	"context"
	"errors"
	"time"

	"github.com/jmoiron/sqlx"
	"go.temporal.io/sdk/temporal"

	"salesflow/policy"
	"salesflow/store"
	"salesflow/workflows/payload"
)

// CreateProposalInput is the first version of a new proposal (F1 起草).
type CreateProposalInput struct {
	ProposalID string                `json:"proposal_id"`
	WorkflowID string                `json:"workflow_id"`
	CustomerID string                `json:"customer_id"`
	Owner      policy.Actor          `json:"owner"`
	Draft      payload.ProposalDraft `json:"draft"`
}

// CreateProposal writes the proposal, version 1 and the "created" event.
func (a *Activities) CreateProposal(ctx context.Context, in CreateProposalInput) error {
	p := store.NewProposal{ID: in.ProposalID, WorkflowID: in.WorkflowID, CustomerID: in.CustomerID,
		OwnerID: in.Owner.ID, Draft: proposalDraftRow(in.Draft)}
	step := store.Step{Key: in.WorkflowID + "/created", ActorID: in.Owner.ID, Action: "proposal.created",
		Detail: map[string]any{"version": 1, "title": in.Draft.Title}}
	return classify(a.Store.CreateProposal(ctx, p, step))
}

// ReviseProposalInput is a new version written by the author (F1 修改).
type ReviseProposalInput struct {
	ProposalID string                `json:"proposal_id"`
	StepKey    string                `json:"step_key"`
	Actor      policy.Actor          `json:"actor"`
	Version    int                   `json:"version"` // what the workflow expects; the store numbers it
	Draft      payload.ProposalDraft `json:"draft"`
}

// ReviseProposal keeps the new version, makes it current and returns its
// number as stored. The database numbers it (the one after the current
// version), not in.Version: a step replayed after continue-as-new, whose
// write was done in the earlier run, returns the version it stored then.
func (a *Activities) ReviseProposal(ctx context.Context, in ReviseProposalInput) (int, error) {
	step := store.Step{Key: in.StepKey, ActorID: in.Actor.ID, Action: "proposal.revised",
		Detail: map[string]any{"title": in.Draft.Title}}
	v, err := a.Store.SaveProposalRevision(ctx, in.ProposalID, in.Actor.ID, proposalDraftRow(in.Draft), step)
	return v, classify(err)
}

// OpenReviewInput submits a version for review (F1 方案评审).
type OpenReviewInput struct {
	ProposalID string       `json:"proposal_id"`
	WorkflowID string       `json:"workflow_id"`
	StepKey    string       `json:"step_key"`
	TaskID     string       `json:"task_id"`
	Version    int          `json:"version"`
	Author     policy.Actor `json:"author"`
	DueAt      time.Time    `json:"due_at"`
}

// OpenReview opens the review task for reviewers and the author's manager
// and returns who may review, as the workflow's validator needs it.
func (a *Activities) OpenReview(ctx context.Context, in OpenReviewInput) (policy.ReviewAssignment, error) {
	author, err := a.Store.UserByID(ctx, in.Author.ID)
	if err != nil {
		return policy.ReviewAssignment{}, classify(err)
	}
	task := store.NewTask{ID: in.TaskID, Kind: "proposal_review", SubjectType: "proposal",
		SubjectID: in.ProposalID, SubjectVersion: in.Version, WorkflowID: in.WorkflowID,
		AuthorID: author.ID, AssigneeRole: string(policy.RoleReviewer), AssigneeUserID: author.ManagerID,
		DueAt: in.DueAt}
	step := store.Step{Key: in.StepKey, ActorID: author.ID, Action: "proposal.submitted",
		Detail: map[string]any{"version": in.Version, "task_id": in.TaskID}}
	err = a.Store.SetProposalStatus(ctx, in.ProposalID, policy.ProposalInReview, step, func(tx *sqlx.Tx) error {
		return store.OpenTask(ctx, tx, task)
	})
	return policy.ReviewAssignment{AuthorID: author.ID, ManagerID: author.ManagerID}, classify(err)
}

// ReviewDecisionInput is a reviewer's approve or reject.
type ReviewDecisionInput struct {
	ProposalID string                `json:"proposal_id"`
	StepKey    string                `json:"step_key"`
	TaskID     string                `json:"task_id"`
	Version    int                   `json:"version"`
	Actor      policy.Actor          `json:"actor"`
	Approve    bool                  `json:"approve"`
	Comment    string                `json:"comment"`
	NewStatus  policy.ProposalStatus `json:"new_status"`
}

// RecordReviewDecision closes the task and moves the proposal on.
func (a *Activities) RecordReviewDecision(ctx context.Context, in ReviewDecisionInput) error {
	decision, action := "reject", "proposal.review_rejected"
	if in.Approve {
		decision, action = "approve", "proposal.review_approved"
	}
	step := store.Step{Key: in.StepKey, ActorID: in.Actor.ID, Action: action,
		Detail: map[string]any{"version": in.Version, "task_id": in.TaskID, "comment": in.Comment}}
	err := a.Store.DecideReview(ctx, in.ProposalID, in.NewStatus, step,
		store.TaskDecision{ID: in.TaskID, Decision: decision, Comment: in.Comment, ActorID: in.Actor.ID})
	return classify(err)
}

// CustomerResponseInput is the customer's answer: given through a
// customer link (Customer set, no Actor) or on paper, recorded by the
// owner (Method paper).
type CustomerResponseInput struct {
	ProposalID string                `json:"proposal_id"`
	StepKey    string                `json:"step_key"`
	Version    int                   `json:"version"`
	Actor      policy.Actor          `json:"actor"`
	Accepted   bool                  `json:"accepted"`
	Note       string                `json:"note"`
	NewStatus  policy.ProposalStatus `json:"new_status"`
	Method     string                `json:"method,omitempty"`
	Customer   *CustomerEvidence     `json:"customer,omitempty"`
}

// RecordCustomerResponse stores the answer: declined → revising, accepted →
// accepted (F1's hand-off to the contract loop F2). An answer through a
// link spends the link in the same transaction, so it answers once.
func (a *Activities) RecordCustomerResponse(ctx context.Context, in CustomerResponseInput) error {
	action := "proposal.customer_declined"
	if in.Accepted {
		action = "proposal.customer_accepted"
	}
	detail := map[string]any{"version": in.Version, "note": in.Note}
	var spend func(tx *sqlx.Tx) error
	if in.Method != "" {
		detail["method"] = in.Method
	}
	if c := in.Customer; c != nil {
		c.addTo(detail)
		spend = func(tx *sqlx.Tx) error { return store.UseCustomerLink(ctx, tx, c.LinkID, c.DocumentSHA256) }
	}
	step := store.Step{Key: in.StepKey, ActorID: in.Actor.ID, Action: action, Detail: detail}
	err := a.Store.SetProposalStatus(ctx, in.ProposalID, in.NewStatus, step, spend)
	if errors.Is(err, store.ErrConflict) && in.Customer != nil {
		return temporal.NewNonRetryableApplicationError("the customer link was used, has expired or is bound to another version",
			ErrTypeConflict, err)
	}
	return classify(err)
}
