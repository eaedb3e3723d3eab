package api

import (
	"context"
	"errors"
	"net/http"

	"github.com/google/uuid"

	"salesflow/store"
)

// decideWeeklyCheck records the manager's check of a salesperson's week
// (R1.4): approve, or reject with a comment for the salesperson. Nothing
// waits on it, so it is written directly rather than through a workflow.
func (s *Server) decideWeeklyCheck(ctx context.Context, key string, task store.Task, u store.User, req decisionRequest) error {
	if err := req.check(); err != nil {
		return err
	}
	return decideDirect(key, task, u, func(key string) error {
		return s.store.DecideWeeklyCheck(ctx, task, req.Decision, req.Comment, u.ID, key)
	})
}

// decideDirect writes a decision no workflow waits on: the request's
// Idempotency-Key (or a fresh one) makes a retried click one decision, and a
// task decided otherwise is 409.
func decideDirect(key string, task store.Task, u store.User, write func(key string) error) error {
	if key == "" {
		key = uuid.NewString()
	}
	err := write(u.ID + "/" + key)
	if errors.Is(err, store.ErrConflict) {
		return problemErr(http.StatusConflict, "/problems/task-decided", "problem.task_decided", "detail.task_decided", task.ID)
	}
	return err
}
