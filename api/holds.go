package api

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"

	"salesflow/policy"
	"salesflow/service"
	"salesflow/store"
	"salesflow/workflows"
)

// holdRoutes are issue 13's holds, waiting lists and the release of claims.
func (s *Server) holdRoutes(g *gin.RouterGroup) {
	g.GET("/resources/:id/claims", s.listClaims)
	g.GET("/resources/:id/waitlist", s.listWaitlist)
	g.POST("/resources/:id/waitlist", s.requireRole(roleSalesperson), s.joinWaitlist)
	g.POST("/waitlist/:id/withdraw", s.withdrawWaitlist)
	g.POST("/claims/:id/release", s.releaseClaim)
	g.GET("/proposals/:id/holds", s.proposalHolds)
	g.POST("/proposals/:id/holds/renewal", s.requestHoldRenewal)
}

// visibleClaim is what u may see of c: everything when it is u's own or u
// sees every salesperson's customers; else only that the slot is held,
// offered or booked and until when (issue 13: never another
// salesperson's customer or price).
func visibleClaim(u store.User, c store.ResourceClaim) store.ResourceClaim {
	if policy.SeesClaim(actor(u), c.HolderID) {
		return c
	}
	c.HolderID, c.HolderName, c.CustomerID, c.CustomerName, c.ProposalID, c.ContractID, c.LineNo = "", "", "", "", "", "", 0
	c.ReleaseReason = ""
	return c
}

// periodQuery reads ?from= and ?to= (both required, to not before from).
func periodQuery(from, to string) (string, string, error) {
	var v validation
	today := time.Now().In(policy.Shanghai)
	f, okF := service.CheckDay(&v, "from", from, service.BusinessDays(today))
	t, okT := service.CheckDay(&v, "to", to, service.BusinessDays(today))
	if okF && okT && t.Before(f) {
		v.Add("to", "field.to_before_from")
	}
	return from, to, v.Err()
}

func (s *Server) listClaims(c *gin.Context) {
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	from, to, err := periodQuery(c.Query("from"), c.Query("to"))
	if err != nil {
		s.fail(c, err)
		return
	}
	list, err := s.store.ClaimsOn(ctx, c.Param("id"), from, to)
	if err != nil {
		s.fail(c, err)
		return
	}
	for i := range list {
		list[i] = visibleClaim(u, list[i])
	}
	c.JSON(http.StatusOK, itemList[store.ResourceClaim]{Items: list})
}

func (s *Server) proposalHolds(c *gin.Context) {
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	p, err := s.svc.Proposal(ctx, u, c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	list, err := s.store.ClaimsOfProposal(ctx, p.ID)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, itemList[store.ResourceClaim]{Items: list})
}

// requestHoldRenewal is the owner asking their manager to renew the
// proposal's holds: the hold workflow's Update opens the manager's task.
func (s *Server) requestHoldRenewal(c *gin.Context) {
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	p, err := s.svc.Proposal(ctx, u, c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	wf, err := s.store.HoldWorkflowOf(ctx, p.ID)
	if errors.Is(err, store.ErrNotFound) {
		err = problemErr(http.StatusConflict, "/problems/nothing-held", "problem.nothing_held", "detail.nothing_held", p.ID)
	}
	var state workflows.HoldState
	if err == nil {
		err = s.svc.Update(ctx, clientKey(c), wf, workflows.UpdateHoldRenewal, u, workflows.RenewalRequest{Actor: actor(u)}, &state)
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, state)
}

type releaseRequest struct {
	Reason string `json:"reason" text:"block,max=500"`
}

// releaseClaim lets a claim go on a person's decision: its holder gives up
// a hold or an offer; a sales manager or an admin releases any claim, a
// booking included, and must say why (audited). What it frees goes to the
// waiting list.
func (s *Server) releaseClaim(c *gin.Context) {
	var req releaseRequest
	if err := bindJSON(c, &req); err != nil {
		s.fail(c, err)
		return
	}
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	claim, err := s.store.ClaimByID(ctx, c.Param("id"))
	if err == nil {
		err = checkRelease(u, claim, &req)
	}
	if err == nil {
		err = s.releaseWithWaitlist(ctx, claim.ID, workflows.ReleaseOrder{ActorID: u.ID, Reason: req.Reason,
			StepKey: service.StepKey("api/claim-release", u.ID, clientKey(c))})
	}
	if err != nil {
		s.fail(c, service.NotFoundAs(err, "claim "+c.Param("id")))
		return
	}
	claim, err = s.store.ClaimByID(ctx, claim.ID)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, claim)
}

