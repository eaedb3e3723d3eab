package activities_test

import (
	"context"
	"testing"

	"salesflow/activities"
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
