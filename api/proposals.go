package api

import (
	"context"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"

	"salesflow/policy"
	"salesflow/service"
	"salesflow/store"
	"salesflow/workflows"
	"salesflow/workflows/payload"
)

type proposalItemInput struct {
	ProductID    string `json:"product_id"`
	Quantity     int64  `json:"quantity"`
	UnitPriceFen int64  `json:"unit_price_fen"`
	// A line may book a media resource for dates (issue 13,
	// resolveResourceLines): product and quantity then follow from them.
	ResourceID string `json:"resource_id,omitempty"`
	StartsOn   string `json:"starts_on,omitempty"`
	EndsOn     string `json:"ends_on,omitempty"`
}

type proposalContent struct {
	Title string              `json:"title" text:"max=200"`
	Body  string              `json:"body" text:"block"`
	Items []proposalItemInput `json:"items"`
}

type createProposalRequest struct {
	CustomerID string `json:"customer_id"`
	proposalContent
}

// draft validates the content against the policy and the rate card and
// returns it as the workflows carry it.
func (s *Server) draft(ctx context.Context, in proposalContent) (payload.ProposalDraft, error) {
	if err := service.TextErr(in); err != nil {
		return payload.ProposalDraft{}, err
	}
	var v validation
	service.CheckName(&v, "title", in.Title) // the body's length is its text rule's (checkText)
	lines, err := s.checkItems(ctx, &v, in.Items)
	if err != nil {
		return payload.ProposalDraft{}, err
	}
	return payload.ProposalDraft{Title: strings.TrimSpace(in.Title), Body: in.Body, Lines: lines}, v.Err()
}

// newDraft is draft for a new proposal: a product the admin withdrew from
// the rate card is no longer offered. Revisions (of a proposal or its
// contract) keep the lines they already carry.
func (s *Server) newDraft(ctx context.Context, in proposalContent) (payload.ProposalDraft, error) {
	d, err := s.draft(ctx, in)
	ids := make([]string, len(d.Lines))
	for i, l := range d.Lines {
		ids[i] = l.ProductID
	}
	known, kerr := s.store.ProductsByID(ctx, ids)
	if kerr != nil {
		return d, kerr
	}
	var v validation
	for i, id := range ids {
		if p, ok := known[id]; ok && !p.Active {
			v.Add(service.Indexed("items", i, "product_id"), "field.product_withdrawn")
		}
	}
	return d, joinProblems(err, v.Err())
}

