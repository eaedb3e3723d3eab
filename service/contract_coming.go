package service

import (
	"context"

	enumspb "go.temporal.io/api/enums/v1"

	"salesflow/workflows"
)

// ErrStillRunning: the step did not finish within the request's time (a
// worker restarting, say); it may still be recorded, and the same request
// with the same key returns its result. The API answers it 503 with
// Retry-After.
var ErrStillRunning = NewError(KindUnavailable, "still-running", "problem.still_running", "detail.still_running")

// contractComing reports whether contract id is not stored yet but on its
// way: its workflow (started when the customer accepted the proposal) runs
// and has not written the first version. An acceptance answered while a
// worker restarts carries the contract's ID before the row exists; a
// client acting on it at once must hear "try again", not "no such contract".
func (s *Service) contractComing(ctx context.Context, id string) bool {
	if s.temporal == nil {
		return false
	}
	d, err := s.temporal.DescribeWorkflowExecution(ctx, workflows.ContractWorkflowID(id), "")
	return err == nil && d.GetWorkflowExecutionInfo().GetStatus() == enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING
}
