package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"salesflow/store"
	"salesflow/store/storetest"
)

// deliveryUser is a user with (or, for "", without) an email address.
func deliveryUser(t *testing.T, st *store.Store, email string) store.User {
	t.Helper()
	ctx := context.Background()
	u, err := st.CreateUser(ctx, store.User{ID: uuid.NewString(), Username: "u" + uuid.NewString()[:8],
		Name: "用户", PasswordHash: "x", Roles: []string{"salesperson"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SetUserEmail(ctx, u.ID, email); err != nil {
		t.Fatal(err)
	}
	return u
}

func insertNotes(t *testing.T, st *store.Store, u store.User, prefix string, n int) {
	t.Helper()
	for i := range n {
		note := store.Notification{ID: fmt.Sprintf("%s/%d", prefix, i), UserID: u.ID, Kind: "test",
			SubjectType: "user", SubjectID: u.ID, TitleZH: "测试", TitleEN: "Test", Body: "/inbox"}
		if err := st.NotifyOnce(context.Background(), note); err != nil {
			t.Fatal(err)
		}
	}
}

func mailClaim(limit int) store.Claim {
	return store.Claim{Token: uuid.NewString(), Limit: limit, Lease: time.Minute, Email: true}
}

// TestClaimIsExclusive: eight senders claim batches at the same time
// until nothing is left; no row is handed to two of them, and every row
// is handed out.
func TestClaimIsExclusive(t *testing.T) {
	st := storetest.Open(t)
	insertNotes(t, st, deliveryUser(t, st, "ann@example.com"), "n", 300)
	var mu sync.Mutex
	seen := map[string]int{}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for {
				rows, err := st.ClaimNotifications(context.Background(), mailClaim(7))
				if err != nil {
					t.Error(err)
					return
				}
				if len(rows) == 0 {
					return
				}
				mu.Lock()
				for _, r := range rows {
					seen[r.ID]++
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(seen) != 300 {
		t.Errorf("%d rows handed out, want all 300", len(seen))
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("row %s handed to %d senders", id, n)
		}
	}
}

// TestClaimLeaseAndBackoff: a claimed row is nobody else's until its lease
// ends; a failed try makes it wait its backoff; the last attempt
// dead-letters it; an admin's retry puts it back in line with fresh
// attempts, once per key.
func TestClaimLeaseAndBackoff(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	admin := deliveryUser(t, st, "")
	insertNotes(t, st, deliveryUser(t, st, "ann@example.com"), "n", 1)
	c := mailClaim(5)
	c.Lease = 300 * time.Millisecond
	if rows, _ := st.ClaimNotifications(ctx, c); len(rows) != 1 || rows[0].Email != "ann@example.com" {
		t.Fatalf("claim: %v", rows)
	}
	if rows, _ := st.ClaimNotifications(ctx, mailClaim(5)); len(rows) != 0 {
		t.Fatal("a claimed row is handed out again within its lease")
	}
	time.Sleep(400 * time.Millisecond)
	rows, _ := st.ClaimNotifications(ctx, c) // the lease ran out: a crashed sender's row comes back
	if len(rows) != 1 {
		t.Fatal("a row whose lease ran out is not handed out again")
	}
	fail := store.Attempt{ID: "n/0", Token: c.Token, Error: "email: 421 busy", RetryIn: 300 * time.Millisecond}
	if err := st.FinishAttempt(ctx, fail); err != nil {
		t.Fatal(err)
	}
	if rows, _ := st.ClaimNotifications(ctx, c); len(rows) != 0 {
		t.Fatal("a failed row is tried again before its backoff")
	}
	time.Sleep(400 * time.Millisecond)
	if rows, _ := st.ClaimNotifications(ctx, c); len(rows) != 1 || rows[0].Attempts != 1 {
		t.Fatalf("after the backoff: %v, want the row with one attempt", rows)
	}
	fail.DeadLetter = []string{store.ChannelEmail}
	if err := st.FinishAttempt(ctx, fail); err != nil {
		t.Fatal(err)
	}
	d, _ := st.DeliveryByID(ctx, "n/0")
	counts, _ := st.NotificationDeliveryCounts(ctx)
	if d.EmailState != store.DeliveryFailed || d.WebhookState != store.DeliveryPending || d.Attempts != 2 ||
		d.LastError != "email: 421 busy" || counts.Email.DeadLettered != 1 {
		t.Fatalf("dead letter: %+v %+v", d, counts)
	}
	for range 2 { // the same key twice: one retry
		if d, err := st.RetryDelivery(ctx, "n/0", admin.ID, "retry/n/0/k1"); err != nil || d.EmailState != store.DeliveryPending || d.Attempts != 0 {
			t.Fatalf("retry: %+v %v", d, err)
		}
	}
	var events int
	_ = st.DB().Get(&events, `SELECT count(*) FROM audit_events WHERE action = 'notification.delivery_retried'`)
	if rows, _ := st.ClaimNotifications(ctx, mailClaim(5)); len(rows) != 1 || events != 1 {
		t.Fatalf("after the retry: %d claimed, %d audit events; want the row due and one event", len(rows), events)
	}
	if _, err := st.RetryDelivery(ctx, "nope", admin.ID, "retry/nope"); err != store.ErrNotFound {
		t.Errorf("retry of no notification: %v", err)
	}
}

// TestChannelsSettledAtInsert: a user without an address and a channel the
// deployment has off are settled when the row is written, from the worker
// or the API alike; rows written before the worker said so are settled
// when it does; a sender claims only rows pending on a channel it has.
func TestChannelsSettledAtInsert(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	ann, nobody := deliveryUser(t, st, "ann@example.com"), deliveryUser(t, st, "")
	insertNotes(t, st, ann, "before", 1) // no worker has said yet: both channels wait
	if c, _ := st.NotificationDeliveryCounts(ctx); c.Email.Pending != 1 || c.Webhook.Pending != 1 {
		t.Fatalf("before any worker started: %+v", c)
	}
	if err := st.SetDeliveryChannels(ctx, true, false); err != nil {
		t.Fatal(err)
	}
	insertNotes(t, st, ann, "ann", 1)
	insertNotes(t, st, nobody, "nobody", 1)
	want := map[string][2]string{"before/0": {"pending", "not_applicable"}, "ann/0": {"pending", "not_applicable"},
		"nobody/0": {"not_applicable", "not_applicable"}}
	for id, w := range want {
		if d, _ := st.DeliveryByID(ctx, id); d.EmailState != w[0] || d.WebhookState != w[1] {
			t.Errorf("%s: email %s webhook %s, want %v", id, d.EmailState, d.WebhookState, w)
		}
	}
	hookOnly := store.Claim{Token: uuid.NewString(), Limit: 10, Lease: time.Minute, Webhook: true}
	if rows, _ := st.ClaimNotifications(ctx, hookOnly); len(rows) != 0 {
		t.Errorf("a webhook-only sender claims rows waiting for mail: %v", rows)
	}
}
