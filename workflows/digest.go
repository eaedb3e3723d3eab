package workflows

import (
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"salesflow/activities"
)

// DailyDigestWorkflow is started by the daily-digest Schedule each day at
// 09:00 Asia/Shanghai (R4.3): each sales manager gets a digest of their
// team. Non-working days are skipped by the company calendar, which the
// activity holds, so holidays and make-up Saturdays need no schedule change.
func DailyDigestWorkflow(ctx workflow.Context) (activities.DigestResult, error) {
	ctx = withActivityOptions(ctx)
	var res activities.DigestResult
	if err := workflow.ExecuteActivity(ctx, a.SendDailyDigests, workflow.Now(ctx)).Get(ctx, &res); err != nil {
		return res, err
	}
	if len(res.IDs) > 0 {
		err := workflow.ExecuteActivity(withDeliveryOptions(ctx), a.EmailNotifications, res.IDs).Get(ctx, nil)
		if err != nil {
			workflow.GetLogger(ctx).Warn("digest email not sent", "error", err)
		}
	}
	return res, nil
}

// NotificationDeliveryWorkflow is started every minute by its Schedule
// (overlaps skipped): it mails, and posts to the webhook, what is due, in
// small batches until nothing is left or the activity's time budget is
// spent. A failed notification backs off on its own row; the activity
// fails, and Temporal retries it, only when the database does.
func NotificationDeliveryWorkflow(ctx workflow.Context) (int, error) {
	var n int
	err := workflow.ExecuteActivity(withDeliveryOptions(ctx), a.DeliverPending).Get(ctx, &n)
	return n, err
}

// withDeliveryOptions are the options of every delivery activity (the
// sweep, the visit's and the digest's own): it heartbeats before each
// send, so a worker that dies is noticed in HeartbeatTimeout and the
// activity runs again elsewhere; the rows it held come back when their
// lease (activities.DeliveryOptions.Lease, longer than StartToClose) ends.
func withDeliveryOptions(ctx workflow.Context) workflow.Context {
	return workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 2 * time.Minute,
		HeartbeatTimeout:    45 * time.Second,
		RetryPolicy: &temporal.RetryPolicy{InitialInterval: time.Second, BackoffCoefficient: 2,
			MaximumInterval: 30 * time.Second, MaximumAttempts: 5},
	})
}
