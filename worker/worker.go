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
// acts registered, sized by the default Config. The caller starts and stops
// it.
func New(c client.Client, taskQueue string, acts *activities.Activities) sdkworker.Worker {
	return NewWithConfig(c, taskQueue, acts, Config{})
}

// NewWithConfig is New sized by cfg. It sets the process's sticky cache
// size, which takes effect only before the process's first worker starts.
func NewWithConfig(c client.Client, taskQueue string, acts *activities.Activities, cfg Config) sdkworker.Worker {
	cfg = cfg.withDefaults()
	sdkworker.SetStickyWorkflowCacheSize(cfg.StickyCacheSize)
	w := sdkworker.New(c, taskQueue, cfg.Options())
	RegisterWorkflows(w)
	w.RegisterActivity(acts)
	return w
}

// WorkflowRegistry is what both a worker and a replayer offer.
type WorkflowRegistry interface {
	RegisterWorkflow(w interface{})
}

// RegisterWorkflows adds every workflow to r; the replay tests use it too,
// so they replay exactly what the worker runs.
func RegisterWorkflows(r WorkflowRegistry) {
	r.RegisterWorkflow(workflows.ProposalWorkflow)
	r.RegisterWorkflow(workflows.ContractWorkflow)
	r.RegisterWorkflow(workflows.ContactDeadlineWorkflow)
	r.RegisterWorkflow(workflows.WeeklyCheckWorkflow)
	r.RegisterWorkflow(workflows.VisitWorkflow)
	r.RegisterWorkflow(workflows.DailyDigestWorkflow)
	r.RegisterWorkflow(workflows.NotificationDeliveryWorkflow)
	r.RegisterWorkflow(workflows.AuditCheckpointWorkflow)
	r.RegisterWorkflow(workflows.CustomerMailWorkflow)
	r.RegisterWorkflow(workflows.HoldWorkflow)
	r.RegisterWorkflow(workflows.WaitlistWorkflow)
	r.RegisterWorkflow(workflows.CustomerImportWorkflow)
	r.RegisterWorkflow(workflows.HousekeepingWorkflow)
}