// checkRelease: managers release anything with a reason; a holder their
// own hold or offer; anyone else learns nothing of the claim.
func checkRelease(u store.User, claim store.ResourceClaim, req *releaseRequest) error {
	var v validation
	if err := service.TextErr(*req); err != nil {
		return err
	}
	req.Reason = strings.TrimSpace(req.Reason)
	manager := policy.HasRole(u.Roles, policy.RoleSalesManager) || policy.HasRole(u.Roles, policy.RoleAdmin)
	switch {
	case !claim.Live():
		return problemErr(http.StatusConflict, "/problems/claim-released", "problem.claim_released", "detail.claim_released", claim.ID)
	case manager:
		if req.Reason == "" {
			v.Add("reason", "field.required")
		}
	case claim.HolderID != u.ID:
		return errNotFound("claim " + claim.ID)
	case claim.State == store.ClaimBooked:
		return problemErr(http.StatusForbidden, "/problems/booking-release", "problem.booking_release", "detail.booking_release")
	case req.Reason == "":
		req.Reason = "given_up"
	}
	return v.Err()
}

// releaseWithWaitlist starts the waiting-list workflow of the claim with
// the order to release it first (Update-with-Start), and waits until the
// release is stored: the release and the workflow that offers the freed
// slot are one, so Temporal being unreachable refuses the release (503)
// instead of recording one nobody hands on. The same key again lands on
// the same workflow and Update.
func (s *Server) releaseWithWaitlist(ctx context.Context, claimID string, order workflows.ReleaseOrder) error {
	id := workflows.WaitlistWorkflowID(claimID)
	opts := client.StartWorkflowOptions{ID: id, TaskQueue: s.svc.TaskQueue(),
		WorkflowIDConflictPolicy: enumspb.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING, WorkflowIDReusePolicy: service.StartOnce}
	start := s.temporal.NewWithStartWorkflowOperation(opts, workflows.WaitlistWorkflow,
		workflows.WaitlistInput{ReleasedClaimID: claimID, Timing: s.svc.HoldTiming(), Release: &order})
	handle, err := s.temporal.UpdateWithStartWorkflow(ctx, client.UpdateWithStartWorkflowOptions{
		StartWorkflowOperation: start,
		UpdateOptions: client.UpdateWorkflowOptions{WorkflowID: id, UpdateID: workflows.UpdateWaitlistReleased,
			UpdateName: workflows.UpdateWaitlistReleased, WaitForStage: client.WorkflowUpdateStageCompleted},
	})
	if err != nil {
		return err
	}
	return handle.Get(ctx, nil)
}

// startWaitlist starts the waiting-list workflow of each claim a
// withdrawal released. The release is committed already: a start that
// fails is logged, and the offer then passes on when its day ends (the
// workflow that made it finds it released).
func (s *Server) startWaitlist(ctx context.Context, released []string) {
	for _, id := range released {
		opts := client.StartWorkflowOptions{ID: workflows.WaitlistWorkflowID(id), TaskQueue: s.svc.TaskQueue(),
			WorkflowIDReusePolicy: enumspb.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE}
		_, err := s.temporal.ExecuteWorkflow(context.WithoutCancel(ctx), opts, workflows.WaitlistWorkflow,
			workflows.WaitlistInput{ReleasedClaimID: id, Timing: s.svc.HoldTiming()})
		if err != nil && !temporal.IsWorkflowExecutionAlreadyStartedError(err) {
			s.log.ErrorContext(ctx, "waiting list not started", "claim_id", id, "error", err)
		}
	}
}

