// Package worker assembles the Temporal worker: every workflow and activity
// of Salesflow registered on one task queue.
package worker

import (
	"go.temporal.io/sdk/client"
	sdkworker "go.temporal.io/sdk/worker"

	"salesflow/activities"
	"salesflow/workflows"
)

// New returns a worker for taskQueue with every workflow and the activities
// acts registered. The caller starts and stops it.
func New(c client.Client, taskQueue string, acts *activities.Activities) sdkworker.Worker {
	w := sdkworker.New(c, taskQueue, sdkworker.Options{})
	Register(w, acts)
	return w
}

// Register adds every workflow and activity to r; replay tests use it too
// so the replayer knows exactly what the worker runs.
func Register(r sdkworker.Registry, acts *activities.Activities) {
	r.RegisterWorkflow(workflows.ProposalWorkflow)
	r.RegisterActivity(acts)
}
