package api

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"salesflow/pages"
	"salesflow/store"
)

// seedInbox opens n tasks for a new company approver, offered to them by
// name rather than by role so that no other test's inbox sees them: half
// proposal reviews, half approvals of one real contract, so the inbox
// renders both kinds of card with their real lookups.
func (e *testEnv) seedInbox(tb testing.TB, n int) store.User {
	tb.Helper()
	ctx := context.Background()
	contract := e.acceptedContract(e.as(tb, "sales1"), 100_000, 250_000)
	k, err := e.Store.ContractByID(ctx, contract)
	if err != nil {
		tb.Fatal(err)
	}
	u, err := newUser(ctx, e.Store, "inbox-"+randomSuffix(), "待办 审批人", testPassword,
		[]string{"company_approver"}, "", 10)
	if err != nil {
		tb.Fatal(err)
	}
	tx, err := e.Store.DB().BeginTxx(ctx, nil)
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	due := time.Now().Add(72 * time.Hour)
	for i := range n {
		t := store.NewTask{ID: "inbox-" + randomSuffix(), Kind: "proposal_review", SubjectType: "proposal",
			SubjectID: k.ProposalID, WorkflowID: "proposal-" + k.ProposalID, SubjectVersion: k.ProposalVersion,
			AuthorID: k.OwnerID, AssigneeUserID: u.ID, DueAt: due}
		if i%2 == 1 {
			t.Kind, t.SubjectType, t.SubjectID, t.WorkflowID = "contract_approval", "contract", k.ID, k.WorkflowID
		}
		if err := store.OpenTask(ctx, tx, t); err != nil {
			tb.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
	return u
}

// TestPagesInboxPages: an approver with more open tasks than one page
// holds is told more wait and can page on to every one of them.
func TestPagesInboxPages(t *testing.T) {
	e := newTestEnv(t)
	u := e.seedInbox(t, pages.InboxPageSize+5)
	approver := e.pageBrowser(t)
	approver.signIn(u.Username)
	first := approver.page("/inbox", "后面还有更多", `id="inbox-more"`, "合同审批", "方案评审")
	if n := strings.Count(first, `class="card task`); n != pages.InboxPageSize {
		t.Errorf("first page: %d cards, want %d", n, pages.InboxPageSize)
	}
	next := pageValueAfter(first, `href="/inbox?cursor=`, `"`, `id="inbox-more"`)
	if next == "" {
		t.Fatal("no link to the later tasks")
	}
	rest := approver.page("/inbox?cursor="+next, "共 5 项待处理")
	if n := strings.Count(rest, `class="card task`); n != 5 || strings.Contains(rest, `id="inbox-more"`) {
		t.Errorf("second page: %d cards (want 5) or a link to more", n)
	}
}

// BenchmarkInboxPage measures the server's time to answer GET /inbox for
// an approver with 1,000 open tasks (the first page: pages.InboxPageSize cards,
// each with its decision form; contract cards load their contract), through
// the real handler with a real session, PostgreSQL included.
//
//	SALESFLOW_TEST_INTEGRATION=1 go test -run '^$' -bench InboxPage ./api/
func BenchmarkInboxPage(b *testing.B) {
	e := newTestEnv(b)
	u := e.seedInbox(b, 1000)
	cookies := e.signInCookies(b, u.Username)
	cards := 0
	for b.Loop() {
		req := httptest.NewRequest(http.MethodGet, "/inbox", nil)
		for _, c := range cookies {
			req.AddCookie(c)
		}
		rec := httptest.NewRecorder()
		e.handler.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("GET /inbox: %d", rec.Code)
		}
		cards = strings.Count(rec.Body.String(), `class="card task`)
	}
	b.ReportMetric(float64(cards), "cards/page")
}

// signInCookies posts the sign-in form to the handler and returns the
// session cookie it sets.
func (e *testEnv) signInCookies(tb testing.TB, username string) []*http.Cookie {
	tb.Helper()
	form := url.Values{"username": {username}, "password": {testPassword}}
	req := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	e.handler.ServeHTTP(rec, req)
	if rec.Code != http.StatusSeeOther {
		tb.Fatalf("sign in as %s: %d", username, rec.Code)
	}
	return rec.Result().Cookies()
}