type waitlistRequest struct {
	From       string `json:"from"`
	To         string `json:"to"`
	CustomerID string `json:"customer_id"`
}

// joinWaitlist queues the salesperson for a resource's dates, first come
// first served.
func (s *Server) joinWaitlist(c *gin.Context) {
	var req waitlistRequest
	if err := bindJSON(c, &req); err != nil {
		s.fail(c, err)
		return
	}
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	e, err := s.joinWaitlistAs(ctx, u, c.Param("id"), req)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, e)
}

// joinWaitlistAs is the one use case behind POST
// /api/v1/resources/{id}/waitlist and the grid page's 加入候补: the dates
// are checked, the customer (if named) must be u's own, and the same
// person waiting for the same dates already is a 409.
func (s *Server) joinWaitlistAs(ctx context.Context, u store.User, resourceID string, req waitlistRequest) (store.WaitlistEntry, error) {
	_, _, err := periodQuery(req.From, req.To)
	if err == nil && req.CustomerID != "" {
		err = s.svc.CheckOwnCustomer(ctx, u, req.CustomerID, "problem.forbidden")
	}
	var e store.WaitlistEntry
	if err == nil {
		e, err = s.store.JoinWaitlist(ctx, store.NewWaitlistEntry{ResourceID: resourceID, StartsOn: req.From,
			EndsOn: req.To, UserID: u.ID, CustomerID: req.CustomerID})
	}
	switch {
	case errors.Is(err, store.ErrDuplicate):
		err = problemErr(http.StatusConflict, "/problems/already-waiting", "problem.already_waiting", "detail.already_waiting")
	case errors.Is(err, store.ErrNotFound):
		err = errNotFound("resource " + resourceID)
	}
	return e, err
}

// listWaitlist is a resource's queue: everyone sees its length and order,
// the people in it only who sees all claims, else only their own entries.
func (s *Server) listWaitlist(c *gin.Context) {
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	list, err := s.store.WaitlistOf(ctx, c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	for i := range list {
		if !policy.SeesClaim(actor(u), list[i].UserID) {
			list[i].UserID, list[i].CustomerID, list[i].OfferClaimID = "", "", ""
		}
	}
	c.JSON(http.StatusOK, itemList[store.WaitlistEntry]{Items: list})
}

// withdrawWaitlist takes the caller's entry out of the queue; an offer it
// held passes to the next.
func (s *Server) withdrawWaitlist(c *gin.Context) {
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	e, err := s.withdrawWaitlistAs(ctx, u, c.Param("id"), service.StepKey("api/waitlist-withdraw", u.ID, clientKey(c)))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, e)
}

// withdrawWaitlistAs is the one use case behind POST
// /api/v1/waitlist/{id}/withdraw and the /waitlist page's withdraw
// button: only the entry's owner withdraws it (another's is not found),
// and an offer it held is handed on to the next.
func (s *Server) withdrawWaitlistAs(ctx context.Context, u store.User, entryID, stepKey string) (store.WaitlistEntry, error) {
	id, perr := strconv.ParseInt(entryID, 10, 64)
	if perr != nil {
		return store.WaitlistEntry{}, errNotFound("waiting-list entry " + entryID)
	}
	released, err := s.store.WithdrawWaitlist(ctx, id, u.ID, stepKey)
	if err != nil {
		return store.WaitlistEntry{}, service.NotFoundAs(err, "waiting-list entry "+entryID)
	}
	s.startWaitlist(ctx, released)
	return s.store.WaitlistEntryByID(ctx, id)
}
