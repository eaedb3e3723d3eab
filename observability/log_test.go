package observability

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"go.temporal.io/sdk/activity"
	sdklog "go.temporal.io/sdk/log"
	"go.temporal.io/sdk/testsuite"
)

// jsonLines decodes every line of out, failing on one that is not JSON.
func jsonLines(t *testing.T, out string) []map[string]any {
	t.Helper()
	var lines []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("log line is not JSON: %q", l)
		}
		lines = append(lines, m)
	}
	return lines
}

// lineWith returns the first line whose msg is msg.
func lineWith(t *testing.T, lines []map[string]any, msg string) map[string]any {
	t.Helper()
	for _, l := range lines {
		if l["msg"] == msg {
			return l
		}
	}
	t.Fatalf("no line %q in %v", msg, lines)
	return nil
}

// TestLogLinesCarryContextIDs: a line logged with a request's context
// carries its request_id; once the request touched a workflow, its later
// lines carry that workflow_id too, and a line about another workflow
// names that one.
func TestLogLinesCarryContextIDs(t *testing.T) {
	var buf bytes.Buffer
	log, err := NewLogger(&buf, "json", "info")
	if err != nil {
		t.Fatal(err)
	}
	ctx := WithRequestID(context.Background(), "req-1")
	log.InfoContext(ctx, "before")
	_ = WithWorkflowID(ctx, "proposal/p1")
	log.InfoContext(ctx, "after")
	log.InfoContext(WithWorkflowID(ctx, "contract/c1"), "other")
	log.Info("no context")

	lines := jsonLines(t, buf.String())
	if l := lineWith(t, lines, "before"); l[KeyRequestID] != "req-1" || l[KeyWorkflowID] != nil {
		t.Errorf("before: %v", l)
	}
	if l := lineWith(t, lines, "after"); l[KeyRequestID] != "req-1" || l[KeyWorkflowID] != "proposal/p1" {
		t.Errorf("after: %v", l)
	}
	if l := lineWith(t, lines, "other"); l[KeyWorkflowID] != "contract/c1" {
		t.Errorf("other: %v", l)
	}
	if l := lineWith(t, lines, "no context"); l[KeyRequestID] != nil {
		t.Errorf("no context: %v", l)
	}
}

// TestActivityLogsCarryWorkflowID: what an activity logs through the SDK's
// logger (as the worker's client is given sdklog.NewStructuredLogger over
// our logger) carries workflow_id, not the SDK's own WorkflowID key.
func TestActivityLogsCarryWorkflowID(t *testing.T) {
	var buf bytes.Buffer
	log, err := NewLogger(&buf, "json", "info")
	if err != nil {
		t.Fatal(err)
	}
	var suite testsuite.WorkflowTestSuite
	suite.SetLogger(sdklog.NewStructuredLogger(log))
	env := suite.NewTestActivityEnvironment()
	env.RegisterActivity(sendMail)
	if _, err := env.ExecuteActivity(sendMail); err != nil {
		t.Fatal(err)
	}
	l := lineWith(t, jsonLines(t, buf.String()), "mail sent")
	if id, _ := l[KeyWorkflowID].(string); id == "" || l["WorkflowID"] != nil {
		t.Fatalf("activity line without workflow_id: %v", l)
	}
	if l["activity_type"] == nil {
		t.Errorf("activity line without activity_type: %v", l)
	}
}

func sendMail(ctx context.Context) error {
	activity.GetLogger(ctx).Info("mail sent")
	return nil
}

// TestLoggerFormats: text is accepted for a terminal; unknown formats and
// levels are refused rather than silently replaced.
func TestLoggerFormats(t *testing.T) {
	var buf bytes.Buffer
	log, err := NewLogger(&buf, "text", "debug")
	if err != nil {
		t.Fatal(err)
	}
	log.DebugContext(WithRequestID(context.Background(), "r9"), "hello")
	if !strings.Contains(buf.String(), "request_id=r9") {
		t.Errorf("text line: %q", buf.String())
	}
	if _, err := NewLogger(&buf, "xml", "info"); err == nil {
		t.Error("format xml accepted")
	}
	if _, err := NewLogger(&buf, "json", "loud"); err == nil {
		t.Error("level loud accepted")
	}
}
