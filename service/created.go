package service

import (
	"context"
	"errors"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"

	"salesflow/workflows"
)

// CreatedStart names a workflow a create starts: its ID (derived from the
// request), the search attributes admins filter by, the workflow and its
// input, and the Update that answers once the record is stored.
type CreatedStart struct {
	WorkflowID, CustomerID, OwnerID, Stage string
	Workflow, Input                        any
	Created                                string
}

// StartCreated starts the workflow with its "created" Update
// (Update-with-Start) and waits until the record is in PostgreSQL, so the
// 201 reads back at once. The same request again lands on the same
// workflow (USE_EXISTING) and the same Update ID, so it is one create.
func (s *Service) StartCreated(ctx context.Context, c CreatedStart) error {
	opts := client.StartWorkflowOptions{ID: c.WorkflowID, TaskQueue: s.cfg.TaskQueue,
		WorkflowIDConflictPolicy: enumspb.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING,
		WorkflowIDReusePolicy:    StartOnce,
		TypedSearchAttributes: temporal.NewSearchAttributes(
			temporal.NewSearchAttributeKeyKeyword(workflows.SearchAttrCustomerID).ValueSet(c.CustomerID),
			temporal.NewSearchAttributeKeyKeyword(workflows.SearchAttrOwnerID).ValueSet(c.OwnerID),
			temporal.NewSearchAttributeKeyKeyword(workflows.SearchAttrStage).ValueSet(c.Stage),
		)}
	return s.updateWithStart(ctx, opts, c.Workflow, c.Input, client.UpdateWorkflowOptions{WorkflowID: c.WorkflowID,
		UpdateID: "created", UpdateName: c.Created, WaitForStage: client.WorkflowUpdateStageCompleted})
}

// AwaitCreatedKnown is for a create posted again whose record is already
// stored: it waits until the workflow itself has recorded the creation
// (the same "created" Update again, answered with its first outcome), since
// the row is written by the step before the workflow records the step's
// result, and a client answered from the row alone could act (submit,
// decide) before the workflow would accept it. A workflow no longer
// running (closed, or removed by retention) has nothing to wait for.
func (s *Service) AwaitCreatedKnown(ctx context.Context, workflowID, created string) error {
	err := s.updateAndWait(ctx, client.UpdateWorkflowOptions{WorkflowID: workflowID,
		UpdateID: "created", UpdateName: created, WaitForStage: client.WorkflowUpdateStageCompleted}, nil)
	var gone *serviceerror.NotFound
	if errors.As(err, &gone) {
		return nil
	}
	return err
}
