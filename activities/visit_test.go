package activities_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"salesflow/activities"
	"salesflow/policy"
	"salesflow/store"
	"salesflow/store/storetest"
)

// recordingMailer keeps what it was asked to send; fail makes it refuse.
type recordingMailer struct {
	sent []string
	fail bool
}

func (m *recordingMailer) Send(_ context.Context, _, to, subject, _ string) error {
	if m.fail {
		return errors.New("smtp down")
	}
	m.sent = append(m.sent, to+" "+subject)
	return nil
}

// TestVisitActivitiesWriteOnceAndMail: a retried plan writes one visit, one
// task and one notification; the notification is mailed once, and a mail
// failure is tried again after its backoff.
func TestVisitActivitiesWriteOnceAndMail(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	boss := mustUser(t, st, "boss", "")
	owner := mustUser(t, st, "owner", boss.ID)
	if err := st.SetUserEmail(ctx, boss.ID, "boss@example.com"); err != nil {
		t.Fatal(err)
	}
	cust, err := st.CreateCustomer(ctx, store.Customer{ID: uuid.NewString(), Name: "客户", Channel: "internet",
		OwnerID: owner.ID, CollectedOn: "2026-11-20", CreatedBy: owner.ID})
	if err != nil {
		t.Fatal(err)
	}
	mailer, hook := &recordingMailer{fail: true}, &recordingWebhook{}
	acts := activities.New(st)
	acts.Mailer, acts.Webhook = mailer, hook
	in := activities.CreateVisitInput{VisitRef: activities.VisitRef{VisitID: "v1", WorkflowID: "visit-v1",
		CustomerID: cust.ID, Owner: policy.Actor{ID: owner.ID, Name: "张三"}, ManagerID: boss.ID},
		StepKey: "visit-v1/created", TaskID: "v1-plan", Goals: "介绍", PlannedStart: time.Now(),
		PlannedReturn: time.Now().Add(time.Hour)}
	var ids []string
	for range 2 {
		if ids, err = acts.CreateVisit(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	var visits, tasks, notes int
	_ = st.DB().QueryRow(`SELECT (SELECT count(*) FROM visits), (SELECT count(*) FROM tasks), (SELECT count(*) FROM notifications)`).
		Scan(&visits, &tasks, &notes)
	if visits != 1 || tasks != 1 || notes != 1 || len(ids) != 1 {
		t.Fatalf("one visit, task and notification, got %d %d %d (ids %v)", visits, tasks, notes, ids)
	}
	acts.Delivery.Backoff = 50 * time.Millisecond
	if err := acts.EmailNotifications(ctx, ids); err != nil {
		t.Fatal(err)
	}
	var attempts int
	_ = st.DB().QueryRow(`SELECT attempts FROM notifications WHERE id = $1 AND email_state = 'pending'`, ids[0]).Scan(&attempts)
	if attempts != 1 {
		t.Fatalf("a mail failure is one attempt, to be tried again; attempts %d", attempts)
	}
	mailer.fail = false
	if err := acts.EmailNotifications(ctx, ids); err != nil || len(mailer.sent) != 0 {
		t.Fatalf("tried again before its backoff: %v %v", err, mailer.sent)
	}
	time.Sleep(100 * time.Millisecond)
	for range 2 {
		if _, err := acts.DeliverPending(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if len(mailer.sent) != 1 || mailer.sent[0] != "boss@example.com 张三 的拜访计划待您审批 / Visit plan by 张三 waits for your approval" {
		t.Fatalf("mailed once to the manager: %v", mailer.sent)
	}
	if len(hook.bodies) != 1 || !strings.Contains(hook.bodies[0], `"kind":"visit_plan"`) {
		t.Fatalf("posted once to the webhook: %v", hook.bodies)
	}
}

type recordingWebhook struct{ bodies []string }

func (w *recordingWebhook) Post(_ context.Context, body []byte) error {
	w.bodies = append(w.bodies, string(body))
	return nil
}

func storePage() store.Page { return store.Page{Limit: 50} }
