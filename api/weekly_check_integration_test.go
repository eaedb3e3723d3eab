package api

import (
	"context"
	"net/http"
	"testing"
	"time"

	"go.temporal.io/sdk/client"

	"salesflow/worker"
	"salesflow/workflows"
)

// TestWeeklyCheck: the schedule exists once however often it is ensured,
// and a run puts each salesperson's week before their own manager, who
// approves it (R1.4).
func TestWeeklyCheck(t *testing.T) {
	e := newTestEnv(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	for i := 0; i < 2; i++ {
		if err := worker.EnsureSchedules(ctx, e.Temporal, e.TaskQueue); err != nil {
			t.Fatalf("ensure schedules (%d): %v", i, err)
		}
	}
	handle := e.Temporal.ScheduleClient().GetHandle(ctx, workflows.WeeklyCheckScheduleID(e.TaskQueue))
	t.Cleanup(func() { _ = handle.Delete(context.Background()) })
	desc, err := handle.Describe(ctx)
	if err != nil || desc.Schedule.Spec.TimeZoneName != workflows.WeeklyCheckTimeZone {
		t.Fatalf("schedule: %+v %v", desc, err)
	}

	e.as(t, "sales1").newCustomer("周检客户" + randomSuffix())
	// Run as of next week, so this week's records are "the week before".
	opts := client.StartWorkflowOptions{ID: "weekly-check-test-" + randomSuffix(), TaskQueue: e.TaskQueue}
	run, err := e.Temporal.ExecuteWorkflow(ctx, opts, workflows.WeeklyCheckWorkflow,
		workflows.WeeklyCheckInput{AsOf: time.Now().AddDate(0, 0, 7)})
	if err != nil {
		t.Fatal(err)
	}
	var res workflows.WeeklyCheckResult
	if err := run.Get(ctx, &res); err != nil || res.Tasks == 0 {
		t.Fatalf("weekly check: %+v %v", res, err)
	}
	taskID := "weekly-check-" + res.WeekStart + "-" + e.users["sales1"].ID
	path := "/api/v1/tasks/" + taskID + "/decision"
	e.as(t, "sales1").do("POST", path, map[string]any{"decision": "approve"}, nil).status(http.StatusForbidden)
	e.as(t, "manager2").do("POST", path, map[string]any{"decision": "approve"}, nil).status(http.StatusNotFound)
	mgr := e.as(t, "manager")
	mgr.do("POST", path, map[string]any{"decision": "reject"}, nil).status(http.StatusUnprocessableEntity)
	res2 := mgr.do("POST", path, map[string]any{"decision": "approve", "comment": "已检查"}, nil).status(http.StatusOK)
	if res2.str("status") != "decided" || res2.str("decision") != "approve" || res2.str("kind") != workflows.TaskKindWeeklyCheck {
		t.Fatalf("checked: %s", res2.raw)
	}
	mgr.do("POST", path, map[string]any{"decision": "approve"}, nil).status(http.StatusConflict)
}
