package api

import (
	"context"
	"errors"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"

	"salesflow/workflows"
)

// startOnce is the reuse policy of every workflow the API starts under an
// ID derived from the request (a proposal's or visit's Idempotency-Key, an
// ownership's generation). A workflow that completed is never started again
// under its ID: a create posted again after its proposal was accepted (the
// browser's Back) answers with the proposal as stored, where Temporal's
// default would start a second run believing it a fresh draft. Only a run
// that failed, was terminated or timed out may start again: it stored
// nothing to answer with, and the corrected request deserves a run.
const startOnce = enumspb.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY

// startedBefore reports whether err is Temporal refusing a start because a
// closed run already used the ID (see startOnce); the caller answers with
// what that run stored.
func startedBefore(err error) bool {
	var already *serviceerror.WorkflowExecutionAlreadyStarted
	return errors.As(err, &already)
}

// createdStart names a workflow a create starts: its ID (derived from the
// request), the search attributes admins filter by, the workflow and its
// input, and the Update that answers once the record is stored.
type createdStart struct {
	workflowID, customerID, ownerID, stage string
	workflow, input                        any
	created                                string
}

// startCreated starts the workflow with its "created" Update
// (Update-with-Start) and waits until the record is in PostgreSQL, so the
// 201 reads back at once. The same request again lands on the same
// workflow (USE_EXISTING) and the same Update ID, so it is one create.
func (s *Server) startCreated(ctx context.Context, c createdStart) error {
	opts := client.StartWorkflowOptions{ID: c.workflowID, TaskQueue: s.cfg.TaskQueue,
		WorkflowIDConflictPolicy: enumspb.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING,
		WorkflowIDReusePolicy:    startOnce,
		TypedSearchAttributes: temporal.NewSearchAttributes(
			temporal.NewSearchAttributeKeyKeyword(workflows.SearchAttrCustomerID).ValueSet(c.customerID),
			temporal.NewSearchAttributeKeyKeyword(workflows.SearchAttrOwnerID).ValueSet(c.ownerID),
			temporal.NewSearchAttributeKeyKeyword(workflows.SearchAttrStage).ValueSet(c.stage),
		)}
	start := s.temporal.NewWithStartWorkflowOperation(opts, c.workflow, c.input)
	handle, err := s.temporal.UpdateWithStartWorkflow(ctx, client.UpdateWithStartWorkflowOptions{
		StartWorkflowOperation: start,
		UpdateOptions: client.UpdateWorkflowOptions{WorkflowID: c.workflowID, UpdateID: "created",
			UpdateName: c.created, WaitForStage: client.WorkflowUpdateStageCompleted},
	})
	if err != nil {
		return err
	}
	return handle.Get(ctx, nil)
}

// awaitCreatedKnown is for a create posted again whose record is already
// stored: it waits until the workflow itself has recorded the creation
// (the same "created" Update again, answered with its first outcome), since
// the row is written by the step before the workflow records the step's
// result, and a client answered from the row alone could act (submit,
// decide) before the workflow would accept it. A workflow no longer
// running (closed, or removed by retention) has nothing to wait for.
func (s *Server) awaitCreatedKnown(ctx context.Context, workflowID, created string) error {
	handle, err := s.temporal.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{WorkflowID: workflowID,
		UpdateID: "created", UpdateName: created, WaitForStage: client.WorkflowUpdateStageCompleted})
	if err == nil {
		err = handle.Get(ctx, nil)
	}
	var gone *serviceerror.NotFound
	if errors.As(err, &gone) {
		return nil
	}
	return err
}
