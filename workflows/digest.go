package workflows

import (
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
		err := workflow.ExecuteActivity(ctx, a.EmailNotifications, res.IDs).Get(ctx, nil)
		if err != nil {
			workflow.GetLogger(ctx).Warn("digest email not sent", "error", err)
		}
	}
	return res, nil
}

// NotificationDeliveryWorkflow is started every minute by its Schedule:
// it mails (and posts to the webhook) the notifications no channel has
// taken yet, retrying through the activity.
func NotificationDeliveryWorkflow(ctx workflow.Context) (int, error) {
	ctx = withActivityOptions(ctx)
	var n int
	err := workflow.ExecuteActivity(ctx, a.DeliverPending).Get(ctx, &n)
	return n, err
}
