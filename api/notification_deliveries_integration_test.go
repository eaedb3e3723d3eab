package api

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"salesflow/notify"
	"salesflow/notify/smtptest"
)

// TestAdminRetriesDeadLetteredNotification: the mail server refuses the
// reviewer's address for good, so the review task's notification is
// dead-lettered; an admin finds it on the delivery page and through the
// API (others may not), fixes the address, retries it (twice with one
// key: one audited retry), and the next delivery mails it once; a retry
// of what is settled is refused, one of nothing is not found.
func TestAdminRetriesDeadLetteredNotification(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	srv := smtptest.Start(t)
	srv.Refuse("gone@example.com")
	reviewer := e.users["reviewer"].ID
	setEmail := func(addr string) {
		if err := e.Store.SetUserEmail(ctx, reviewer, addr); err != nil {
			t.Fatal(err)
		}
	}
	setEmail("gone@example.com")
	t.Cleanup(func() { setEmail("") })
	// A mail-only deployment, as its worker records at start; the shared
	// harness goes back to "not said" afterwards.
	if err := e.Store.SetDeliveryChannels(ctx, true, false); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = e.Store.DB().Exec(`DELETE FROM delivery_channels`) })
	sales := e.as(t, "sales1")
	id := e.newProposal(sales, "死信测试方案")
	sales.post("/api/v1/proposals/"+id+"/submit", nil, "").status(http.StatusOK)
	var noteID string
	if err := e.Store.DB().Get(&noteID, `SELECT id FROM notifications WHERE user_id = $1 AND subject_id = $2 AND kind = 'task'`,
		reviewer, id); err != nil {
		t.Fatalf("the reviewer's task notification: %v", err)
	}

	// The worker's sender meets the refusal (the harness worker mails nothing).
	acts := e.activities()
	mailer, err := notify.NewMailer(notify.SMTPConfig{Addr: srv.Addr, From: "salesflow@example.com", TLS: "none"})
	if err != nil {
		t.Fatal(err)
	}
	acts.Mailer = mailer
	if err := acts.EmailNotifications(ctx, []string{noteID}); err != nil {
		t.Fatal(err)
	}

	admin := e.as(t, "admin")
	dead := admin.do("GET", "/api/v1/notification-deliveries?state=failed&limit=200", nil, nil).status(http.StatusOK)
	if !strings.Contains(string(dead.raw), `"id":"`+noteID+`"`) || !strings.Contains(string(dead.raw), `"email_state":"failed"`) ||
		!strings.Contains(string(dead.raw), "5.1.1") {
		t.Fatalf("the dead letter is not listed with the server's answer: %s", dead.raw)
	}
	e.as(t, "reviewer").do("GET", "/api/v1/notification-deliveries", nil, nil).status(http.StatusForbidden)
	admin.do("GET", "/api/v1/notification-deliveries?state=sent", nil, nil).status(http.StatusUnprocessableEntity)
	browser := e.pageBrowser(t)
	browser.signIn("admin")
	browser.page("/admin/notifications", "通知发送", "新待办：方案评审", "gone@example.com", "5.1.1", `value="`+noteID+`"`)

	setEmail("reviewer@example.com")
	path := "/api/v1/notification-deliveries/" + url.PathEscape(noteID) + "/retry"
	for range 2 {
		res := admin.post(path, nil, "retry-"+noteID).status(http.StatusOK)
		if res.str("email_state") != "pending" || res.body["attempts"] != float64(0) {
			t.Fatalf("after the retry: %s, want pending with fresh attempts", res.raw)
		}
	}
	var events int
	_ = e.Store.DB().Get(&events, `SELECT count(*) FROM audit_events WHERE subject_id = $1 AND action = 'notification.delivery_retried'`, noteID)
	if events != 1 {
		t.Errorf("%d audited retries, want one for one key", events)
	}
	if err := acts.EmailNotifications(ctx, []string{noteID}); err != nil {
		t.Fatal(err)
	}
	if got := srv.PerNotification()[noteID]; got != 1 {
		t.Fatalf("mailed %d times after the retry, want once", got)
	}
	admin.post(path, nil, "").status(http.StatusConflict)
	admin.post("/api/v1/notification-deliveries/nope/retry", nil, "").status(http.StatusNotFound)
	code, loc, _ := browser.send("POST", "/admin/notifications/retry", url.Values{"id": {noteID}, "idempotency_key": {"k-" + randomSuffix()}}, nil)
	if code != http.StatusSeeOther || loc != "/admin/notifications" {
		t.Fatalf("page retry of a sent notification: %d %q, want back to the list", code, loc)
	}
	browser.page("/admin/notifications", "此通知没有可重试的发送")
}
