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

	"salesflow/workflows"
)

// Issue 13 test fixtures. Resources and the resource columns of lines are
// written with SQL: the media resources admin and the lines' API are the
// inventory's, and these tests are about holds.

// newResource inserts a media resource with capacity slots and returns its id.
func (e *testEnv) newResource(t testing.TB, capacity int) string {
	t.Helper()
	id := "res-" + randomSuffix()
	_, err := e.Store.DB().Exec(`INSERT INTO media_resources (id, code, name, kind, product_id, city, capacity, sell_unit, active_from)
		VALUES ($1, $1, '人民广场灯箱 ' || $1, 'light_box', $2, '上海', $3, 'day', '2026-01-01')`, id, e.products[0].ID, capacity)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// span is a line's resource and dates.
type span struct{ resource, from, to string }

// setLines gives the proposal's current version's lines 1..n the spans.
func (e *testEnv) setLines(t testing.TB, proposalID string, spans ...span) {
	e.setItemSpans(t, "proposal_items i SET %s FROM proposals p WHERE p.id = i.proposal_id AND i.proposal_id", proposalID, spans)
}

// setContractLines gives the contract's current version's lines the spans.
func (e *testEnv) setContractLines(t testing.TB, contractID string, spans ...span) {
	e.setItemSpans(t, "contract_items i SET %s FROM contracts p WHERE p.id = i.contract_id AND i.contract_id", contractID, spans)
}

// setItemSpans updates the lines of the current version of one subject;
// target names the table and its subject (a format with the SET list).
func (e *testEnv) setItemSpans(t testing.TB, target, id string, spans []span) {
	t.Helper()
	q := "UPDATE " + fmt.Sprintf(target, "resource_id = $3, starts_on = $4, ends_on = $5") +
		" = $1 AND i.version = p.version AND i.line_no = $2"
	for i, s := range spans {
		if _, err := e.Store.DB().Exec(q, id, i+1, s.resource, s.from, s.to); err != nil {
			t.Fatal(err)
		}
	}
}

// draftWithLines drafts a proposal for customer cust of c with one line
// per span (priced at list) and returns its id.
func (e *testEnv) draftWithLines(c *apiClient, cust string, spans ...span) string {
	c.t.Helper()
	prices := make([]int64, len(spans))
	for i := range spans {
		prices[i] = e.products[i%len(e.products)].ListPriceFen
	}
	id := c.do("POST", "/api/v1/proposals", map[string]any{"customer_id": cust, "title": "点位方案",
		"body": "正文", "items": e.items(prices...)}, nil).status(http.StatusCreated).str("id")
	e.setLines(c.t, id, spans...)
	return id
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
	t.Helper()
	cfg := Config{TaskQueue: e.TaskQueue, SigningKeys: e.trustedKeys(), PDFFont: e.Font,
		ContractTiming: workflows.ContractTiming{RemindAfter: time.Hour, EscalateAfter: 2 * time.Hour}, HoldTiming: timing}
	srv := httptest.NewServer(New(e.Store, e.Temporal, slog.New(slog.NewTextHandler(io.Discard, nil)), cfg))
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
