package activities

import (
	"context"
	"fmt"

	"salesflow/store"
)

// noteTexts are the titles of each kind of notification, in Chinese and
// English; %s is the salesperson's name.
var noteTexts = map[string][2]string{
	TaskVisitPlan:           {"%s 的拜访计划待您审批", "Visit plan by %s waits for your approval"},
	"visit_approved":        {"%s，您的拜访计划已批准", "%s, your visit plan was approved"},
	"visit_rejected":        {"%s，您的拜访计划被驳回", "%s, your visit plan was rejected"},
	"visit_expected_return": {"%s 报告了新的预计返回时间", "%s reported a new expected return time"},
	TaskVisitLateReturn:     {"%s 拜访未按时返回", "%s has not returned from a visit in time"},
	"visit_out_after_hours": {"%s 下班时仍未返回", "%s is still out at the end of the working day"},
	"visit_report_due":      {"%s，拜访报告今天到期", "%s, your visit report is due today"},
	TaskVisitReportOverdue:  {"%s 的拜访报告已逾期", "The visit report of %s is overdue"},
	"visit_report_missed":   {"%s，您的拜访报告已逾期并上报经理", "%s, your visit report is overdue; your manager was told"},
}

// note builds the notification of kind for userID about a visit; its id is
// derived from the step, so a retry writes it once.
func (a *Activities) note(ref VisitRef, stepKey, userID, kind string) store.Notification {
	t := noteTexts[kind]
	return store.Notification{ID: stepKey + "/" + kind + "/" + userID, UserID: userID, Kind: kind,
		SubjectType: "visit", SubjectID: ref.VisitID, TitleZH: fmt.Sprintf(t[0], ref.Owner.Name),
		TitleEN: fmt.Sprintf(t[1], ref.Owner.Name), Body: "/visits/" + ref.VisitID}
}

// toManager is the notification to the owner's manager, if they have one.
func (a *Activities) toManager(ref VisitRef, stepKey, kind string) []store.Notification {
	if ref.ManagerID == "" {
		return nil
	}
	return []store.Notification{a.note(ref, stepKey, ref.ManagerID, kind)}
}

// Mailer sends notification id's email; the SMTP implementation lives in
// package notify. An error with a Permanent() method that answers true is
// a refusal that trying again cannot change.
type Mailer interface {
	Send(ctx context.Context, id, to, subject, body string) error
}

// Webhook posts a notification, signed, to a chat bot relay.
type Webhook interface {
	Post(ctx context.Context, body []byte) error
}
