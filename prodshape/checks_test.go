package prodshape

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"salesflow/workflows"
)

// figures collects the closing report: printed to the test log and
// written to a file make test shows (go test hides a passing test's log).
type figures struct{ lines []string }

func (f *figures) add(format string, args ...any) {
	f.lines = append(f.lines, fmt.Sprintf(format, args...))
}

func (f *figures) write(t *testing.T, path string) {
	text := "production-shape suite\n" + strings.Join(f.lines, "\n") + "\n"
	if t.Failed() {
		text += "RESULT: FAIL (the failed assertions are listed above each as FAIL)\n"
	} else {
		text += "RESULT: PASS\n"
	}
	t.Log("\n" + text)
	_ = os.MkdirAll(filepath.Dir(path), 0o755)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Logf("report %s: %v", path, err)
	}
}

// checker holds what the closing assertions read.
type checker struct {
	t     *testing.T
	c     *cluster
	db    *sqlx.DB
	admin *user
	d     *driver
	flows []*flow
	fig   *figures
	cfg   settings
	start time.Time
	// contactWait bounds the wait for the contact-deadline workflows.
	contactWait time.Time
}

// check records one assertion: a figure line, and a test error if it
// failed, named so the report says which one.
func (ck *checker) check(ok bool, name, format string, args ...any) {
	ck.t.Helper()
	mark := "ok  "
	if !ok {
		mark = "FAIL"
		ck.t.Errorf("%s: "+format, append([]any{name}, args...)...)
	}
	ck.fig.add("%s %-34s "+format, append([]any{mark, name}, args...)...)
}

func (ck *checker) ids(pick func(*flow) string) []string {
	var out []string
	for _, f := range ck.flows {
		if id := pick(f); id != "" {
			out = append(out, id)
		}
	}
	return out
}

// endStates re-reads every flow through an API process after the faults:
// proposals accepted, contracts signed, visits reported, contact deadlines
// ended by the call.
func (ck *checker) endStates(ctx context.Context) {
	// R2.5: a workflow that missed the call (its signal lost while Temporal
	// was down) must find it by its deadline at the latest; wait that long
	// for the last customer recorded, once for all.
	ck.contactWait = time.Now().Add(30 * time.Second)
	for _, f := range ck.flows {
		if end := f.created.Add(ck.cfg.contactDeadline + time.Minute); f.kind == kindContact && end.After(ck.contactWait) {
			ck.contactWait = end
		}
	}
	byKind := map[flowKind][2]int{}
	var failures []string
	for _, f := range ck.flows {
		err := f.err
		if err == nil {
			err = ck.endState(ctx, f)
		}
		n := byKind[f.kind]
		n[1]++
		if err == nil {
			n[0]++
		} else if len(failures) < 10 {
			failures = append(failures, fmt.Sprintf("flow %d (%s, %s): %v", f.n, f.kind, f.owner, err))
		}
		byKind[f.kind] = n
	}
	done, total := 0, 0
	for _, m := range kindMix {
		n := byKind[m.kind]
		ck.fig.add("     %-34s %d/%d", m.kind, n[0], n[1])
		done, total = done+n[0], total+n[1]
	}
	ck.check(done == total, "every flow reached its end state", "%d/%d%s", done, total, listed(failures))
}

func listed(lines []string) string {
	if len(lines) == 0 {
		return ""
	}
	return "\n       " + strings.Join(lines, "\n       ")
}

func (ck *checker) endState(ctx context.Context, f *flow) error {
	owner := ck.as(f)
	want := func(path, field, value string) error {
		res, err := owner.get(ctx, path)
		if err != nil {
			return err
		}
		if got := res.str(field); got != value {
			return fmt.Errorf("%s: %s %q, want %q", path, field, got, value)
		}
		return nil
	}
	switch f.kind {
	case kindF1:
		return want("/api/v1/proposals/"+f.proposalID, "status", "accepted")
	case kindF2, kindF2Major:
		return want("/api/v1/contracts/"+f.contractID, "status", "signed")
	case kindVisit:
		return want("/api/v1/visits/"+f.visitID, "status", "reported")
	}
	// R2.5: the call ends the week's workflow as contacted.
	ctx, cancel := context.WithDeadline(ctx, ck.contactWait)
	defer cancel()
	var gen int
	if err := ck.db.GetContext(ctx, &gen, `SELECT owner_generation FROM customers WHERE id = $1`, f.customerID); err != nil {
		return err
	}
	var state workflows.ContactState
	run := ck.c.tc.GetWorkflow(ctx, workflows.ContactDeadlineWorkflowID(f.customerID, gen), "")
	if err := run.Get(ctx, &state); err != nil {
		return fmt.Errorf("contact deadline workflow of %s: %w", f.customerID, err)
	}
	if state.Status != workflows.ContactContacted {
		return fmt.Errorf("contact deadline of %s ended %q, want %q", f.customerID, state.Status, workflows.ContactContacted)
	}
	return nil
}

