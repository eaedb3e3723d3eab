package api

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"salesflow/observability"
	"salesflow/service"
)

func atLeast(n float64) func(float64) bool { return func(v float64) bool { return v >= n } }
func equal(n float64) func(float64) bool   { return func(v float64) bool { return v == n } }

// sqlCount runs a count query on the test database.
func (e *testEnv) sqlCount(t *testing.T, q string, args ...any) float64 {
	t.Helper()
	var n int
	if err := e.Store.DB().Get(&n, q, args...); err != nil {
		t.Fatal(err)
	}
	return float64(n)
}

// TestAPIMetrics serves the API with its metrics, as `salesflow api` does,
// and scrapes /metrics after a few requests: requests by route template
// and status with their latency, the database pool, open tasks by kind
// and the contact-deadline outbox's backlog, each as the database has it.
func TestAPIMetrics(t *testing.T) {
	e := newTestEnv(t)
	reg := observability.NewRegistry()
	for name, pool := range e.Store.Pools() {
		observability.RegisterDBPool(reg, pool, name)
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	reg.MustRegister(observability.NewStateCollector(e.Store, nil, 2*time.Second, quiet))
	srv := httptest.NewServer(testHandler(e.Store, e.Temporal, quiet, service.Config{TaskQueue: e.TaskQueue,
		SigningKeys: e.trustedKeys()}, Config{Metrics: observability.NewHTTPMetrics(reg)}))
	t.Cleanup(srv.Close)
	admin := httptest.NewServer(observability.AdminHandler(reg))
	t.Cleanup(admin.Close)

	sales := e.asOn(t, srv.URL, "sales1")
	id := e.newProposal(sales, "指标方案")
	sales.do("GET", "/api/v1/proposals/"+id, nil, nil).status(http.StatusOK)
	sales.do("GET", "/api/v1/proposals/"+id, nil, nil).status(http.StatusOK)
	sales.do("GET", "/api/v1/proposals/no-such-proposal", nil, nil).status(http.StatusNotFound)
	sales.do("POST", "/api/v1/proposals/"+id+"/submit", nil, nil).status(http.StatusOK)
	// Two imported customers wait in the outbox (R2.5) until a sweep.
	csv := "name,channel,collected_on\nMetrics A " + randomSuffix() + ",internet," + today() +
		"\nMetrics B " + randomSuffix() + ",internet," + today() + "\n"
	sales.postCSV([]byte(csv)).status(http.StatusOK)

	m := scrape(t, admin.URL)
	get := map[string]string{"method": "GET", "route": "/api/v1/proposals/:id"}
	wantMetric(t, m, "salesflow_http_requests_total", map[string]string{"method": "GET",
		"route": "/api/v1/proposals/:id", "status": "200"}, "2", equal(2))
	wantMetric(t, m, "salesflow_http_requests_total", map[string]string{"method": "GET",
		"route": "/api/v1/proposals/:id", "status": "404"}, "1", equal(1))
	wantMetric(t, m, "salesflow_http_requests_total", map[string]string{"method": "POST",
		"route": "/api/v1/proposals", "status": "201"}, "1", equal(1))
	wantMetric(t, m, "salesflow_http_request_duration_seconds", get, "3 observed", equal(3))
	if _, raw := m.Value("salesflow_http_requests_total", map[string]string{"route": "/api/v1/proposals/" + id}); raw {
		t.Error("a raw path is a route label")
	}
	wantPoolsOf(t, m, 20)
	wantMetric(t, m, "go_sql_open_connections", map[string]string{"db_name": "salesflow"}, "≥ 1", atLeast(1))
	wantMetric(t, m, "salesflow_open_tasks", map[string]string{"kind": "proposal_review"}, "the open reviews",
		equal(e.sqlCount(t, `SELECT count(*) FROM tasks WHERE status = 'open' AND kind = 'proposal_review'`)))
	backlog := e.sqlCount(t, `SELECT count(*) FROM contact_deadline_outbox`)
	if backlog < 2 {
		t.Fatalf("the import left %v ownerships in the outbox, want at least 2", backlog)
	}
	wantMetric(t, m, "salesflow_contact_outbox_backlog", nil, "the outbox's rows", equal(backlog))
	wantMetric(t, m, "salesflow_state_read_success", map[string]string{"read": "open_tasks"}, "1", equal(1))

	// The sweep drains the outbox, and the gauge shows it at the next scrape.
	if _, err := e.service().SweepContactDeadlines(context.Background()); err != nil {
		t.Fatal(err)
	}
	wantMetric(t, scrape(t, admin.URL), "salesflow_contact_outbox_backlog", nil, "0 after the sweep", equal(0))
}
