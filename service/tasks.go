package service

import (
	"context"

	"salesflow/store"
)

// The inbox (F1, F2, R2.5): the tasks offered to a person, by the same
// rule for GET /api/v1/tasks and the inbox page.

// Tasks are a page of the tasks actor may act on in status ("" for any),
// oldest first: their own roles' and those delegated to them now (R5.5).
func (s *Service) Tasks(ctx context.Context, actor store.User, status string, page store.Page) ([]store.Task, string, error) {
	tv, err := s.TaskViewer(ctx, actor)
	if err != nil {
		return nil, "", err
	}
	return s.store.TasksFor(ctx, tv, status, page)
}

// Task is task id as stored, for a page that shows its decision form to
// whoever it is offered to (store.Task.CanActOn) and for the answer to a
// decision; a missing one is store.ErrNotFound, as the handlers report it.
func (s *Service) Task(ctx context.Context, id string) (store.Task, error) {
	return s.store.TaskByID(ctx, id)
}

// TaskCustomer is the customer task t is about, for whoever t is offered
// to or who just decided it (a delegate may not otherwise see the
// customer); a missing one is store.ErrNotFound.
func (s *Service) TaskCustomer(ctx context.Context, t store.Task) (store.Customer, error) {
	return s.store.CustomerByID(ctx, t.SubjectID)
}