// as is a copy of the flow's owner, free to be sent to another process.
func (ck *checker) as(f *flow) *user {
	u := *ck.d.as(f, f.owner)
	return &u
}

// rowCount is one "written once" rule: per subject, how many rows a
// finished flow of that kind leaves.
type rowCount struct {
	what  string
	query string // $1: the subject ids; returns (subject id, count)
	ids   func(*flow) string
	want  func(*flow) int
}

func one(*flow) int { return 1 }

var rowCounts = []rowCount{
	{"proposal versions per proposal", `SELECT proposal_id, count(*) FROM proposal_versions WHERE proposal_id = ANY($1) GROUP BY 1`,
		func(f *flow) string { return f.proposalID }, one},
	{"review decisions per proposal", `SELECT subject_id, count(*) FROM tasks WHERE subject_id = ANY($1) AND decision IS NOT NULL GROUP BY 1`,
		func(f *flow) string { return f.proposalID }, one},
	{"approvals per contract", `SELECT contract_id, count(*) FROM contract_approvals WHERE contract_id = ANY($1) GROUP BY 1`,
		contractOf, func(f *flow) int { return map[bool]int{true: 2, false: 1}[f.kind == kindF2Major] }},
	{"signatures per contract", `SELECT contract_id, count(*) FROM signatures WHERE contract_id = ANY($1) GROUP BY 1`,
		contractOf, func(*flow) int { return 2 }},
	{"visit-plan decisions per visit", `SELECT subject_id, count(*) FROM tasks WHERE subject_id = ANY($1) AND decision IS NOT NULL GROUP BY 1`,
		func(f *flow) string { return f.visitID }, one},
	{"reports per visit", `SELECT visit_id, count(*) FROM visit_reports WHERE visit_id = ANY($1) GROUP BY 1`,
		func(f *flow) string { return f.visitID }, one},
	{"interactions per customer", `SELECT customer_id, count(*) FROM customer_interactions WHERE customer_id = ANY($1) GROUP BY 1`,
		func(f *flow) string { return f.customerID },
		func(f *flow) int {
			return map[bool]int{true: 1, false: 0}[f.kind == kindContact || f.kind == kindVisit]
		}},
}

func contractOf(f *flow) string {
	if f.kind == kindF1 {
		return ""
	}
	return f.contractID
}

// rowsOnce counts, per step, the rows the flows wrote: each exactly as
// many as the journey makes, and no notification or audit event twice.
func (ck *checker) rowsOnce(ctx context.Context) {
	for _, rc := range rowCounts {
		want := map[string]int{}
		for _, f := range ck.flows {
			if id := rc.ids(f); id != "" && f.err == nil {
				want[id] = rc.want(f)
			}
		}
		got := map[string]int{}
		rows, err := ck.db.QueryContext(ctx, rc.query, pq.Array(keys(want)))
		if err != nil {
			ck.check(false, rc.what, "query: %v", err)
			continue
		}
		for rows.Next() {
			var id string
			var n int
			_ = rows.Scan(&id, &n)
			got[id] = n
		}
		rows.Close()
		var bad []string
		total := 0
		for id, w := range want {
			total += got[id]
			if got[id] != w {
				bad = append(bad, fmt.Sprintf("%s: %d, want %d", id, got[id], w))
			}
		}
		ck.check(len(bad) == 0, rc.what, "%d rows over %d subjects, %d off%s", total, len(want), len(bad), listed(first(bad, 5)))
	}
	ck.duplicates(ctx, "notifications per step", `SELECT user_id || ' ' || kind || ' ' || subject_id, count(*)
		FROM notifications GROUP BY user_id, kind, subject_id HAVING count(*) > 1`)
	ck.duplicates(ctx, "audit events per action", `SELECT subject_id || ' ' || action || ' ' || coalesce(actor_id, '-'), count(*)
		FROM audit_events GROUP BY subject_id, action, actor_id HAVING count(*) > 1`)
}

func (ck *checker) duplicates(ctx context.Context, what, query string) {
	var rows []struct {
		Key string `db:"?column?"`
		N   int    `db:"count"`
	}
	if err := ck.db.SelectContext(ctx, &rows, query); err != nil {
		ck.check(false, what, "query: %v", err)
		return
	}
	var bad []string
	for _, r := range rows {
		bad = append(bad, fmt.Sprintf("%s ×%d", r.Key, r.N))
	}
	ck.check(len(bad) == 0, what, "%d written more than once%s", len(bad), listed(first(bad, 5)))
}

func keys(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func first(s []string, n int) []string {
	sort.Strings(s)
	if len(s) > n {
		return append(s[:n:n], fmt.Sprintf("… and %d more", len(s)-n))
	}
	return s
}
