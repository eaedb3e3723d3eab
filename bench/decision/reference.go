package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	"go.temporal.io/sdk/client"
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
}

type reference struct {
	tc client.Client
	id string
}

func startReference(ctx context.Context, tc client.Client) (*reference, error) {
	r := &reference{tc: tc, id: "bench-bare-" + uuid.NewString()}
	_, err := tc.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: r.id, TaskQueue: taskQueue}, referenceWorkflowName)
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
