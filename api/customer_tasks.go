package api

import (
	"context"
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"

	"salesflow/store"
	"salesflow/workflows"
)

// decideCustomerTask answers the customer registry's tasks — contact_overdue
// (R2.5) and weekly_check (R1.4) — and reports whether task was one of them.
func (s *Server) decideCustomerTask(c *gin.Context, ctx context.Context, task store.Task, u store.User, req decisionRequest) bool {
	switch task.Kind {
	case workflows.TaskKindContactOverdue:
		s.decideContactTask(c, ctx, task, u, req)
	case workflows.TaskKindWeeklyCheck:
		s.decideWeeklyCheck(c, ctx, task, u, req)
	default:
		return false
	}
	return true
}

// decideWeeklyCheck records the manager's check of a salesperson's week
// (R1.4): approve, or reject with a comment for the salesperson. Nothing
// waits on it, so it is written directly rather than through a workflow.
func (s *Server) decideWeeklyCheck(c *gin.Context, ctx context.Context, task store.Task, u store.User, req decisionRequest) {
	if err := req.check(); err != nil {
		s.fail(c, err)
		return
	}
	key, err := idempotencyKey(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	if key == "" {
		key = uuid.NewString()
	}
	err = s.store.DecideWeeklyCheck(ctx, task, req.Decision, req.Comment, u.ID, u.ID+"/"+key)
	if errors.Is(err, store.ErrConflict) {
		err = problemErr(http.StatusConflict, "/problems/task-decided", "problem.task_decided", "detail.task_decided", task.ID)
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	decided, err := s.store.TaskByID(ctx, task.ID)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, decided)
}
