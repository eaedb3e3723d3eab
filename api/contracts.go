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

	"salesflow/policy"
	"salesflow/service"
	"salesflow/store"
	"salesflow/workflows"
)

// contractRoutes registers the contract loop (F2, R5) and delegations.
func (s *Server) contractRoutes(g *gin.RouterGroup) {
	g.GET("/contracts", s.listContracts)
	g.GET("/contracts/:id", s.getContract)
	g.PUT("/contracts/:id", s.reviseContract())
	g.POST("/contracts/:id/submit", s.submitContract())
	g.POST("/contracts/:id/recall", s.recallContract())
	g.POST("/contracts/:id/signatures", s.signContract())
	g.GET("/contracts/:id/document", s.contractDocument)
	g.GET("/contracts/:id/verification", s.verifyContract)
	g.POST("/delegations", s.createDelegation)
	g.GET("/delegations", s.listDelegations)
	g.POST("/delegations/:id/revoke", s.revokeDelegation)
}

// contractStatuses are the values ?status= may take.
var contractStatuses = []string{string(policy.ContractDrafting), string(policy.ContractInApproval),
	string(policy.ContractRevising), string(policy.ContractApproved), string(policy.ContractSigned)}

// contractList is GET /api/v1/contracts and the signed contracts page:
// every contract for those who see any (service.SeesAllContracts), else the
// user's own and, for a sales manager, the team's; newest change first.
func (s *Server) contractList(ctx context.Context, u store.User, status string, page store.Page) ([]store.Contract, string, error) {
	if status != "" && !slices.Contains(contractStatuses, status) {
		var v validation
		v.Add("status", "field.contract_status")
		return nil, "", v.Err()
	}
	var owners []string
	var err error
	if !service.SeesAllContracts(u.Roles) {
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
	k, err := s.svc.Contract(ctx, u, c.Param("id"))
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

// contractStep takes one step on the contract (service.TakeContractStep),
// keyed by the Idempotency-Key, and answers with the contract as stored.
func (s *Server) contractStep(ctx context.Context, c *gin.Context, u store.User, step service.ContractStep) (store.Contract, error) {
	k, err := s.svc.TakeContractStep(ctx, u, clientKey(c), c.Param("id"), step)
	if err != nil {
		return store.Contract{}, err
	}
	k, err = s.store.ContractByID(ctx, k.ID)
	return k, service.NotFoundAs(err, "contract "+c.Param("id"))
}

// reviseContract keeps a new version (F2 修改); earlier approvals are voided.
func (s *Server) reviseContract() gin.HandlerFunc {
	return jsonAction(s, http.StatusOK, func(ctx context.Context, c *gin.Context, u store.User, in service.ContractContent) (store.Contract, error) {
		return s.contractStep(ctx, c, u, service.ReviseContract(in, nil))
	})
}

// submitContract sends the contract to approval; without service terms it
// is refused with 422 before the workflow is asked (R5.1).
func (s *Server) submitContract() gin.HandlerFunc {
	return readAction(s, http.StatusOK, func(ctx context.Context, c *gin.Context, u store.User) (store.Contract, error) {
		return s.contractStep(ctx, c, u, service.SubmitContract())
	})
}

// recallContract takes a submitted contract back before anyone decided.
func (s *Server) recallContract() gin.HandlerFunc {
	return readAction(s, http.StatusOK, func(ctx context.Context, c *gin.Context, u store.User) (store.Contract, error) {
		return s.contractStep(ctx, c, u, service.RecallContract())
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
