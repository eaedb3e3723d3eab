package api

// The texts of the admins' delivery page and its API's problems (issue 9);
// merged into the one catalogue like pageMessages.
func init() {
	for k, v := range deliveryMessages {
		messages[k] = v
	}
}

var deliveryMessages = map[string]message{
	"field.delivery_state":          {"只能是 failed 或 pending", "must be failed or pending"},
	"detail.delivery_not_retryable": {"此通知没有可重试的发送：各渠道均已完成，或正在发送中。", "This notification has nothing to retry: every channel is settled, or it is being sent right now."},

	"page.nav.admin_notifications": {"通知发送", "Delivery"},

	"page.admin.deliveries_title":        {"通知发送", "Notification delivery"},
	"page.admin.deliveries_intro":        {"通过邮件和 Webhook 发出的通知。被收件服务器拒收或多次尝试仍失败的进入死信，不会阻塞其他通知；修正地址或服务后可重试。", "Notifications sent by mail and the webhook. One the receiving server refused, or that failed every attempt, is dead-lettered and holds up nothing else; retry it once the address or the service is fixed."},
	"page.admin.delivery_counts":         {"死信 %d 条，待发送 %d 条（其中 %d 条已到发送时间）。", "%d dead-lettered, %d waiting (%d due now)."},
	"page.admin.oldest_waiting":          {"最早的待发送通知写于 %v", "the oldest waiting was written %v"},
	"page.admin.dead_letters":            {"死信", "Dead letters"},
	"page.admin.waiting":                 {"待发送", "Waiting"},
	"page.admin.retry_all":               {"全部死信重试", "Retry every dead letter"},
	"page.admin.retry":                   {"重试", "Retry"},
	"page.admin.send_now":                {"立即发送", "Send now"},
	"page.admin.no_dead_letters":         {"没有死信。", "No dead letters."},
	"page.admin.nothing_waiting":         {"没有待发送的通知。", "Nothing waiting."},
	"page.admin.delivery_retried":        {"已重新排队，下一轮发送时发出", "Queued again; the next delivery round sends it"},
	"page.admin.dead_letters_retried":    {"%d 条死信已重新排队", "%d dead letters queued again"},
	"page.admin.delivery.notification":   {"通知", "Notification"},
	"page.admin.delivery.recipient":      {"收件人", "Recipient"},
	"page.admin.delivery.no_address":     {"无邮箱", "no address"},
	"page.admin.delivery.email":          {"邮件", "Email"},
	"page.admin.delivery.webhook":        {"Webhook", "Webhook"},
	"page.admin.delivery.attempts":       {"尝试次数", "Attempts"},
	"page.admin.delivery.next":           {"下次 %v", "next %v"},
	"page.admin.delivery.last_error":     {"最近错误", "Last error"},
	"page.admin.delivery.failed":         {"死信", "Dead letter"},
	"page.admin.delivery.pending":        {"待发送", "Waiting"},
	"page.admin.delivery.sent":           {"已发送", "Sent"},
	"page.admin.delivery.not_applicable": {"不适用", "Not applicable"},
}
