package workflows

import (
	"time"

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
	if workflow.GetVersion(ctx, "local-step-activities", workflow.DefaultVersion, 1) == 1 {
		ctx = withLocalStepOptions(ctx)
	}
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

// localSteps marks a context whose step activities run as local
// activities (see withLocalStepOptions).
type localSteps struct{}

// withLocalStepOptions makes a person's step run its activity as a local
// activity, inside the workflow task that accepted the Update: no activity
// task to be picked up, no second workflow task to record its result, so a
// decision costs about one Update round trip plus its PostgreSQL
// transaction (issue 12). What keeps it exactly-once is unchanged: the
// activity's write is keyed by the step (workflow ID + Update ID), so the
// re-run after a worker dies before the task completes writes nothing.
// The same bound as a regular step activity applies, retries included.
func withLocalStepOptions(ctx workflow.Context) workflow.Context {
	opts := activityOptions()
	ctx = workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{
		StartToCloseTimeout: 10 * time.Second, ScheduleToCloseTimeout: StepScheduleToClose, RetryPolicy: opts.RetryPolicy})
	return workflow.WithValue(ctx, localSteps{}, true)
}

// runStep runs a step's activity: locally in runs that began with local
// steps, as a regular activity in runs recorded before (their histories
// replay as they ran).
func runStep(ctx workflow.Context, activity any, args ...any) workflow.Future {
	if local, _ := ctx.Value(localSteps{}).(bool); local {
		return workflow.ExecuteLocalActivity(ctx, activity, args...)
	}
	return workflow.ExecuteActivity(ctx, activity, args...)
}
