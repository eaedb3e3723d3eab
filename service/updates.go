package service

import (
	"context"
	"errors"
	"time"

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
	return s.updateAndWait(ctx, client.UpdateWorkflowOptions{WorkflowID: workflowID, UpdateID: updateID,
		UpdateName: name, Args: []any{arg}, WaitForStage: client.WorkflowUpdateStageCompleted}, out)
}

// updateAndWait sends the Update opts names, waits for its outcome and
// decodes the result into out (nil: ignored); see retryAborted.
func (s *Service) updateAndWait(ctx context.Context, opts client.UpdateWorkflowOptions, out any) error {
	return retryAborted(ctx, func() error {
		handle, err := s.temporal.UpdateWorkflow(ctx, opts)
		if err != nil {
			return err
		}
		return handle.Get(ctx, out)
	})
}

// updateWithStart starts workflow with input unless it runs already
// (start says how) and sends it the Update of update in the same call,
// waiting for the Update's outcome; see retryAborted. A with-start
// operation is spent once sent, so each attempt makes its own.
func (s *Service) updateWithStart(ctx context.Context, start client.StartWorkflowOptions, workflow, input any,
	update client.UpdateWorkflowOptions) error {
	return retryAborted(ctx, func() error {
		op := s.temporal.NewWithStartWorkflowOperation(start, workflow, input)
		handle, err := s.temporal.UpdateWithStartWorkflow(ctx,
			client.UpdateWithStartWorkflowOptions{StartWorkflowOperation: op, UpdateOptions: update})
		if err != nil {
			return err
		}
		return handle.Get(ctx, nil)
	})
}

// retryAborted runs send, which sends one Update and waits for it, again
// while the server answers that it aborted the Update before the workflow
// accepted it (abortedBeforeAccepted), up to updateAttempts times.
func retryAborted(ctx context.Context, send func() error) error {
	for attempt := 1; ; attempt++ {
		err := send()
		if !abortedBeforeAccepted(err) || attempt == updateAttempts {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(time.Duration(attempt) * updateRetryPause):
		}
	}
}

// An Update the server aborted before the workflow accepted it is sent
// again, with the same ID, up to updateAttempts times in all, pausing a
// little longer each time.
const (
	updateAttempts   = 4
	updateRetryPause = 25 * time.Millisecond
)

// abortedBeforeAccepted reports whether err is the server giving up on an
// Update it had handed to the workflow because that workflow task failed:
// a task completed while a new event came in (a child workflow ending
// just then) fails as UnhandledCommand, and the Update it carried was
// neither accepted nor rejected. Nothing of it happened, so the same
// Update ID is safe to send again; a person's signature landed as a 500
// about one time in eight when a waiting-list child ended beside it.
func abortedBeforeAccepted(err error) bool {
	var notReady *serviceerror.WorkflowNotReady
	return errors.As(err, &notReady)
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
