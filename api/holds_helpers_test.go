package api

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"salesflow/service"
	"salesflow/workflows"
)

// Issue 13 test fixtures: resources and resource lines through the
// inventory's API (api/resources.go, api/resource_lines.go).

// slotResource creates a resource sold by the day from 2026 with capacity
// slots and returns its id.
func (e *testEnv) slotResource(t *testing.T, capacity int) string {
	t.Helper()
	return e.newResource(t, "day", capacity, "2026-01-01", "")
}

// span is a line's resource and dates.
type span struct{ resource, from, to string }

// lineItems are the items of a proposal or contract with one resource line
// per span, priced at the list price (so the line is within every
// authority, R5.3).
func (e *testEnv) lineItems(spans ...span) []map[string]any {
	out := []map[string]any{}
	for _, s := range spans {
		out = append(out, map[string]any{"product_id": e.products[0].ID, "unit_price_fen": e.products[0].ListPriceFen,
			"resource_id": s.resource, "starts_on": s.from, "ends_on": s.to})
	}
	return out
}

// draftWithLines drafts a proposal for customer cust of c with one line
// per span and returns its id.
func (e *testEnv) draftWithLines(c *apiClient, cust string, spans ...span) string {
	c.t.Helper()
	return c.do("POST", "/api/v1/proposals", map[string]any{"customer_id": cust, "title": "点位方案",
		"body": "正文", "items": e.lineItems(spans...)}, nil).status(http.StatusCreated).str("id")
}

// claimsOf is the proposal's claims as the API lists them.
func claimsOf(c *apiClient, proposalID string) []map[string]any {
	c.t.Helper()
	res := c.do("GET", "/api/v1/proposals/"+proposalID+"/holds", nil, nil).status(http.StatusOK)
	return items(res)
}

func items(r response) []map[string]any {
	out := []map[string]any{}
	list, _ := r.body["items"].([]any)
	for _, v := range list {
		out = append(out, v.(map[string]any))
	}
	return out
}

// liveClaims counts the live claims on a resource, by state.
func (e *testEnv) liveClaims(t testing.TB, resourceID string) map[string]int {
	t.Helper()
	rows, err := e.Store.DB().Query(`SELECT state, count(*) FROM resource_claims WHERE resource_id = $1
		AND state <> 'released' GROUP BY state`, resourceID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var s string
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			t.Fatal(err)
		}
		out[s] = n
	}
	return out
}

// claimOf answers one column of a claim chosen by where (SQL over c).
func (e *testEnv) claimOf(t testing.TB, column, where string, args ...any) string {
	t.Helper()
	var v string
	q := fmt.Sprintf(`SELECT COALESCE(%s::text, '') FROM resource_claims c WHERE %s ORDER BY created_at DESC LIMIT 1`, column, where)
	if err := e.Store.DB().QueryRow(q, args...).Scan(&v); err != nil {
		return ""
	}
	return v
}

// withHoldTiming is e served by an API whose holds and offers last timing.
func (e *testEnv) withHoldTiming(t testing.TB, timing workflows.HoldTiming) *testEnv {
	return e.withConfigs(t, func(sc *service.Config, _ *Config) { sc.HoldTiming = timing })
}

// withConfig is e served by an API of its own, configured as the shared
// one and then by change.
func (e *testEnv) withConfig(t testing.TB, change func(*Config)) *testEnv {
	return e.withConfigs(t, func(_ *service.Config, c *Config) { change(c) })
}

// withConfigs is withConfig that may change the use cases' config too.
func (e *testEnv) withConfigs(t testing.TB, change func(*service.Config, *Config)) *testEnv {
	t.Helper()
	sc := service.Config{TaskQueue: e.TaskQueue, ContractTiming: hourTimings}
	sc.SigningKeys = e.trustedKeys()
	cfg := Config{PDFFont: e.Font}
	change(&sc, &cfg)
	srv := httptest.NewServer(testHandler(e.Store, e.Temporal, slog.New(slog.NewTextHandler(io.Discard, nil)), sc, cfg))
	t.Cleanup(srv.Close)
	f := *e
	f.URL = srv.URL
	return &f
}

// waitUntil polls cond for up to d.
func waitUntil(t testing.TB, d time.Duration, what string, cond func() bool) {
	t.Helper()
	for stop := time.Now().Add(d); time.Now().Before(stop); time.Sleep(150 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("%s: not within %v", what, d)
}

// workflowDone waits for workflow id to complete.
func (e *testEnv) workflowDone(t testing.TB, id string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := e.Temporal.GetWorkflow(ctx, id, "").Get(ctx, nil); err != nil {
		t.Fatalf("%s: %v", id, err)
	}
}
