package api

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"time"

	"github.com/gin-gonic/gin"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"

	"salesflow/policy"
	"salesflow/service"
	"salesflow/store"
	"salesflow/workflows"
)

// contractRoutes registers the contract loop (F2, R5) and delegations.
func (s *Server) contractRoutes(g *gin.RouterGroup) {
	g.GET("/contracts", s.listContracts)
	g.GET("/contracts/:id", s.getContract)
	g.PUT("/contracts/:id", s.reviseContract)
	g.POST("/contracts/:id/submit", s.submitContract)
	g.POST("/contracts/:id/recall", s.recallContract)
	g.POST("/contracts/:id/signatures", s.signContract)
	g.GET("/contracts/:id/document", s.contractDocument)
	g.GET("/contracts/:id/verification", s.verifyContract)
	g.POST("/delegations", s.createDelegation)
	g.GET("/delegations", s.listDelegations)
	g.POST("/delegations/:id/revoke", s.revokeDelegation)
}

var errContractClosed = problemErr(http.StatusConflict, "/problems/process-ended", "problem.workflow_closed", "detail.contract_closed")

// contractErr maps the contract workflow's refusals that differ from the
// proposal's.
func contractErr(err error) error {
	var appErr *temporal.ApplicationError
	if errors.As(err, &appErr) && appErr.Type() == workflows.ErrTypeNoServiceTerms {
		return service.ErrNoServiceTerms
	}
	var notFound *serviceerror.NotFound
	if errors.As(err, &notFound) {
		return errContractClosed
	}
	return err
}

// visibleContract applies the per-object rule: the owner, the owner's
// manager, admins and the approver roles (R5.2, R5.3) see a contract; an
// active delegate of an approver sees the contracts that role's work
// needs (a step waiting for it, a company signature, what they acted on),
// not every contract; others get 404.
func (s *Server) visibleContract(ctx context.Context, u store.User, id string) (store.Contract, error) {
	k, err := s.store.ContractByID(ctx, id)
	if err != nil {
		return store.Contract{}, service.NotFoundAs(err, "contract "+id)
	}
	if k.OwnerID == u.ID || seesAllContracts(u.Roles) {
		return k, nil
	}
	if delegated, err := s.delegatedRoles(ctx, u); err != nil || len(delegated) > 0 {
		if err != nil {
			return store.Contract{}, err
		}
		if ok, err := s.store.DelegateSeesContract(ctx, id, u.ID, delegated); err != nil || ok {
			return k, err
		}
	}
	if owner, err := s.store.UserByID(ctx, k.OwnerID); err == nil && owner.ManagerID == u.ID {
		return k, nil
	}
	if escalated, err := s.store.EscalatedTo(ctx, id, u.ID); err != nil || escalated {
		return k, err
	}
	return store.Contract{}, errNotFound("contract " + id)
}

// seesAllContracts: admins and the approver roles (R5.2, R5.3), held or
// delegated, see every contract.
func seesAllContracts(roles []string) bool {
	return slices.Contains(roles, roleAdmin) ||
		slices.ContainsFunc(policy.DelegableRoles, func(r policy.Role) bool { return slices.Contains(roles, string(r)) })
}

// contractStatuses are the values ?status= may take.
var contractStatuses = []string{string(policy.ContractDrafting), string(policy.ContractInApproval),
	string(policy.ContractRevising), string(policy.ContractApproved), string(policy.ContractSigned)}

// contractList is GET /api/v1/contracts and the signed contracts page:
// every contract for those who see any (seesAllContracts), else the
// user's own and, for a sales manager, the team's; newest change first.
func (s *Server) contractList(ctx context.Context, u store.User, status string, page store.Page) ([]store.Contract, string, error) {
	if status != "" && !slices.Contains(contractStatuses, status) {
		var v validation
		v.Add("status", "field.contract_status")
		return nil, "", v.Err()
	}
	var owners []string
	var err error
	if !seesAllContracts(u.Roles) {
		if owners, _, err = s.svc.VisibleOwners(ctx, u); err != nil {
			return nil, "", err
		}
	}
	return s.store.ListContracts(ctx, store.ContractFilter{OwnerIDs: owners, Status: status, Page: page})
}

