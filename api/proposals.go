package api

import (
	"context"
	"net/http"
	"salesflow/api/wire"
	"strings"

	"github.com/gin-gonic/gin"

	"salesflow/httpx"
	"salesflow/policy"
	"salesflow/service"
	"salesflow/session"
	"salesflow/store"
	"salesflow/workflows"
)

// proposalRoutes adds the proposal routes (F1, service/proposals.go) to
// the signed-in group.
func (s *Server) proposalRoutes(authed *gin.RouterGroup) {
	authed.POST("/proposals", s.requireRole(session.RoleSalesperson), jsonAction(s, http.StatusCreated,
		func(ctx context.Context, c *gin.Context, u store.User, in service.NewProposalInput) (wire.Proposal, error) {
			id, err := s.svc.CreateProposal(ctx, u, clientKey(c), in)
			if err != nil {
				return wire.Proposal{}, err
			}
			return answered(wire.ProposalOf)(s.svc.StoredProposal(ctx, id))
		}))
	authed.GET("/proposals", s.listProposals)
	authed.GET("/proposals/:id", readAction(s, http.StatusOK,
		func(ctx context.Context, c *gin.Context, u store.User) (wire.Proposal, error) {
			return answered(wire.ProposalOf)(s.svc.Proposal(ctx, u, c.Param("id")))
		}))
	authed.PUT("/proposals/:id", func(c *gin.Context) { // a new version (F1 修改)
		var in service.ProposalContent
		if err := bindJSON(c, &in); err != nil {
			s.fail(c, err)
			return
		}
		s.proposalStep(c, service.ReviseProposal(in, nil))
	})
	authed.POST("/proposals/:id/submit", func(c *gin.Context) { s.proposalStep(c, service.SubmitProposal()) })
	authed.POST("/proposals/:id/customer-response", func(c *gin.Context) {
		var in service.CustomerResponseInput
		if err := bindJSON(c, &in); err != nil {
			s.fail(c, err)
			return
		}
		s.proposalStep(c, service.CustomerResponse(in))
	})
}

// respondProposal answers with the proposal as stored.
func (s *Server) respondProposal(c *gin.Context, ctx context.Context, id string, status int) {
	p, err := s.svc.StoredProposal(ctx, id)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(status, wire.ProposalOf(p))
}

func (s *Server) listProposals(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	list, next, err := s.svc.Proposals(ctx, u, c.Query("status"), httpx.Page(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, wire.PageOf(wire.Map(list, wire.ProposalOf), next))
}

// proposalStep takes an author's step on the proposal of the path and
// answers with the proposal as stored.
func (s *Server) proposalStep(c *gin.Context, step service.ProposalStep) {
	u, _ := session.User(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	p, state, err := s.svc.TakeProposalStep(ctx, u, clientKey(c), c.Param("id"), step)
	if err != nil {
		s.fail(c, err)
		return
	}
	// The step is recorded: the answer is built on a context of its own,
	// so the request's time running out never turns it into an error.
	rctx, rcancel := s.responseCtx(c)
	defer rcancel()
	if step.StepName() == workflows.UpdateProposalResponse && state.Status == policy.ProposalAccepted {
		// F2: answer with the drafted contract, waiting half the budget
		// at most; the read below keeps the rest.
		actx, acancel := context.WithTimeout(rctx, s.cfg.RequestTimeout/2)
		s.svc.AwaitContract(actx, p.ID)
		acancel()
	}
	stored, err := s.svc.StoredProposal(rctx, p.ID)
	if err != nil {
		s.fail(c, err)
		return
	}
	if stored.ContractID == nil && state.ContractID != "" {
		stored.ContractID = &state.ContractID // started, its draft still being stored
	}
	c.JSON(http.StatusOK, wire.ProposalOf(stored))
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
