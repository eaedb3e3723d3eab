package api

import (
	"net/http"
	"testing"
)

// cellOf finds resource id's week starting on week in an availability answer.
func cellOf(t *testing.T, r response, id, week string) map[string]any {
	t.Helper()
	for _, row := range r.body["items"].([]any) {
		row := row.(map[string]any)
		if row["resource"].(map[string]any)["id"] != id {
			continue
		}
		for _, w := range row["weeks"].([]any) {
			if w := w.(map[string]any); w["start"] == week {
				return w
			}
		}
	}
	t.Fatalf("no week %s of resource %s: %s", week, id, r.raw)
	return nil
}

func firstClaim(t *testing.T, cell map[string]any) map[string]any {
	t.Helper()
	claims, _ := cell["claims"].([]any)
	if len(claims) == 0 {
		t.Fatalf("cell without claims: %v", cell)
	}
	return claims[0].(map[string]any)
}

// The grid shows free, held and booked weeks, counts a resource's faces,
// and tells a salesperson only "held until" of another's claim (issue 13).
func TestAvailabilityGrid(t *testing.T) {
	e := newTestEnv(t)
	one := e.newResource(t, "week", 1, "2027-01-01", "2027-06-27")
	two := e.newResource(t, "week", 2, "2027-01-01", "")
	sales1, sales2, manager := e.as(t, "sales1"), e.as(t, "sales2"), e.as(t, "manager")
	cust := sales1.newCustomer("档期客户 " + randomSuffix())
	p := sales1.do("POST", "/api/v1/proposals", map[string]any{"customer_id": cust, "title": "档期", "body": "x",
		"items": []any{map[string]any{"resource_id": one, "starts_on": "2027-03-01", "ends_on": "2027-03-14", "unit_price_fen": 100_000}}},
		nil).status(http.StatusCreated)
	contract := e.acceptedContract(sales2, 100_000)
	db := e.Store.DB()
	mustExec := func(q string, args ...any) {
		t.Helper()
		if _, err := db.Exec(q, args...); err != nil {
			t.Fatal(err)
		}
	}
	// sales1 holds `one` for two weeks; sales2's contract books one face of `two`
	mustExec(`INSERT INTO resource_claims (id, resource_id, slot, period, state, holder_id, proposal_id, line_no, expires_at)
		VALUES ($1, $2, 1, '[2027-03-01,2027-03-15)', 'held', $3, $4, 1, '2027-02-20T10:00:00Z')`,
		"hold-"+randomSuffix(), one, e.users["sales1"].ID, p.str("id"))
	mustExec(`INSERT INTO resource_claims (id, resource_id, slot, period, state, holder_id, contract_id)
		VALUES ($1, $2, 1, '[2027-03-01,2027-03-08)', 'booked', $3, $4)`, "book-"+randomSuffix(), two, e.users["sales2"].ID, contract)
	q := "/api/v1/availability?kind=billboard&city=上海&from=2027-02-22&to=2027-03-21&limit=200"

	mine := sales1.do("GET", q, nil, nil).status(http.StatusOK)
	if c := cellOf(t, mine, one, "2027-02-22"); c["state"] != "free" || c["free_slots"].(float64) != 1 {
		t.Fatalf("a week before the hold: %v", c)
	}
	held := cellOf(t, mine, one, "2027-03-08")
	if held["state"] != "held" || firstClaim(t, held)["holder_name"] != "测试 sales1" ||
		firstClaim(t, held)["customer_name"] == nil {
		t.Fatalf("the holder sees their own hold: %v", held)
	}
	if c := cellOf(t, mine, two, "2027-03-01"); c["state"] != "free" || c["free_slots"].(float64) != 1 {
		t.Fatalf("one face of two booked is still free: %v", c)
	}
	if c := cellOf(t, mine, two, "2027-03-01"); firstClaim(t, c)["contract_id"] != nil || firstClaim(t, c)["holder_name"] != nil {
		t.Fatalf("another's booking shows its contract or holder: %v", c)
	}

	other := sales2.do("GET", q, nil, nil).status(http.StatusOK)
	claim := firstClaim(t, cellOf(t, other, one, "2027-03-01"))
	if claim["holder_name"] != nil || claim["customer_name"] != nil || claim["proposal_id"] != nil ||
		claim["holder_id"] != nil || claim["expires_at"] != "2027-02-20T10:00:00Z" || claim["state"] != "held" {
		t.Fatalf("another salesperson sees only held-until: %v", claim)
	}
	if firstClaim(t, cellOf(t, other, two, "2027-03-01"))["contract_id"] != contract {
		t.Fatalf("the holder sees their own booking's contract: %s", other.raw)
	}
	boss := manager.do("GET", q, nil, nil).status(http.StatusOK)
	if firstClaim(t, cellOf(t, boss, one, "2027-03-01"))["holder_name"] != "测试 sales1" {
		t.Fatalf("a manager sees who holds it: %s", boss.raw)
	}

	late := sales1.do("GET", "/api/v1/availability?from=2027-06-21&to=2027-07-04&limit=200", nil, nil).status(http.StatusOK)
	if c := cellOf(t, late, one, "2027-06-28"); c["state"] != "inactive" {
		t.Fatalf("a week after the resource's last day: %v", c)
	}
	sales1.lang = "en"
	for _, bad := range []string{"from=2027-02-30", "from=2027-03-01&to=2027-02-01", "from=2027-01-04&to=2028-12-31", "kind=zeppelin"} {
		r := sales1.do("GET", "/api/v1/availability?"+bad, nil, nil).status(http.StatusUnprocessableEntity)
		if errs, _ := r.body["errors"].([]any); len(errs) == 0 {
			t.Errorf("%s: no field named: %s", bad, r.raw)
		}
	}
}