// createProposal starts the proposal's workflow together with an Update that
// answers once version 1 is stored, so the 201 reads back at once. The same
// Idempotency-Key from the same user names the same proposal, so a retried
// click does not make a second one.
func (s *Server) createProposal(c *gin.Context) {
	var req createProposalRequest
	if err := bindJSON(c, &req); err != nil {
		s.fail(c, err)
		return
	}
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	if err := s.checkProposalCustomer(ctx, u, req.CustomerID); err != nil {
		s.fail(c, err)
		return
	}
	d, err := s.newDraft(ctx, req.proposalContent)
	if err != nil {
		s.fail(c, err)
		return
	}
	key, err := idempotencyKey(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	id := uuid.NewString()
	if key != "" {
		id = uuid.NewSHA1(uuid.NameSpaceURL, []byte("salesflow:proposal:"+u.ID+":"+key)).String()
	}
	// A key used before names a proposal that exists: the answer is that
	// proposal as stored, whatever its workflow has done since, once the
	// workflow knows it (awaitCreatedKnown).
	if _, err := s.store.ProposalByID(ctx, id); err == nil {
		if err := s.svc.AwaitCreatedKnown(ctx, workflows.ProposalWorkflowID(id), workflows.UpdateProposalCreated); err != nil {
			s.fail(c, err)
			return
		}
		s.respondProposal(c, ctx, id, http.StatusCreated)
		return
	}
	if err := s.startProposal(ctx, id, req.CustomerID, u, d); err != nil && !service.StartedBefore(err) {
		s.fail(c, err)
		return
	}
	s.respondProposal(c, ctx, id, http.StatusCreated)
}

// checkProposalCustomer enforces "only the customer's owner" (F1, R4.4).
func (s *Server) checkProposalCustomer(ctx context.Context, u store.User, customerID string) error {
	return s.svc.CheckOwnCustomer(ctx, u, customerID, "problem.not_customer_owner")
}

func (s *Server) startProposal(ctx context.Context, id, customerID string, u store.User, d payload.ProposalDraft) error {
	in := workflows.ProposalInput{ProposalID: id, CustomerID: customerID, Owner: actor(u), Draft: d,
		ContractTiming: s.svc.ContractTiming(), HoldTiming: s.svc.HoldTiming()}
	return s.svc.StartCreated(ctx, service.CreatedStart{WorkflowID: workflows.ProposalWorkflowID(id), CustomerID: customerID,
		OwnerID: u.ID, Stage: string(policy.ProposalDraft), Workflow: workflows.ProposalWorkflow, Input: in,
		Created: workflows.UpdateProposalCreated})
}

// respondProposal answers with the proposal as stored.
func (s *Server) respondProposal(c *gin.Context, ctx context.Context, id string, status int) {
	p, err := s.store.ProposalByID(ctx, id)
	if err != nil {
		s.fail(c, service.NotFoundAs(err, "proposal "+id))
		return
	}
	c.JSON(status, p)
}

// visibleProposal applies the per-object rule: the owner, the owner's
// manager, reviewers and admins see a proposal; others get 404.
func (s *Server) visibleProposal(ctx context.Context, u store.User, id string) (store.Proposal, error) {
	p, err := s.store.ProposalByID(ctx, id)
	if err != nil {
		return store.Proposal{}, service.NotFoundAs(err, "proposal "+id)
	}
	if p.OwnerID == u.ID || policy.HasRole(u.Roles, policy.RoleAdmin) || policy.HasRole(u.Roles, policy.RoleReviewer) {
		return p, nil
	}
	if owner, err := s.store.UserByID(ctx, p.OwnerID); err == nil && owner.ManagerID == u.ID {
		return p, nil
	}
	return store.Proposal{}, errNotFound("proposal " + id)
}

func (s *Server) getProposal(c *gin.Context) {
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	p, err := s.visibleProposal(ctx, u, c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, p)
}

// proposalOwners is whose proposals u sees in a list, GET
// /api/v1/proposals and the proposals page alike: reviewers and admins
// everyone's (nil), others what visibleOwners allows (their own, or their
// team's).
func (s *Server) proposalOwners(ctx context.Context, u store.User) ([]string, error) {
	if policy.HasRole(u.Roles, policy.RoleAdmin) || policy.HasRole(u.Roles, policy.RoleReviewer) {
		return nil, nil
	}
	owners, _, err := s.svc.VisibleOwners(ctx, u)
	return owners, err
}

func (s *Server) listProposals(c *gin.Context) {
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	var v validation
	checkStatus(&v, "status", c.Query("status"), proposalStatuses)
	if err := v.Err(); err != nil {
		s.fail(c, err)
		return
	}
	owners, err := s.proposalOwners(ctx, u)
	if err != nil {
		s.fail(c, err)
		return
	}
	list, next, err := s.store.ListProposals(ctx, store.ProposalFilter{OwnerIDs: owners,
		Status: c.Query("status"), Page: pageParams(c)})
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, page(list, next))
}

// reviseProposal keeps a new version (F1 修改).
func (s *Server) reviseProposal(c *gin.Context) {
	var req proposalContent
	if err := bindJSON(c, &req); err != nil {
		s.fail(c, err)
		return
	}
	s.proposalUpdate(c, workflows.UpdateProposalRevise, func(ctx context.Context, u store.User) (any, error) {
		d, err := s.draft(ctx, req)
		return workflows.ReviseRequest{Actor: actor(u), Draft: d}, err
	})
}

func (s *Server) submitProposal(c *gin.Context) {
	s.proposalUpdate(c, workflows.UpdateProposalSubmit, func(_ context.Context, u store.User) (any, error) {
		return workflows.SubmitRequest{Actor: actor(u)}, nil
	})
}

