package workflows

import (
	"go.temporal.io/sdk/workflow"
)

// updateHandler names one Update with its handler and validator (nil when
// the Update only waits and needs no check).
type updateHandler struct {
	name      string
	handler   any
	validator any
}

// registerUpdates registers every Update of a workflow; it runs before the
// workflow first blocks, so an Update sent with the start is handled.
func registerUpdates(ctx workflow.Context, handlers []updateHandler) error {
	for _, h := range handlers {
		opts := workflow.UpdateHandlerOptions{Validator: h.validator}
		if err := workflow.SetUpdateHandlerWithOptions(ctx, h.name, h.handler, opts); err != nil {
			return err
		}
	}
	return nil
}

// stepper runs the human steps of one workflow (proposal or contract) the
// same way: wait until the record exists, take the workflow's mutex so steps
// never interleave, check again (the state may have moved while the Update
// waited), write with the step's idempotency key — workflow ID + Update ID —
// and publish the new stage for the Temporal UI.
type stepper struct {
	lock  workflow.Mutex
	ready func() bool   // the record is stored (version 1 drafted)
	stage func() string // the status to publish as the Stage search attribute
}

func newStepper(ctx workflow.Context, ready func() bool, stage func() string) *stepper {
	return &stepper{lock: workflow.NewMutex(ctx), ready: ready, stage: stage}
}

// run performs one step; recheck repeats the validator under the lock.
func (s *stepper) run(ctx workflow.Context, recheck func(workflow.Context) error, write func(workflow.Context, string) error) error {
	if err := workflow.Await(ctx, s.ready); err != nil {
		return err
	}
	ctx = withStepOptions(ctx)
	key := workflow.GetInfo(ctx).WorkflowExecution.ID + "/" + workflow.GetCurrentUpdateInfo(ctx).ID
	err := s.locked(ctx, func() error {
		if err := recheck(ctx); err != nil {
			return err
		}
		return write(ctx, key)
	})
	if err != nil {
		return err
	}
	s.publish(ctx)
	return nil
}

// locked runs fn holding the workflow's mutex.
func (s *stepper) locked(ctx workflow.Context, fn func() error) error {
	if err := s.lock.Lock(ctx); err != nil {
		return err
	}
	defer s.lock.Unlock()
	return fn()
}

// publish sets the Stage search attribute so admins can filter by it.
func (s *stepper) publish(ctx workflow.Context) {
	if err := workflow.UpsertTypedSearchAttributes(ctx, stageKey.ValueSet(s.stage())); err != nil {
		workflow.GetLogger(ctx).Warn("stage search attribute not set", "error", err)
	}
}
