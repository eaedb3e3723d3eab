package activities_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"salesflow/activities"
	"salesflow/notify"
	"salesflow/notify/smtptest"
	"salesflow/store"
	"salesflow/store/storetest"
)

// TestDeliverPendingMailsTaskNotifications: a task opened inside another
// step's transaction notifies its assignee; the delivery sweep mails it
// once (a second sweep sends nothing) and leaves the author out.
func TestDeliverPendingMailsTaskNotifications(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	boss := mustUser(t, st, "boss", "")
	owner := mustUser(t, st, "owner", boss.ID)
	for _, u := range []store.User{boss, owner} {
		if err := st.SetUserEmail(ctx, u.ID, u.Username+"@example.com"); err != nil {
			t.Fatal(err)
		}
	}
	tx, err := st.DB().BeginTxx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	task := store.NewTask{ID: "weekly-check-x", Kind: "weekly_check", SubjectType: "user", SubjectID: owner.ID,
		WorkflowID: "weekly", AuthorID: owner.ID, AssigneeUserID: boss.ID}
	if err := store.OpenTask(ctx, tx, task); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	mailer := &recordingMailer{}
	acts := activities.New(st)
	acts.Mailer = mailer
	for range 2 {
		if _, err := acts.DeliverPending(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if len(mailer.sent) != 1 || mailer.sent[0] != "boss@example.com 新待办：每周客户记录检查 / New task: Weekly record check" {
		t.Fatalf("mailed once to the manager, not the author: %v", mailer.sent)
	}
}

// smtpActivities are the worker's activities of a mail-only deployment:
// the real SMTP mailer pointed at srv, no webhook.
func smtpActivities(t *testing.T, st *store.Store, srv *smtptest.Server) *activities.Activities {
	t.Helper()
	m, err := notify.NewMailer(notify.SMTPConfig{Addr: srv.Addr, From: "salesflow@example.com", TLS: "none"})
	if err != nil {
		t.Fatal(err)
	}
	acts := activities.New(st)
	acts.Mailer = m
	return acts
}

// mailUser is a user whose notifications go to email ("" for none).
func mailUser(t *testing.T, st *store.Store, username, email string) store.User {
	t.Helper()
	u := mustUser(t, st, username, "")
	if email != "" {
		if err := st.SetUserEmail(context.Background(), u.ID, email); err != nil {
			t.Fatal(err)
		}
	}
	return u
}

// notifyMany writes n notifications for u, ids prefix/0 … prefix/n-1,
// each with a title of its own, oldest first.
func notifyMany(t *testing.T, st *store.Store, u store.User, prefix string, n int) []string {
	t.Helper()
	var ids []string
	for i := range n {
		id := fmt.Sprintf("%s/%d", prefix, i)
		note := store.Notification{ID: id, UserID: u.ID, Kind: "test", SubjectType: "user", SubjectID: u.ID,
			TitleZH: "测试 " + id, TitleEN: "Test " + id, Body: "/inbox"}
		if err := st.NotifyOnce(context.Background(), note); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	return ids
}

// sweepUntilIdle runs the delivery sweep until it finds nothing to do, at
// most rounds times; it reports whether it became idle.
func sweepUntilIdle(t *testing.T, acts *activities.Activities, rounds int) bool {
	t.Helper()
	for range rounds {
		n, err := acts.DeliverPending(context.Background())
		if err != nil {
			t.Logf("sweep: %v", err)
		}
		if n == 0 && err == nil {
			return true
		}
	}
	return false
}

// checkOnce fails t unless every id was mailed exactly once (counted at
// the SMTP server by the notification header) and nothing else was.
func checkOnce(t *testing.T, srv *smtptest.Server, ids []string) {
	t.Helper()
	counts := srv.PerNotification()
	total := len(srv.Messages())
	for _, id := range ids {
		if counts[id] != 1 {
			t.Errorf("notification %s mailed %d times, want once (%d messages for %d notifications)",
				id, counts[id], total, len(ids))
			return
		}
	}
	if total != len(ids) {
		t.Errorf("%d messages for %d notifications", total, len(ids))
	}
}

// TestMailOnlyDeploymentDeliversEverything: with mail configured and no
// webhook, and more notifications of a user without an address than the
// sweep's old 500-row window, everything that has an address is mailed
// once and nothing stays pending.
func TestMailOnlyDeploymentDeliversEverything(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	srv := smtptest.Start(t)
	acts := smtpActivities(t, st, srv)
	if err := st.SetDeliveryChannels(ctx, true, false); err != nil { // as the worker does at start
		t.Fatal(err)
	}
	nobody := mailUser(t, st, "nobody", "")
	ann := mailUser(t, st, "ann", "ann@example.com")
	bob := mailUser(t, st, "bob", "bob@example.com")
	notifyMany(t, st, nobody, "no-address", 510)
	ids := append(notifyMany(t, st, ann, "ann", 15), notifyMany(t, st, bob, "bob", 15)...)
	c, err := st.NotificationDeliveryCounts(ctx)
	if err != nil || c.Email.Pending != 30 || c.Webhook.Pending != 0 {
		t.Errorf("settled at insert: the webhook is off and nobody has no address; pending %+v (%v)", c, err)
	}
	if !sweepUntilIdle(t, acts, 5) {
		t.Error("the sweep never runs out of work in a mail-only deployment")
	}
	checkOnce(t, srv, ids)
	if c, err := st.NotificationDeliveryCounts(ctx); err != nil || c != (store.DeliveryCounts{}) {
		t.Errorf("left pending or failed: %+v (%v)", c, err)
	}
}

// TestRefusedRecipientBlocksNothing: the SMTP server refuses one address
// for good (550 on RCPT); the others' notifications still go, once each.
func TestRefusedRecipientBlocksNothing(t *testing.T) {
	st := storetest.Open(t)
	srv := smtptest.Start(t)
	srv.Refuse("gone@example.com")
	acts := smtpActivities(t, st, srv)
	gone := mailUser(t, st, "gone", "gone@example.com")
	ann := mailUser(t, st, "ann", "ann@example.com")
	notifyMany(t, st, gone, "gone", 1) // oldest: the sweep meets it first
	ids := notifyMany(t, st, ann, "ann", 10)
	sweepUntilIdle(t, acts, 3)
	checkOnce(t, srv, ids)
	ctx := context.Background()
	d, err := st.DeliveryByID(ctx, "gone/0")
	if err != nil || d.EmailState != store.DeliveryFailed || d.Attempts != 1 || !strings.Contains(d.LastError, "550") {
		t.Errorf("the refused notification is dead-lettered at once, with the server's answer: %+v (%v)", d, err)
	}
	dead, _, err := st.Deliveries(ctx, store.DeliveryFailed, store.Page{})
	if c, _ := st.NotificationDeliveryCounts(ctx); err != nil || len(dead) != 1 || c.Email.DeadLettered != 1 {
		t.Errorf("admins see one dead letter: %v %+v (%v)", dead, c, err)
	}
}

// failingWebhook refuses every post, as a relay that is down does.
type failingWebhook struct{ posts int }

func (w *failingWebhook) Post(context.Context, []byte) error {
	w.posts++
	return errors.New("webhook answered 502 Bad Gateway")
}

// TestFailingWebhookBacksOffToDeadLetter: a webhook that keeps failing
// holds up no email; each of its rows is tried again only after a growing
// wait, and dead-lettered after the last attempt, the email never resent.
func TestFailingWebhookBacksOffToDeadLetter(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	srv := smtptest.Start(t)
	acts := smtpActivities(t, st, srv)
	hook := &failingWebhook{}
	acts.Webhook = hook
	acts.Delivery = activities.DeliveryOptions{MaxAttempts: 3, Backoff: 200 * time.Millisecond}
	ann := mailUser(t, st, "ann", "ann@example.com")
	ids := notifyMany(t, st, ann, "ann", 5)
	sweepUntilIdle(t, acts, 2)
	checkOnce(t, srv, ids)
	if hook.posts != 5 {
		t.Fatalf("posts %d, want one try each and no second before the backoff", hook.posts)
	}
	d, _ := st.DeliveryByID(ctx, ids[0])
	if d.WebhookState != store.DeliveryPending || d.Attempts != 1 || time.Until(d.NextAttemptAt) < 100*time.Millisecond {
		t.Fatalf("after one failure: %+v, want pending, one attempt, due in 200ms", d)
	}
	for range 20 { // attempts 2 (after 200ms) and 3 (after 400ms more)
		time.Sleep(100 * time.Millisecond)
		sweepUntilIdle(t, acts, 1)
	}
	d, _ = st.DeliveryByID(ctx, ids[0])
	if hook.posts != 15 || d.WebhookState != store.DeliveryFailed || d.EmailState != store.DeliverySent || d.Attempts != 3 {
		t.Errorf("after the last attempt: %d posts, %+v; want 15 posts and the webhook dead-lettered", hook.posts, d)
	}
	checkOnce(t, srv, ids)
}
