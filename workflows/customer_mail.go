package workflows

import (
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"salesflow/activities"
)

// Mail to a customer's contact (issue 11): a customer link or its
// one-time code. The API needs no SMTP credentials: it writes the row and
// starts this workflow, which runs the one activity on the worker and
// ends; the API waits for it, so the owner (the link) or the customer
// (the code) learns within seconds whether the mail went.

// CustomerMailLinkWorkflowID and CustomerMailCodeWorkflowID are the
// workflow IDs of one link's and one code's mail: one mail per row.
func CustomerMailLinkWorkflowID(linkID string) string { return "customer-mail-link-" + linkID }

// CustomerMailCodeWorkflowID: see CustomerMailLinkWorkflowID.
func CustomerMailCodeWorkflowID(codeID string) string { return "customer-mail-code-" + codeID }

// CustomerMailWorkflow mails in.LinkID's link or in.CodeID's code. A mail
// server that is down is tried for a minute: a customer waiting for a code
// is better told it did not come than kept waiting.
func CustomerMailWorkflow(ctx workflow.Context, in activities.CustomerMailInput) error {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout:    30 * time.Second,
		ScheduleToCloseTimeout: time.Minute,
		RetryPolicy: &temporal.RetryPolicy{InitialInterval: time.Second, BackoffCoefficient: 2,
			MaximumInterval: 10 * time.Second},
	})
	if in.CodeID != "" {
		return workflow.ExecuteActivity(ctx, a.MailLinkCode, in).Get(ctx, nil)
	}
	return workflow.ExecuteActivity(ctx, a.MailCustomerLink, in).Get(ctx, nil)
}
