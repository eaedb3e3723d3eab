package service

import (
	"context"
	"errors"

	"github.com/google/uuid"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"

	"salesflow/policy"
	"salesflow/store"
)

// Update sends workflowID the Update name with arg and waits until it
// completes, decoding its result into out (nil: ignored). Its ID comes from
// key, the client's idempotency key (a header for the API, the form's key
// for the pages), scoped to the actor and the Update, so the same key twice
// is one decision and the second call gets the first call's outcome; an
// empty key makes a fresh ID.
func (s *Service) Update(ctx context.Context, key, workflowID, name string, actor store.User, arg, out any) error {
	updateID := uuid.NewString()
	if key != "" {
		updateID = name + ":" + actor.ID + ":" + key
	}
	handle, err := s.temporal.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{WorkflowID: workflowID,
		UpdateID: updateID, UpdateName: name, Args: []any{arg}, WaitForStage: client.WorkflowUpdateStageCompleted})
	if err != nil {
		return err
	}
	return handle.Get(ctx, out)
}

// StepKey is the audit step key of a direct write (no workflow) in scope
// ("calendar/2027-01-01"): with the client's key, scoped to the actor, so
// a request sent again is one event; without one, a fresh key.
func StepKey(scope, actorID, key string) string {
	if key == "" {
		return scope + "/" + uuid.NewString()
	}
	return scope + "/" + actorID + "/" + key
}

// Actor is user as the workflows know who acts.
func Actor(u store.User) policy.Actor {
	return policy.Actor{ID: u.ID, Name: u.Name, Roles: u.Roles}
}

// IsWorkflowGone reports whether err is Temporal answering that the
// workflow has ended (or was removed by retention): the object's process
// is over, so the step is a conflict, not a fault.
func IsWorkflowGone(err error) bool {
	var gone *serviceerror.NotFound
	return errors.As(err, &gone)
}
