package api

import (
	"context"
	"net/http"
	"salesflow/api/wire"

	"github.com/gin-gonic/gin"

	"salesflow/httpx"
	"salesflow/service"
	"salesflow/session"
	"salesflow/store"
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
	s.delegationRoutes(g)
}

func (s *Server) listContracts(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	list, next, err := s.svc.Contracts(ctx, u, c.Query("status"), httpx.Page(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	items := make([]wire.ContractSummary, len(list))
	for i, k := range list {
		items[i] = wire.ContractSummary{ID: k.ID, ProposalID: k.ProposalID, CustomerID: k.CustomerID, CustomerName: k.CustomerName,
			OwnerID: k.OwnerID, OwnerName: k.OwnerName, Status: k.Status, Version: k.Version, WorkflowID: k.WorkflowID,
			Major: k.Major, RequiredApprovals: k.RequiredApprovals, TotalFen: k.TotalFen, StartsOn: k.StartsOn,
			EndsOn: k.EndsOn, CreatedAt: k.CreatedAt, UpdatedAt: k.UpdatedAt, OpenTaskID: k.OpenTaskID}
	}
	c.JSON(http.StatusOK, wire.PageOf(items, next))
}

func (s *Server) getContract(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	k, err := s.svc.Contract(ctx, u, c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, wire.ContractOf(k))
}

func (s *Server) respondContract(c *gin.Context, ctx context.Context, id string, status int) {
	k, err := s.svc.StoredContract(ctx, id)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(status, wire.ContractOf(k))
}

// contractStep takes one step on the contract (service.TakeContractStep),
// keyed by the Idempotency-Key, and answers with the contract as stored.
func (s *Server) contractStep(ctx context.Context, c *gin.Context, u store.User, step service.ContractStep) (wire.Contract, error) {
	k, err := s.svc.TakeContractStep(ctx, u, clientKey(c), c.Param("id"), step)
	if err != nil {
		return wire.Contract{}, err
	}
	k, err = s.svc.StoredContract(ctx, k.ID)
	return wire.ContractOf(k), err
}

// reviseContract keeps a new version (F2 修改); earlier approvals are voided.
func (s *Server) reviseContract() gin.HandlerFunc {
	return jsonAction(s, http.StatusOK, func(ctx context.Context, c *gin.Context, u store.User, in service.ContractContent) (wire.Contract, error) {
		return s.contractStep(ctx, c, u, service.ReviseContract(in, nil))
	})
}

// submitContract sends the contract to approval; without service terms it
// is refused with 422 before the workflow is asked (R5.1).
func (s *Server) submitContract() gin.HandlerFunc {
	return readAction(s, http.StatusOK, func(ctx context.Context, c *gin.Context, u store.User) (wire.Contract, error) {
		return s.contractStep(ctx, c, u, service.SubmitContract())
	})
}

// recallContract takes a submitted contract back before anyone decided.
func (s *Server) recallContract() gin.HandlerFunc {
	return readAction(s, http.StatusOK, func(ctx context.Context, c *gin.Context, u store.User) (wire.Contract, error) {
		return s.contractStep(ctx, c, u, service.RecallContract())
	})
}
