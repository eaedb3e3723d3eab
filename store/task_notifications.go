package store

import (
	"context"

	"github.com/jmoiron/sqlx"
)

// Every task, reminder and escalation is also a notification for the
// people who may answer it (issue 5): as Task.CanActOn offers it, the
// assigned user and every active holder of the assigned role, never the
// author; an escalation only to the person it now waits for. Visit tasks are left out: the
// visit workflow writes its own, with the salesperson's name in the title.

// Task events a notification is written for.
const (
	TaskOpened    = "task"
	TaskReminded  = "task_reminder"
	TaskEscalated = "task_escalated"
)

// taskTitles are the notification titles of each task kind, Chinese and
// English.
var taskTitles = map[string][2]string{
	"proposal_review":    {"方案评审", "Proposal review"},
	"contract_approval":  {"合同审批", "Contract approval"},
	"contact_overdue":    {"客户逾期未联系", "Customer not contacted in time"},
	"weekly_check":       {"每周客户记录检查", "Weekly record check"},
	TaskKindHardCustomer: {"难点客户共商对策", "Plan a difficult customer together"},
	TaskKindHoldRenewal:  {"订位续期申请", "Hold renewal request"},
}

// eventTitles prefix the kind's title by what happened.
var eventTitles = map[string][2]string{
	TaskOpened:    {"新待办：", "New task: "},
	TaskReminded:  {"待办提醒：", "Reminder: "},
	TaskEscalated: {"待办已上报给您：", "Escalated to you: "},
}

// notifyTask writes event's notification of task taskID inside tx; a
// retried step writes nothing twice (the id names task, event and person).
func notifyTask(ctx context.Context, tx *sqlx.Tx, taskID, event string) error {
	var t struct {
		Kind        string `db:"kind"`
		SubjectType string `db:"subject_type"`
		SubjectID   string `db:"subject_id"`
	}
	if err := tx.GetContext(ctx, &t, `SELECT kind, subject_type, subject_id FROM tasks WHERE id = $1`, taskID); err != nil {
		return mapErr(err)
	}
	kind, ok := taskTitles[t.Kind]
	if !ok || t.SubjectType == "visit" {
		return nil
	}
	ev := eventTitles[event]
	const q = `INSERT INTO notifications (id, user_id, kind, subject_type, subject_id, title_zh, title_en, body)
		SELECT 'task/' || t.id || '/' || $2 || '/' || u.id, u.id, $2, t.subject_type, t.subject_id, $3, $4, $5
		FROM tasks t JOIN users u ON u.active AND u.id <> t.author_id
		 AND (u.id = t.assignee_user_id OR ($2 <> 'task_escalated' AND t.assignee_role = ANY(u.roles)))
		WHERE t.id = $1
		ON CONFLICT (id) DO NOTHING`
	_, err := tx.ExecContext(ctx, q, taskID, event, ev[0]+kind[0], ev[1]+kind[1], subjectPath(t.SubjectType, t.SubjectID))
	return mapErr(err)
}

// subjectPath is the page a notification leads to.
func subjectPath(subjectType, id string) string {
	switch subjectType {
	case "proposal", "contract", "customer", "visit":
		return "/" + subjectType + "s/" + id
	case "customer_import":
		return "/customers/imports/" + id
	}
	return "/inbox"
}