func (s *Server) listContracts(c *gin.Context) {
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	list, next, err := s.contractList(ctx, u, c.Query("status"), pageParams(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	items := make([]contractSummary, len(list))
	for i, k := range list {
		items[i] = contractSummary{ID: k.ID, ProposalID: k.ProposalID, CustomerID: k.CustomerID, CustomerName: k.CustomerName,
			OwnerID: k.OwnerID, OwnerName: k.OwnerName, Status: k.Status, Version: k.Version, WorkflowID: k.WorkflowID,
			Major: k.Major, RequiredApprovals: k.RequiredApprovals, TotalFen: k.TotalFen, StartsOn: k.StartsOn,
			EndsOn: k.EndsOn, CreatedAt: k.CreatedAt, UpdatedAt: k.UpdatedAt, OpenTaskID: k.OpenTaskID}
	}
	c.JSON(http.StatusOK, page(items, next))
}

// contractSummary is a contract in a list: its head without lines,
// approvals, signatures or history (GET /api/v1/contracts/{id} has those).
// It repeats store.Contract's head fields on purpose: it is the list's
// JSON contract, which should not grow when the single contract does.
type contractSummary struct {
	ID                string    `json:"id"`
	ProposalID        string    `json:"proposal_id"`
	CustomerID        string    `json:"customer_id"`
	CustomerName      string    `json:"customer_name"`
	OwnerID           string    `json:"owner_id"`
	OwnerName         string    `json:"owner_name"`
	Status            string    `json:"status"`
	Version           int       `json:"version"`
	WorkflowID        string    `json:"workflow_id"`
	Major             bool      `json:"major"`
	RequiredApprovals []string  `json:"required_approvals"`
	TotalFen          int64     `json:"total_fen"`
	StartsOn          *string   `json:"starts_on"`
	EndsOn            *string   `json:"ends_on"`
	CreatedAt         time.Time `json:"created_at"`
	UpdatedAt         time.Time `json:"updated_at"`
	OpenTaskID        *string   `json:"open_task_id"`
}

func (s *Server) getContract(c *gin.Context) {
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	k, err := s.visibleContract(ctx, u, c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, k)
}

func (s *Server) respondContract(c *gin.Context, ctx context.Context, id string, status int) {
	k, err := s.store.ContractByID(ctx, id)
	if err != nil {
		s.fail(c, service.NotFoundAs(err, "contract "+id))
		return
	}
	c.JSON(status, k)
}

// contractUpdate is the shape of every action on a contract: check the
// caller may see it, build the request, send the Update (its ID from the
// Idempotency-Key) and answer with the contract as stored.
func (s *Server) contractUpdate(c *gin.Context, name string, build func(context.Context, store.User, store.Contract) (any, error)) {
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	k, err := s.visibleContract(ctx, u, c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	arg, err := build(ctx, u, k)
	if err == nil {
		err = s.svc.Update(ctx, clientKey(c), k.WorkflowID, name, u, arg, nil)
	}
	if err != nil {
		s.fail(c, contractErr(err))
		return
	}
	s.respondContract(c, ctx, k.ID, http.StatusOK)
}

// reviseContract keeps a new version (F2 修改); earlier approvals are voided.
func (s *Server) reviseContract(c *gin.Context) {
	var req contractContent
	if err := bindJSON(c, &req); err != nil {
		s.fail(c, err)
		return
	}
	s.contractUpdate(c, workflows.UpdateContractRevise, func(ctx context.Context, u store.User, _ store.Contract) (any, error) {
		d, err := s.contractDraft(ctx, req)
		return workflows.ContractReviseRequest{Actor: actor(u), Draft: d}, err
	})
}

// submitContract sends the contract to approval; without service terms it
// is refused with 422 before the workflow is asked (R5.1).
func (s *Server) submitContract(c *gin.Context) {
	s.contractUpdate(c, workflows.UpdateContractSubmit, submitContractRequest)
}

// submitContractRequest is the submit's argument, for the API and the page
// alike (service.SubmitContractRequest).
func submitContractRequest(_ context.Context, u store.User, k store.Contract) (any, error) {
	return service.SubmitContractRequest(u, k)
}

// recallContract takes a submitted contract back before anyone decided.
func (s *Server) recallContract(c *gin.Context) {
	s.contractUpdate(c, workflows.UpdateContractRecall, func(_ context.Context, u store.User, _ store.Contract) (any, error) {
		return workflows.RecallRequest{Actor: actor(u)}, nil
	})
}

// awaitContract waits until the contract drafted from the accepted proposal
// has its first version stored, so the answer carries a contract that reads
// back. The acceptance's Update answers once the contract's workflow has
// started, so its "drafted" Update finds it and waits inside the workflow
// for what it reports: no polling. A proposal whose workflow predates that
// starts the contract a moment after answering; then the Update finds no
// workflow yet and the contract simply shows a moment later. Failure only
// delays the contract in the answer, so it is logged, not returned.
func (s *Server) awaitContract(ctx context.Context, proposalID string) {
	wfID := workflows.ContractWorkflowID(workflows.ContractIDFor(proposalID))
	h, err := s.temporal.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{WorkflowID: wfID, UpdateID: "drafted",
		UpdateName: workflows.UpdateContractDrafted, WaitForStage: client.WorkflowUpdateStageCompleted})
	if err == nil {
		err = h.Get(ctx, nil)
	}
	var notFound *serviceerror.NotFound
	if err != nil && !errors.As(err, &notFound) {
		s.log.WarnContext(ctx, "contract draft not confirmed", "proposal", proposalID, "error", err)
	}
}
