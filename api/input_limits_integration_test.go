package api

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestLimitsAPersonWouldSet (issue 11, points 4 and 5): a 100,000-character
// product code said "is required", unit_price_fen 2^63−1 "must not be
// negative"; a 1 MB password was hashed (argon2id over a megabyte); a
// visit planned for 9999-12-31 or lasting ten years, and a delegation from
// 0000-01-01 to 9999-12-31, were accepted. Each is refused with a message
// that says what is allowed.
func TestLimitsAPersonWouldSet(t *testing.T) {
	e := newTestEnv(t)
	admin, sales := english(e.as(t, "admin")), english(e.as(t, "sales1"))
	long := strings.Repeat("码", 100_000)
	wantRefused(t, admin.do("POST", "/api/v1/products", map[string]any{"code": long, "name": "n", "unit": "月",
		"list_price_fen": 1}, nil), 422, "/problems/validation", "code", "at most 64 characters")
	wantRefused(t, admin.do("POST", "/api/v1/products", map[string]any{"code": "C" + randomSuffix(), "name": "n",
		"unit": "月", "list_price_fen": int64(1<<63 - 1)}, nil), 422, "/problems/validation", "list_price_fen", "from 0 to 100000000000")
	proposal := e.newProposal(sales, "限额方案")
	wantRefused(t, sales.do("PUT", "/api/v1/proposals/"+proposal, map[string]any{"title": "t", "items": []any{
		map[string]any{"product_id": e.products[0].ID, "quantity": 1, "unit_price_fen": int64(1<<63 - 1)}}}, nil),
		422, "/problems/validation", "items[0].unit_price_fen", "from 0 to 100000000000")

	huge := strings.Repeat("p", 1_000_000)
	start := time.Now()
	wantRefused(t, english(&apiClient{t: t, base: e.URL, http: http.DefaultClient}).do("POST", "/api/v1/session",
		map[string]any{"username": "sales1", "password": huge}, nil), 422, "/problems/validation", "password", "256 bytes")
	wantRefused(t, admin.do("POST", "/api/v1/users", map[string]any{"username": "u" + randomSuffix(), "name": "n",
		"password": huge[:257], "roles": []string{"salesperson"}}, nil), 422, "/problems/validation", "password", "256 bytes")
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("refusing long passwords took %v: were they hashed?", d)
	}

	cust := sales.newCustomer("限额客户 " + randomSuffix())
	visit := func(start, back string) response {
		return sales.do("POST", "/api/v1/visits", map[string]any{"customer_id": cust, "goals": "g",
			"planned_start": start, "planned_return": back}, nil)
	}
	now := time.Now()
	rfc := func(t time.Time) string { return t.Format(time.RFC3339) }
	wantRefused(t, visit("9999-12-31T09:00:00+08:00", "9999-12-31T12:00:00+08:00"), 422, "/problems/validation", "planned_start", "must be a time from")
	wantRefused(t, visit("0000-01-01T09:00:00+08:00", rfc(now.Add(time.Hour))), 422, "/problems/validation", "planned_start", "must be a time from")
	wantRefused(t, visit(rfc(now), rfc(now.AddDate(10, 0, 0))), 422, "/problems/validation", "planned_return", "at most 24 hours")

	// The delegate is a user of this test alone: a delegation gives the
	// director's role to whoever receives it, for every test sharing the env.
	delegate, err := newUser(t.Context(), e.Store, "deleg"+randomSuffix(), "代理人", testPassword, []string{"salesperson"}, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	director := english(e.as(t, "director"))
	delegation := func(starts, ends string) response {
		return director.do("POST", "/api/v1/delegations", map[string]any{"to_user_id": delegate.ID,
			"starts_at": starts, "ends_at": ends}, nil)
	}
	wantRefused(t, delegation("0000-01-01T00:00:00Z", "9999-12-31T00:00:00Z"), 422, "/problems/validation", "starts_at", "must be a time from")
	wantRefused(t, delegation(rfc(now), "9999-12-31T00:00:00Z"), 422, "/problems/validation", "ends_at", "at most 30 days")
	delegation(rfc(now), rfc(now.Add(time.Minute))).status(http.StatusCreated)
}
