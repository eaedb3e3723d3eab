package api

import (
	"net/http"
	"testing"
	"time"
)

// TestAPIProcessLogs runs `salesflow api` as production does: every line
// it logs is JSON; a request's lines carry its request_id (the client's
// X-Request-ID, answered back, or a new one); the line of a request that
// starts a workflow, and the start's own line, carry its workflow_id. Its
// /metrics, on the admin listener, counts the requests by route.
func TestAPIProcessLogs(t *testing.T) {
	e := newTestEnv(t)
	proc := e.startProcess(t, buildBinary(t), "api")
	base := proc.listening("http listening")
	sales := e.asOn(t, base, "sales1")
	cust := sales.newCustomer("日志客户 " + randomSuffix())

	reqID := "log-test-" + randomSuffix()
	res := sales.do("POST", "/api/v1/proposals", map[string]any{"customer_id": cust, "title": "日志方案",
		"body": "正文", "items": e.items(90_000)}, map[string]string{"X-Request-ID": reqID}).status(http.StatusCreated)
	if got := res.header.Get("X-Request-ID"); got != reqID {
		t.Fatalf("X-Request-ID answered %q, want the client's %q", got, reqID)
	}
	wfID := res.str("workflow_id")
	access := proc.waitLine("the create's access line", func(l map[string]any) bool {
		return l["msg"] == "http" && l["request_id"] == reqID
	})
	if access["workflow_id"] != wfID || access["route"] != "/api/v1/proposals" {
		t.Errorf("access line of the create: %v; want workflow_id %q", access, wfID)
	}
	start := proc.waitLine("the workflow start", func(l map[string]any) bool {
		return l["msg"] == "workflow started with update" && l["request_id"] == reqID
	})
	if start["workflow_id"] != wfID {
		t.Errorf("start line: %v; want workflow_id %q", start, wfID)
	}

	read := sales.do("GET", "/api/v1/me", nil, nil).status(http.StatusOK)
	assigned := read.header.Get("X-Request-ID")
	line := proc.waitLine("the read's access line", func(l map[string]any) bool {
		return l["msg"] == "http" && l["route"] == "/api/v1/me"
	})
	if assigned == "" || line["request_id"] != assigned || line["workflow_id"] != nil {
		t.Errorf("a request without an ID: answered %q, logged %v", assigned, line)
	}

	m := scrape(t, proc.listening("metrics listening"))
	wantMetric(t, m, "salesflow_http_requests_total", map[string]string{"method": "POST",
		"route": "/api/v1/proposals", "status": "201"}, "1", equal(1))
	wantMetric(t, m, "temporal_request_total", nil, "the client's calls", atLeast(1))
	proc.stop()
	proc.logLines() // every line, to the last, is JSON
}

// TestWorkerProcessMetrics runs `salesflow worker` and scrapes the admin
// listener it has in place of an HTTP server: the Temporal SDK's own
// metrics (the start, the pollers), the database pool, and /livez. The
// business gauges are the API's, so N workers do not run N scrape queries.
func TestWorkerProcessMetrics(t *testing.T) {
	e := newTestEnv(t)
	proc := e.startProcess(t, buildBinary(t), "worker")
	base := proc.listening("metrics listening")
	proc.waitLine("the worker's start", func(l map[string]any) bool { return l["msg"] == "worker started" })

	res, err := http.Get(base + "/livez")
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("/livez: %v %v", res, err)
	}
	res.Body.Close()
	var m = scrape(t, base)
	for stop := time.Now().Add(20 * time.Second); time.Now().Before(stop); time.Sleep(200 * time.Millisecond) {
		if _, ok := m.Value("temporal_num_pollers", nil); ok {
			break
		}
		m = scrape(t, base)
	}
	wantMetric(t, m, "temporal_worker_start_total", map[string]string{"task_queue": e.TaskQueue}, "1", equal(1))
	wantMetric(t, m, "temporal_num_pollers", map[string]string{"task_queue": e.TaskQueue}, "pollers", atLeast(1))
	wantPoolsOf(t, m, 20)
	if _, ok := m["salesflow_open_tasks"]; ok {
		t.Error("the worker reads the business gauges too")
	}
	proc.stop()
	proc.logLines()
}
