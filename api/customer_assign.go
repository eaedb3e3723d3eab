package api

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"

	"salesflow/service"
	"salesflow/store"
	"salesflow/workflows"
)

type assignmentRequest struct {
	OwnerID string `json:"owner_id"`
	Reason  string `json:"reason" text:"block,max=1000"`
}

var errAlreadyOwner = problemErr(http.StatusConflict, "/problems/conflict", "problem.conflict", "detail.already_owner")

// assignCustomer is the sales manager's final say (R2.3): give a customer of
// their team, or one from the pool (R2.6), to one of their salespeople, with
// a reason, audited. The new owner gets a fresh week to contact (R2.5).
func (s *Server) assignCustomer(c *gin.Context) {
	var req assignmentRequest
	if err := bindJSON(c, &req); err != nil {
		s.fail(c, err)
		return
	}
	key, err := idempotencyKey(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	updated, err := s.assignTo(ctx, u, c.Param("id"), req, key)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.respondCustomer(c, ctx, updated, http.StatusOK, nil)
}

// assignTo is R2.3 for the API and the pool page alike: the customer must
// be visible to the manager and the new owner one of their salespeople.
// key names the step, so the same request sent twice assigns once.
func (s *Server) assignTo(ctx context.Context, u store.User, customerID string, req assignmentRequest, key string) (store.Customer, error) {
	cust, err := s.svc.Customer(ctx, u, customerID)
	if err == nil {
		err = req.check()
	}
	if err == nil {
		err = s.checkTeamMember(ctx, u, req.OwnerID)
	}
	if err != nil {
		return store.Customer{}, err
	}
	if key == "" {
		key = uuid.NewString()
	}
	return s.assign(ctx, u, cust, req.OwnerID, store.OwnershipAssigned, strings.TrimSpace(req.Reason), key)
}

func (r assignmentRequest) check() error {
	var v validation
	service.CheckText(&v, r)
	if r.OwnerID == "" {
		v.Add("owner_id", "field.owner_required")
	}
	if strings.TrimSpace(r.Reason) == "" {
		v.Add("reason", "field.reason_required")
	}
	service.CheckLen(&v, "reason", r.Reason, 1000)
	return v.Err()
}

// assign changes the owner as one audited step, ends the previous owner's
// contact deadline and starts the new owner's.
func (s *Server) assign(ctx context.Context, u store.User, cust store.Customer, ownerID, kind, reason, key string) (store.Customer, error) {
	step := store.Step{Key: "customer/" + cust.ID + "/assign/" + u.ID + "/" + key, ActorID: u.ID,
		Action: "customer.assigned", Detail: map[string]any{"owner_id": ownerID,
			"previous_owner_id": cust.OwnerID, "reason": reason, "kind": kind}}
	updated, err := s.store.AssignCustomer(ctx, store.Assignment{CustomerID: cust.ID, OwnerID: ownerID, Kind: kind,
		Reason: reason, ContactDeadline: s.svc.ContactDeadline()}, step, nil)
	if errors.Is(err, store.ErrConflict) {
		return store.Customer{}, errAlreadyOwner
	}
	if err != nil {
		return store.Customer{}, err
	}
	if updated.OwnerGeneration != cust.OwnerGeneration {
		s.svc.NudgeContact(ctx, cust.ID, cust.OwnerGeneration, workflows.SignalOwnershipEnded)
	}
	s.svc.StartContactDeadline(ctx, updated)
	return updated, nil
}
