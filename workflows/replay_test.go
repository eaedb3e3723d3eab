package workflows_test

import (
	"path/filepath"
	"testing"

	"go.temporal.io/sdk/worker"

	sfworker "salesflow/worker"
)

// TestReplayRecordedHistories replays every committed history (recorded
// with `temporal workflow show --output json` from real runs) against the
// current workflow code. A change to a workflow's command order that is not
// behind workflow.GetVersion fails here before it breaks running workflows.
func TestReplayRecordedHistories(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no recorded histories in testdata (%v)", err)
	}
	replayer := worker.NewWorkflowReplayer()
	sfworker.RegisterWorkflows(replayer)
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			if err := replayer.ReplayWorkflowHistoryFromJSONFile(nil, f); err != nil {
				t.Fatalf("replay %s: %v", f, err)
			}
		})
	}
}
