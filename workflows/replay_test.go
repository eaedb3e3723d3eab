package workflows_test

import (
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"

	sfworker "salesflow/worker"
)

// TestReplayRecordedHistories replays every committed history against the
// current workflow code. They were recorded from real runs (`temporal
// workflow show --output json`, or api's TestRecordHistories), the ones
// named *_pre9 by the code before issue 9 moved deadlines into activities
// and reordered the contract's start; a long one is kept gzipped. A change
// to a workflow's command order that is not behind workflow.GetVersion
// fails here before it breaks running workflows.
func TestReplayRecordedHistories(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.json*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no recorded histories in testdata (%v)", err)
	}
	replayer := worker.NewWorkflowReplayer()
	sfworker.RegisterWorkflows(replayer)
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			if err := replayFile(replayer, f); err != nil {
				t.Fatalf("replay %s: %v", f, err)
			}
		})
	}
}

func replayFile(replayer worker.WorkflowReplayer, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		gz, err := gzip.NewReader(f)
		if err != nil {
			return err
		}
		defer gz.Close()
		r = gz
	}
	h, err := client.HistoryFromJSON(r, client.HistoryJSONOptions{})
	if err != nil {
		return err
	}
	return replayer.ReplayWorkflowHistory(nil, h)
}
