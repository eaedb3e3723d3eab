package api

import (
	"context"
	"fmt"
	"net/http"
	"testing"
)

// reportFixture is a team counted by hand over Monday 16 – Sunday 22
// November 2026 (5 working days, 1 week):
//
//	ana: 12 records in the period (2 entered late, R1.3) + 1 after it;
//	     3 visits out in the period + 1 after; 1 report late, 1 late return.
//	bo:  50 records (10 a working day: meets R1.2), 10 visits (meets R3.7),
//	     1 report due in the period and never filed.
//
// Team: 62 records (6.2 a day each), 13 visits (6.5 a week each).
func reportFixture(t *testing.T, e *testEnv) (boss, ana, bo string) {
	t.Helper()
	ctx := context.Background()
	sfx := randomSuffix()
	mk := func(name, role, manager string) string {
		u, err := newUser(ctx, e.Store, name+sfx, name, testPassword, []string{role}, manager, 0)
		if err != nil {
			t.Fatal(err)
		}
		return u.ID
	}
	boss = mk("rboss", "sales_manager", "")
	ana, bo = mk("ana", "salesperson", boss), mk("bo", "salesperson", boss)
	db := e.Store.DB()
	exec := func(q string, args ...any) {
		if _, err := db.Exec(q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	const cust = `INSERT INTO customers (id, name, normalised_name, channel, owner_id, class, collected_on, entered_at, created_by)
		SELECT $1 || g, $1 || g, $1 || g, 'internet', $2, $3, $4::date, $5::timestamptz, $2 FROM generate_series(1, $6) g`
	exec(cust, "ana-key-"+sfx, ana, "key", "2026-11-16", "2026-11-16T10:00:00+08:00", 2)
	exec(cust, "ana-signed-"+sfx, ana, "signed", "2026-11-17", "2026-11-18T10:00:00+08:00", 1)
	exec(cust, "ana-ok-"+sfx, ana, "tracking", "2026-11-13", "2026-11-17T10:00:00+08:00", 7) // Fri → Tue: in time
	exec(cust, "ana-late1-"+sfx, ana, "tracking", "2026-11-10", "2026-11-16T10:00:00+08:00", 1)
	exec(cust, "ana-late2-"+sfx, ana, "tracking", "2026-11-12", "2026-11-17T10:00:00+08:00", 1)
	exec(cust, "ana-after-"+sfx, ana, "potential", "2026-11-23", "2026-11-23T10:00:00+08:00", 1)
	exec(cust, "bo-"+sfx, bo, "progressing", "2026-11-18", "2026-11-18T11:00:00+08:00", 50)
	const visit = `INSERT INTO visits (id, customer_id, owner_id, manager_id, status, goals, planned_start, planned_return,
		workflow_id, departed_at, report_due_at, reported_at, late_alerted_at)
		SELECT $1 || g, $2, $3, $4, 'reported', '目标', $5::timestamptz, $5::timestamptz + interval '2 hours', 'wf-' || $1 || g,
		$5::timestamptz, $6::timestamptz, $7::timestamptz, $8::timestamptz FROM generate_series(1, $9) g`
	anaCust, boCust := "ana-key-"+sfx+"1", "bo-"+sfx+"1"
	exec(visit, "va-ontime-"+sfx, anaCust, ana, boss, "2026-11-16T09:00:00+08:00", "2026-11-18T11:00:00+08:00", "2026-11-17T10:00:00+08:00", nil, 1)
	exec(visit, "va-late-"+sfx, anaCust, ana, boss, "2026-11-17T09:00:00+08:00", "2026-11-19T11:00:00+08:00", "2026-11-20T10:00:00+08:00", "2026-11-17T12:00:00+08:00", 1)
	exec(visit, "va-noreport-"+sfx, anaCust, ana, boss, "2026-11-20T09:00:00+08:00", nil, nil, nil, 1)
	exec(visit, "va-after-"+sfx, anaCust, ana, boss, "2026-11-24T09:00:00+08:00", nil, nil, nil, 1)
	exec(visit, "vb-"+sfx, boCust, bo, boss, "2026-11-18T09:00:00+08:00", "2026-11-25T11:00:00+08:00", "2026-11-24T10:00:00+08:00", nil, 10)
	exec(visit, "vb-missed-"+sfx, boCust, bo, boss, "2026-11-10T09:00:00+08:00", "2026-11-20T11:00:00+08:00", nil, nil, 1)
	// Missed one-week contact deadlines (R2.5): ana two in the week, one after.
	const missed = `INSERT INTO tasks (id, kind, subject_type, subject_id, subject_version, workflow_id, author_id,
		assignee_user_id, created_at) VALUES ($1, 'contact_overdue', 'customer', $2, 1, 'wf-' || $1, $3, $4, $5::timestamptz)`
	exec(missed, "co1-"+sfx, anaCust, ana, boss, "2026-11-17T10:00:00+08:00")
	exec(missed, "co2-"+sfx, "ana-ok-"+sfx+"1", ana, boss, "2026-11-20T10:00:00+08:00")
	exec(missed, "co3-"+sfx, "ana-ok-"+sfx+"2", ana, boss, "2026-11-24T10:00:00+08:00")
	return boss, ana, bo
}

// TestActivityReportFigures checks the report against the hand count.
func TestActivityReportFigures(t *testing.T) {
	e := newTestEnv(t)
	bossID, anaID, boID := reportFixture(t, e)
	var bossName string
	_ = e.Store.DB().Get(&bossName, `SELECT username FROM users WHERE id = $1`, bossID)
	res := e.as(t, bossName).do("GET", "/api/v1/reports/activity?from=2026-11-16&to=2026-11-22", nil, nil).status(http.StatusOK)
	if res.body["working_days"] != 5.0 || res.body["weeks"] != 1.0 {
		t.Fatalf("5 working days, 1 week: %s", res.raw)
	}
	people := res.body["people"].([]any)
	if len(people) != 2 {
		t.Fatalf("the manager sees their team of two: %s", res.raw)
	}
	want := map[string]string{
		anaID: "records=12 perday=2.4 late=2 visits=3 perweek=3 lateReports=1 lateReturns=1 missed=2 meets=false/false",
		boID:  "records=50 perday=10 late=0 visits=10 perweek=10 lateReports=1 lateReturns=0 missed=0 meets=true/true",
		"":    "records=62 perday=6.2 late=2 visits=13 perweek=6.5 lateReports=2 lateReturns=1 missed=2 meets=false/false",
	}
	for _, p := range append(people, res.body["team"]) {
		row := p.(map[string]any)
		id, _ := row["user_id"].(string)
		got := fmt.Sprintf("records=%v perday=%v late=%v visits=%v perweek=%v lateReports=%v lateReturns=%v missed=%v meets=%v/%v",
			row["new_records"], row["records_per_working_day"], row["late_entries"], row["visits"], row["visits_per_week"],
			row["late_visit_reports"], row["late_returns"], row["missed_contact_deadlines"], row["meets_record_target"], row["meets_visit_target"])
		if got != want[id] {
			t.Errorf("%s (%v):\n got %s\nwant %s", id, row["name"], got, want[id])
		}
	}
}

// TestPipelineReport: customers per class per salesperson and the team
// (R4.1); a salesperson sees only themself.
func TestPipelineReport(t *testing.T) {
	e := newTestEnv(t)
	bossID, anaID, _ := reportFixture(t, e)
	var bossName, anaName string
	_ = e.Store.DB().Get(&bossName, `SELECT username FROM users WHERE id = $1`, bossID)
	_ = e.Store.DB().Get(&anaName, `SELECT username FROM users WHERE id = $1`, anaID)
	res := e.as(t, bossName).do("GET", "/api/v1/reports/pipeline", nil, nil).status(http.StatusOK)
	team := res.body["team"].(map[string]any)
	cls := team["classes"].(map[string]any)
	if team["total"] != 63.0 || cls["progressing"] != 50.0 || cls["tracking"] != 9.0 || cls["key"] != 2.0 ||
		cls["signed"] != 1.0 || cls["potential"] != 1.0 || cls["intent_signed"] != 0.0 {
		t.Fatalf("team pipeline: %s", res.raw)
	}
	own := e.as(t, anaName).do("GET", "/api/v1/reports/pipeline", nil, nil).status(http.StatusOK)
	if rows := own.body["people"].([]any); len(rows) != 1 || rows[0].(map[string]any)["total"] != 13.0 {
		t.Fatalf("a salesperson sees their own 13: %s", own.raw)
	}
	e.as(t, "frontdesk").do("GET", "/api/v1/reports/pipeline", nil, nil).status(http.StatusForbidden)
}
