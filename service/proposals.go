package service

import (
	"context"
	"strings"

	"salesflow/policy"
	"salesflow/store"
	"salesflow/workflows"
	"salesflow/workflows/payload"
)

// A proposal (F1): the owner of a customer drafts it, revises it, submits
// it for review and records the customer's answer. Each step after the
// draft is an Update of the proposal's workflow, which refuses a step its
// state does not allow.

// ProposalContent is what a version of a proposal says.
type ProposalContent struct {
	Title string              `json:"title" text:"max=200"`
	Body  string              `json:"body" text:"block"`
	Items []ProposalItemInput `json:"items"`
}

// NewProposalInput is a new proposal for one of the actor's customers.
type NewProposalInput struct {
	CustomerID string `json:"customer_id"`
	ProposalContent
}

// CustomerResponseInput is the owner recording the customer's answer,
// which must have been given on paper (Paper): the customer answers for
// themselves through a customer link.
type CustomerResponseInput struct {
	Accepted *bool  `json:"accepted"`
	Note     string `json:"note" text:"block,max=4000"`
	Paper    bool   `json:"paper"`
}

// Proposal is proposal id if actor may see it: the owner, the owner's
// manager, reviewers and admins.
func (s *Service) Proposal(ctx context.Context, actor store.User, id string) (store.Proposal, error) {
	p, err := s.StoredProposal(ctx, id)
	if err != nil {
		return store.Proposal{}, err
	}
	if p.OwnerID == actor.ID || policy.HasRole(actor.Roles, policy.RoleAdmin) || policy.HasRole(actor.Roles, policy.RoleReviewer) {
		return p, nil
	}
	if owner, err := s.store.UserByID(ctx, p.OwnerID); err == nil && owner.ManagerID == actor.ID {
		return p, nil
	}
	return store.Proposal{}, NotFound("proposal " + id)
}

// CreateProposal starts the proposal's workflow together with an Update
// that answers once version 1 is stored, and returns its ID. Only the
// customer's owner proposes (F1, R4.4); that is checked first, then the
// content. The same key from the same actor names the same proposal: sent
// again, it answers once the workflow knows the proposal, whatever the
// workflow has done since.
func (s *Service) CreateProposal(ctx context.Context, actor store.User, key string, in NewProposalInput) (string, error) {
	if err := s.CheckOwnCustomer(ctx, actor, in.CustomerID, "problem.not_customer_owner"); err != nil {
		return "", err
	}
	d, err := s.newDraft(ctx, in.ProposalContent)
	if err != nil {
		return "", err
	}
	return s.startProposal(ctx, actor, key, in.CustomerID, d)
}

// CreateProposalForm is CreateProposal for a form: read are the problems
// the page found reading its fields, and every refusal of the input, the
// customer's too, is joined with them, so the form names every field at
// once.
func (s *Service) CreateProposalForm(ctx context.Context, actor store.User, key string, in NewProposalInput, read error) (string, error) {
	d, derr := s.newDraft(ctx, in.ProposalContent)
	if err := JoinProblems(s.CheckOwnCustomer(ctx, actor, in.CustomerID, "problem.not_customer_owner"), read, derr); err != nil {
		return "", err
	}
	return s.startProposal(ctx, actor, key, in.CustomerID, d)
}

func (s *Service) startProposal(ctx context.Context, actor store.User, key, customerID string, d payload.ProposalDraft) (string, error) {
	id := newID("proposal", actor.ID, key)
	if _, err := s.store.ProposalByID(ctx, id); err == nil { // a key used before (see AwaitCreatedKnown)
		return id, s.AwaitCreatedKnown(ctx, workflows.ProposalWorkflowID(id), workflows.UpdateProposalCreated)
	}
	in := workflows.ProposalInput{ProposalID: id, CustomerID: customerID, Owner: Actor(actor), Draft: d,
		ContractTiming: s.cfg.ContractTiming, HoldTiming: s.cfg.HoldTiming}
	err := s.StartCreated(ctx, CreatedStart{WorkflowID: workflows.ProposalWorkflowID(id), CustomerID: customerID,
		OwnerID: actor.ID, Stage: string(policy.ProposalDraft), Workflow: workflows.ProposalWorkflow, Input: in,
		Created: workflows.UpdateProposalCreated})
	if err != nil && !StartedBefore(err) {
		return "", err
	}
	return id, nil
}

// draft validates the content against the policy and the rate card and
// returns it as the workflows carry it.
func (s *Service) draft(ctx context.Context, in ProposalContent) (payload.ProposalDraft, error) {
	if err := TextErr(in); err != nil {
		return payload.ProposalDraft{}, err
	}
	var v Validation
	CheckName(&v, "title", in.Title) // the body's length is its text rule's (CheckText)
	lines, err := s.CheckItems(ctx, &v, in.Items)
	if err != nil {
		return payload.ProposalDraft{}, err
	}
	return payload.ProposalDraft{Title: strings.TrimSpace(in.Title), Body: in.Body, Lines: lines}, v.Err()
}

