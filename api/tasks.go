package api

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"salesflow/policy"
	"salesflow/service"
	"salesflow/store"
	"salesflow/workflows"
)

func viewer(u store.User) store.TaskViewer { return store.TaskViewer{UserID: u.ID, Roles: u.Roles} }

// listTasks is the inbox: tasks the caller may act on, oldest first.
func (s *Server) listTasks(c *gin.Context) {
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	status := c.DefaultQuery("status", "open")
	var v validation
	if checkStatus(&v, "status", status, taskStatuses); v.Err() != nil {
		s.fail(c, v.Err())
		return
	}
	if status == "all" {
		status = ""
	}
	tv, err := s.taskViewer(ctx, u)
	if err != nil {
		s.fail(c, err)
		return
	}
	list, next, err := s.store.TasksFor(ctx, tv, status, pageParams(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, page(list, next))
}

type decisionRequest struct {
	Decision string `json:"decision"`
	Comment  string `json:"comment" text:"block,max=4000"`
	Days     int    `json:"days"`     // contact_overdue: extend by (R2.5)
	OwnerID  string `json:"owner_id"` // contact_overdue: reassign to (R2.5)
}

func (r decisionRequest) check() error {
	var v validation
	if r.Decision != workflows.DecisionApprove && r.Decision != workflows.DecisionReject {
		v.Add("decision", "field.decision")
	}
	if r.Decision == workflows.DecisionReject && r.Comment == "" {
		v.Add("comment", "field.reject_comment")
	}
	if len([]rune(r.Comment)) > 4000 {
		v.Add("comment", "field.too_long", 4000)
	}
	return v.Err()
}

// decideTask answers a task through its workflow's Update and returns the
// subject's new state.
func (s *Server) decideTask(c *gin.Context) {
	var req decisionRequest
	if err := bindJSON(c, &req); err != nil {
		s.fail(c, err)
		return
	}
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	task, err := s.applyDecision(ctx, u, clientKey(c), c.Param("id"), req)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.respondDecided(c, ctx, task)
}

// respondDecided answers a decision with the new state of its subject.
func (s *Server) respondDecided(c *gin.Context, ctx context.Context, task store.Task) {
	switch task.SubjectType {
	case "contract":
		s.respondContract(c, ctx, task.SubjectID, http.StatusOK)
		return
	case "customer":
		cust, err := s.store.CustomerByID(ctx, task.SubjectID)
		if err != nil {
			s.fail(c, err)
			return
		}
		s.respondCustomer(c, ctx, cust, http.StatusOK, nil)
		return
	case "proposal":
		s.respondProposal(c, ctx, task.SubjectID, http.StatusOK)
		return
	case "visit":
		s.respondVisit(c, ctx, task.SubjectID, http.StatusOK)
		return
	}
	decided, err := s.store.TaskByID(ctx, task.ID)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, decided)
}

// applyDecision is the one path of a decision, for the API and the pages:
// the author is refused (no self-approval), someone the task is not offered
// to gets 404, and a task already decided is a 409 unless this is the same
// Idempotency-Key again (then Temporal returns the first outcome).
func (s *Server) applyDecision(ctx context.Context, u store.User, key, taskID string, req decisionRequest) (store.Task, error) {
	if err := service.TextErr(req); err != nil {
		return store.Task{}, err
	}
	task, err := s.store.TaskByID(ctx, taskID)
	if err != nil {
		return store.Task{}, service.NotFoundAs(err, "task "+taskID)
	}
	if err := s.checkTaskActor(ctx, task, u); err != nil {
		return task, err
	}
	switch task.Kind {
	case workflows.TaskKindWeeklyCheck:
		err = s.decideWeeklyCheck(ctx, key, task, u, req)
	case workflows.TaskKindContactOverdue:
		err = s.decideContact(ctx, key, task, u, req)
	case store.TaskKindHardCustomer:
		err = s.decideHardCustomer(ctx, key, task, u, req)
	default:
		err = s.decideByUpdate(ctx, key, task, u, req)
	}
	if err != nil && task.Status != "open" && problemStatus(err) == http.StatusConflict {
		err = problemErr(http.StatusConflict, "/problems/task-decided", "problem.task_decided", "detail.task_decided", task.ID)
	}
	return task, err
}

// decideByUpdate answers a proposal review or a contract approval step
// through its workflow's Update.
func (s *Server) decideByUpdate(ctx context.Context, key string, task store.Task, u store.User, req decisionRequest) error {
	if err := req.check(); err != nil {
		return err
	}
	name, arg, err := s.decisionFor(ctx, task, u, req)
	if err != nil {
		return err
	}
	return s.svc.Update(ctx, key, task.WorkflowID, name, u, arg, nil)
}

// decisionFor builds the Update a task's subject takes: a proposal review
// (F1) or a contract approval step (F2), the latter with the delegation the
// decider acts under, resolved now (R5.5).
func (s *Server) decisionFor(ctx context.Context, task store.Task, u store.User, req decisionRequest) (string, any, error) {
	if task.SubjectType == "visit" {
		return visitDecision(task, u, req)
	}
	if task.Kind == workflows.TaskKindHoldRenewal { // issue 13: the hold workflow's own decide
		return workflows.UpdateHoldDecide, workflows.DecideRequest{Actor: actor(u), TaskID: task.ID,
			Decision: req.Decision, Comment: req.Comment}, nil
	}
	if task.SubjectType != "contract" {
		return workflows.UpdateProposalDecide, workflows.DecideRequest{Actor: actor(u), TaskID: task.ID,
			Decision: req.Decision, Comment: req.Comment}, nil
	}
	var behalf *policy.Actor
	if task.AssigneeRole != nil {
		var err error
		if behalf, err = s.delegatorFor(ctx, u, policy.Role(*task.AssigneeRole)); err != nil {
			return "", nil, err
		}
	}
	return workflows.UpdateContractDecide, workflows.ContractDecideRequest{Actor: actor(u), OnBehalfOf: behalf,
		TaskID: task.ID, Decision: req.Decision, Comment: req.Comment}, nil
}

// checkTaskActor refuses the author (403) and anyone the task is not
// offered to, by role, assignment or delegation (404: they should not
// learn it exists).
func (s *Server) checkTaskActor(ctx context.Context, t store.Task, u store.User) error {
	if t.AuthorID == u.ID {
		return errSelfReview
	}
	tv, err := s.taskViewer(ctx, u)
	if err != nil {
		return err
	}
	if !t.CanActOn(tv) {
		return errNotFound("task " + t.ID)
	}
	return nil
}
