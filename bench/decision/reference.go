package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
	sdkworker "go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"
)

// The reference: a workflow whose only work is one Update with a
// validator, so its round trip is what any Update costs on this server.
const (
	referenceWorkflowName = "BenchBareUpdate"
	referenceUpdate       = "touch"
)

func bareUpdateWorkflow(ctx workflow.Context) error {
	count := 0
	handler := func(ctx workflow.Context, n int) (int, error) {
		count++
		return count, nil
	}
	validator := func(ctx workflow.Context, n int) error {
		if n < 0 {
			return errors.New("negative")
		}
		return nil
	}
	if err := workflow.SetUpdateHandlerWithOptions(ctx, referenceUpdate, handler,
		workflow.UpdateHandlerOptions{Validator: validator}); err != nil {
		return err
	}
	return workflow.Await(ctx, func() bool { return false })
}

func registerReference(w sdkworker.Worker) {
	w.RegisterWorkflowWithOptions(bareUpdateWorkflow, workflow.RegisterOptions{Name: referenceWorkflowName})
	w.RegisterWorkflowWithOptions(shapedUpdateWorkflow, workflow.RegisterOptions{Name: shapedWorkflowName})
}

// The second reference has a decision's Temporal shape without its work:
// an Update whose handler runs an empty local activity and sets the Stage
// search attribute, as a step does (workflows/steps.go). It is not the
// yardstick; it shows how much of a decision is Temporal's own cost of
// that shape on this server (the search attribute's visibility write) and
// how much is ours (PostgreSQL, the API).
const shapedWorkflowName = "BenchShapedUpdate"

func emptyStep(context.Context) error { return nil }

func shapedUpdateWorkflow(ctx workflow.Context) error {
	count := 0
	stage := temporal.NewSearchAttributeKeyKeyword("Stage")
	handler := func(ctx workflow.Context, n int) (int, error) {
		ctx = workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{StartToCloseTimeout: 10 * time.Second})
		if err := workflow.ExecuteLocalActivity(ctx, emptyStep).Get(ctx, nil); err != nil {
			return 0, err
		}
		count++
		return count, workflow.UpsertTypedSearchAttributes(ctx, stage.ValueSet(fmt.Sprint("stage-", count)))
	}
	if err := workflow.SetUpdateHandler(ctx, referenceUpdate, handler); err != nil {
		return err
	}
	return workflow.Await(ctx, func() bool { return false })
}

type reference struct {
	tc client.Client
	id string
}

func startReference(ctx context.Context, tc client.Client, name string) (*reference, error) {
	r := &reference{tc: tc, id: "bench-bare-" + uuid.NewString()}
	_, err := tc.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: r.id, TaskQueue: taskQueue}, name)
	return r, err
}

// update times one Update round trip, waited for until Completed.
func (r *reference) update(ctx context.Context, i int) (time.Duration, error) {
	start := time.Now()
	h, err := r.tc.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{WorkflowID: r.id, UpdateName: referenceUpdate,
		UpdateID: fmt.Sprintf("touch-%d", i), Args: []any{i}, WaitForStage: client.WorkflowUpdateStageCompleted})
	if err == nil {
		var n int
		err = h.Get(ctx, &n)
	}
	return time.Since(start), err
}

func (r *reference) stop(ctx context.Context) {
	_ = r.tc.TerminateWorkflow(ctx, r.id, "", "benchmark done")
}