// newDraft is draft for a new proposal: a product the admin withdrew from
// the rate card is no longer offered. Revisions (of a proposal or its
// contract) keep the lines they already carry.
func (s *Service) newDraft(ctx context.Context, in ProposalContent) (payload.ProposalDraft, error) {
	d, err := s.draft(ctx, in)
	ids := make([]string, len(d.Lines))
	for i, l := range d.Lines {
		ids[i] = l.ProductID
	}
	known, kerr := s.store.ProductsByID(ctx, ids)
	if kerr != nil {
		return d, kerr
	}
	var v Validation
	for i, id := range ids {
		if p, ok := known[id]; ok && !p.Active {
			v.Add(Indexed("items", i, "product_id"), "field.product_withdrawn")
		}
	}
	return d, JoinProblems(err, v.Err())
}

// JoinProblems merges validation problems so every field's refusal is
// named at once (a form shows them together); any other error is returned as it is.
func JoinProblems(errs ...error) error {
	var v Validation
	for _, err := range errs {
		if err == nil {
			continue
		}
		if !v.Join(err) {
			return err
		}
	}
	return v.Err()
}

// ProposalStep is one author step on a proposal after its draft: a
// revision, the submission, the customer's answer.
type ProposalStep struct {
	update string
	build  func(ctx context.Context, s *Service, actor store.User) (any, error)
}

// ReviseProposal keeps a new version (F1 修改). read are the problems a
// form found reading its fields (nil from the API), refused together with
// the content's.
func ReviseProposal(in ProposalContent, read error) ProposalStep {
	return ProposalStep{update: workflows.UpdateProposalRevise, build: func(ctx context.Context, s *Service, actor store.User) (any, error) {
		d, err := s.draft(ctx, in)
		return workflows.ReviseRequest{Actor: Actor(actor), Draft: d}, JoinProblems(read, err)
	}}
}

// SubmitProposal sends the proposal to review (F1 提交).
func SubmitProposal() ProposalStep {
	return ProposalStep{update: workflows.UpdateProposalSubmit, build: func(_ context.Context, _ *Service, actor store.User) (any, error) {
		return workflows.SubmitRequest{Actor: Actor(actor)}, nil
	}}
}

// CustomerResponse records the customer's answer to the proposal.
func CustomerResponse(in CustomerResponseInput) ProposalStep {
	return ProposalStep{update: workflows.UpdateProposalResponse, build: func(_ context.Context, _ *Service, actor store.User) (any, error) {
		return in.request(actor)
	}}
}

// request checks the owner's record of the customer's answer and returns
// the Update's argument: the answer must have been given on paper (the
// customer answers for themselves through a customer link), and the note
// is text the workflow stores, so it meets the text rule.
func (in CustomerResponseInput) request(actor store.User) (workflows.CustomerResponseRequest, error) {
	var v Validation
	CheckText(&v, in)
	if in.Accepted == nil {
		v.Add("accepted", "field.required")
	}
	if !in.Paper {
		v.Add("paper", "field.paper_answer")
	}
	if err := v.Err(); err != nil {
		return workflows.CustomerResponseRequest{}, err
	}
	return workflows.CustomerResponseRequest{Actor: Actor(actor), Accepted: *in.Accepted, Note: in.Note, Paper: true}, nil
}

// StepName is the step's Update name.
func (st ProposalStep) StepName() string { return st.update }

// TakeProposalStep checks actor may see proposal id, builds the step and
// sends it, idempotent by key, returning the proposal as it was read (no
// ID when actor may not see it) and the workflow's state after the step.
func (s *Service) TakeProposalStep(ctx context.Context, actor store.User, key, id string, step ProposalStep) (store.Proposal, workflows.ProposalState, error) {
	var state workflows.ProposalState
	p, err := s.Proposal(ctx, actor, id)
	if err != nil {
		return p, state, err
	}
	arg, err := step.build(ctx, s, actor)
	if err == nil {
		err = s.Update(ctx, key, p.WorkflowID, step.update, actor, arg, &state)
	}
	return p, state, err
}

// StoredProposal is proposal id as stored, without a visibility check: the
// answer to a step or a decision the actor was just allowed to take.
func (s *Service) StoredProposal(ctx context.Context, id string) (store.Proposal, error) {
	p, err := s.store.ProposalByID(ctx, id)
	return p, NotFoundAs(err, "proposal "+id)
}
