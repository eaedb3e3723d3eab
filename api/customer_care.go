package api

import (
	"context"
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"

	"salesflow/service"
	"salesflow/store"
)

// difficultyRequest is the owner's escalation of a large or difficult
// customer (R3.4).
type difficultyRequest struct {
	Reason string `json:"reason" text:"block,max=4000"`
}

func (r *difficultyRequest) check() error {
	var v validation
	service.CheckText(&v, r)
	service.RequiredText(&v, "reason", &r.Reason, 4000)
	return v.Err()
}

var (
	errNotOwner  = problemErr(http.StatusForbidden, "/problems/not-owner", "problem.not_owner", "detail.not_owner")
	errNoManager = problemErr(http.StatusUnprocessableEntity, "/problems/no-manager", "problem.no_manager",
		"detail.no_manager")
	errHardCustomerOpen = problemErr(http.StatusConflict, "/problems/hard-customer-open", "problem.hard_customer_open",
		"detail.hard_customer_open")
)

// flagDifficult lets the owner flag their customer as large or difficult
// (R3.4): the customer is marked and the owner's sales manager gets a
// hard_customer task to answer with a joint approach plan. The same
// Idempotency-Key again is the same escalation.
func (s *Server) flagDifficult(c *gin.Context) {
	var req difficultyRequest
	if err := bindJSON(c, &req); err != nil {
		s.fail(c, err)
		return
	}
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	key, err := idempotencyKey(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	updated, err := s.escalateDifficult(ctx, u, c.Param("id"), &req, key)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.respondCustomer(c, ctx, updated, http.StatusCreated, nil)
}

// escalateDifficult is flagDifficult's check and write, shared with the
// customer page: only the owner, with a reason, and a manager to answer;
// key ("" for a fresh one) names the task, so the same key is the same
// escalation.
func (s *Server) escalateDifficult(ctx context.Context, u store.User, customerID string, req *difficultyRequest, key string) (store.Customer, error) {
	cust, err := s.svc.Customer(ctx, u, customerID)
	if err == nil && cust.OwnerID != u.ID {
		err = errNotOwner
	}
	if err == nil {
		err = req.check()
	}
	if err == nil && u.ManagerID == "" {
		err = errNoManager
	}
	if err != nil {
		return store.Customer{}, err
	}
	if key == "" {
		key = uuid.NewString()
	}
	taskID := uuid.NewSHA1(uuid.NameSpaceURL, []byte("salesflow:hard-customer:"+cust.ID+":"+u.ID+":"+key)).String()
	t := store.NewTask{ID: taskID, Kind: store.TaskKindHardCustomer, SubjectType: "customer", SubjectID: cust.ID,
		WorkflowID: "", AuthorID: u.ID, AssigneeUserID: u.ManagerID}
	if err := s.store.FlagDifficult(ctx, t, req.Reason); err != nil {
		if errors.Is(err, store.ErrDuplicate) {
			err = errHardCustomerOpen
		}
		return store.Customer{}, err
	}
	return s.store.CustomerByID(ctx, cust.ID)
}
