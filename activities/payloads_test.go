package activities_test

import (
	"testing"

	"salesflow/store"
	"salesflow/workflows"
)

// TestTaskKindsAgree: the hold workflow names its renewal task's kind and
// store writes and reads the task by its own constant; the API routes a
// decision on a task of that kind to the workflow's Update, so the two
// must be one string.
func TestTaskKindsAgree(t *testing.T) {
	if workflows.TaskKindHoldRenewal != store.TaskKindHoldRenewal {
		t.Fatalf("workflows.TaskKindHoldRenewal %q, store.TaskKindHoldRenewal %q",
			workflows.TaskKindHoldRenewal, store.TaskKindHoldRenewal)
	}
}
