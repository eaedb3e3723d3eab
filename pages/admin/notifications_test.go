package admin

import (
	"testing"
	"time"

	"salesflow/i18n"
	"salesflow/pages/site"
	"salesflow/pages/site/sitetest"
	"salesflow/policy"
	"salesflow/store"
	"salesflow/web"
)

// TestAdminNotificationsTemplate renders the delivery page in both
// languages: the counts, each channel's state, the server's answer and a
// retry button carrying the id.
func TestAdminNotificationsTemplate(t *testing.T) {
	view, err := web.New(web.Options{Location: policy.Shanghai})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2025, 3, 3, 1, 30, 0, 0, time.UTC)
	admin := &store.User{ID: "u-a", Name: "管理员甲", Roles: []string{"admin"}, Active: true}
	row := deliveryRow{Key: "k-1", Delivery: store.Delivery{ID: "task/t-1/task/u-2", UserName: "王销",
		Email: "gone@example.com", TitleZH: "新待办：方案评审", TitleEN: "New task: Proposal review",
		EmailState: store.DeliveryFailed, WebhookState: store.DeliveryNotApplicable, Attempts: 1,
		LastError: `email: 550 "5.1.1 no such mailbox"`, CreatedAt: now, NextAttemptAt: now}}
	for lang, texts := range map[i18n.Lang][]string{
		i18n.ZH: {"通知发送", "死信 1 条，待发送 2 条", "新待办：方案评审", "gone@example.com", "不适用", "5.1.1 no such mailbox",
			`name="id" value="task/t-1/task/u-2"`, "全部死信重试", `href="/admin/notifications"`},
		i18n.EN: {"Notification delivery", "1 dead-lettered, 2 waiting (1 due now)", "New task: Proposal review", "Dead letter", "Retry"},
	} {
		page := adminNotificationsPage{Base: site.Base{Lang: string(lang), User: admin}, State: store.DeliveryFailed,
			Counts: store.DeliveryCounts{Email: store.ChannelCounts{Pending: 2, DeadLettered: 1}, Due: 1, OldestPendingAt: &now},
			Items:  []deliveryRow{row}, RetryKey: "k-all"}
		sitetest.CheckPage(t, view, lang, "admin_notifications", "admin_notifications", page, texts)
	}
}
