package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

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
	if status == "all" {
		status = ""
	}
	list, next, err := s.store.TasksFor(ctx, viewer(u), status, pageParams(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": list, "next_cursor": nilIfEmpty(next)})
}

type decisionRequest struct {
	Decision string `json:"decision"`
	Comment  string `json:"comment"`
	Days     int    `json:"days"`     // contact_overdue: extend by (R2.5)
	OwnerID  string `json:"owner_id"` // contact_overdue: reassign to (R2.5)
}

func (r decisionRequest) check() error {
	var v validation
	if r.Decision != workflows.DecisionApprove && r.Decision != workflows.DecisionReject {
		v.add("decision", "field.decision")
	}
	if r.Decision == workflows.DecisionReject && r.Comment == "" {
		v.add("comment", "field.reject_comment")
	}
	if len([]rune(r.Comment)) > 4000 {
		v.add("comment", "field.too_long", 4000)
	}
	return v.err()
}

// decideTask answers a task through its workflow's Update and returns the
// subject's new state. The author is refused (no self-approval); a task
// already decided is a 409 unless this is the same Idempotency-Key again.
func (s *Server) decideTask(c *gin.Context) {
	var req decisionRequest
	if err := bindJSON(c, &req); err != nil {
		s.fail(c, err)
		return
	}
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	task, err := s.store.TaskByID(ctx, c.Param("id"))
	if err != nil {
		s.fail(c, notFoundAs(err, "task "+c.Param("id")))
		return
	}
	if err := s.checkTaskActor(task, u); err != nil {
		s.fail(c, err)
		return
	}
	if s.decideCustomerTask(c, ctx, task, u, req) {
		return
	}
	if err := req.check(); err != nil {
		s.fail(c, err)
		return
	}
	arg := workflows.DecideRequest{Actor: actor(u), TaskID: task.ID, Decision: req.Decision, Comment: req.Comment}
	if err := s.update(ctx, c, task.WorkflowID, workflows.UpdateProposalDecide, u, arg); err != nil {
		if task.Status != "open" && classify(err).status == http.StatusConflict {
			err = problemErr(http.StatusConflict, "/problems/task-decided", "problem.task_decided", "detail.task_decided", task.ID)
		}
		s.fail(c, err)
		return
	}
	s.respondProposal(c, ctx, task.SubjectID, http.StatusOK)
}

// checkTaskActor refuses the author (403) and anyone the task is not
// offered to (404: they should not learn it exists).
func (s *Server) checkTaskActor(t store.Task, u store.User) error {
	if t.AuthorID == u.ID {
		return errSelfReview
	}
	if !t.CanActOn(viewer(u)) {
		return errNotFound("task " + t.ID)
	}
	return nil
}