// customerResponseRequest is the owner recording the customer's answer,
// which must have been given on paper (Paper): the customer answers for
// themselves through a customer link (pages_customer_sign.go).
type customerResponseRequest struct {
	Accepted *bool  `json:"accepted"`
	Note     string `json:"note" text:"block,max=4000"`
	Paper    bool   `json:"paper"`
}

func (s *Server) customerResponse(c *gin.Context) {
	var req customerResponseRequest
	if err := bindJSON(c, &req); err != nil {
		s.fail(c, err)
		return
	}
	s.proposalUpdate(c, workflows.UpdateProposalResponse, func(_ context.Context, u store.User) (any, error) {
		return req.request(u)
	})
}

// request checks the owner's record of the customer's answer (API and page
// alike) and returns the Update's argument: the answer must have been
// given on paper (the customer answers for themselves through a customer
// link), and the note is text the workflow stores, so it meets the text
// rule.
func (r customerResponseRequest) request(u store.User) (workflows.CustomerResponseRequest, error) {
	var v validation
	service.CheckText(&v, r)
	if r.Accepted == nil {
		v.Add("accepted", "field.required")
	}
	if !r.Paper {
		v.Add("paper", "field.paper_answer")
	}
	if err := v.Err(); err != nil {
		return workflows.CustomerResponseRequest{}, err
	}
	return workflows.CustomerResponseRequest{Actor: actor(u), Accepted: *r.Accepted, Note: r.Note, Paper: true}, nil
}

// proposalUpdate is the shape of every author action on a proposal: check
// the caller may see it, build the request, send the Update and answer with
// the proposal as stored.
func (s *Server) proposalUpdate(c *gin.Context, name string, build func(context.Context, store.User) (any, error)) {
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	p, err := s.visibleProposal(ctx, u, c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	arg, err := build(ctx, u)
	var state workflows.ProposalState
	if err == nil {
		err = s.svc.Update(ctx, clientKey(c), p.WorkflowID, name, u, arg, &state)
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	// The step is recorded: the answer is built on a context of its own,
	// so the request's time running out never turns it into an error.
	rctx, rcancel := s.responseCtx(c)
	defer rcancel()
	if name == workflows.UpdateProposalResponse && state.Status == policy.ProposalAccepted {
		// F2: answer with the drafted contract, waiting half the budget
		// at most; the read below keeps the rest.
		actx, acancel := context.WithTimeout(rctx, s.cfg.RequestTimeout/2)
		s.awaitContract(actx, p.ID)
		acancel()
	}
	stored, err := s.store.ProposalByID(rctx, p.ID)
	if err != nil {
		s.fail(c, service.NotFoundAs(err, "proposal "+p.ID))
		return
	}
	if stored.ContractID == nil && state.ContractID != "" {
		stored.ContractID = &state.ContractID // started, its draft still being stored
	}
	c.JSON(http.StatusOK, stored)
}

// responseCtx bounds building the answer to a step already recorded: a
// fresh timeout, kept from the client's disconnect too, so what was done
// is reported.
func (s *Server) responseCtx(c *gin.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(c.Request.Context()), s.cfg.RequestTimeout)
}

// idempotencyKey reads the Idempotency-Key header ("" when absent).
func idempotencyKey(c *gin.Context) (string, error) {
	key := strings.TrimSpace(c.GetHeader("Idempotency-Key"))
	// A key is printable ASCII (the IETF draft's sf-string): it names
	// Temporal Updates and rows of idempotency_keys.
	switch {
	case len(key) > 200:
		return "", problemErr(http.StatusUnprocessableEntity, "/problems/validation", "problem.validation", "detail.idempotency_key")
	case strings.IndexFunc(key, func(r rune) bool { return r < 0x20 || r > 0x7e }) >= 0:
		return "", problemErr(http.StatusUnprocessableEntity, "/problems/validation", "problem.validation", "detail.idempotency_key_chars")
	}
	return key, nil
}
