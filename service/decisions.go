package service

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/google/uuid"

	"salesflow/policy"
	"salesflow/store"
	"salesflow/workflows"
)

// A decision answers a task of the inbox: a proposal review (F1), a
// contract approval step (F2), a hold's renewal, a visit plan (R3.5), a
// contact deadline (R2.5), a manager's weekly check (R1.4) or a hard
// customer's plan (R3.4). Most go to the subject's workflow as an Update
// with a validator; the last two no workflow waits on, so they are written
// directly.

// DecisionInput is a person's answer to a task.
type DecisionInput struct {
	Decision string `json:"decision"`
	Comment  string `json:"comment" text:"block,max=4000"`
	Days     int    `json:"days"`     // contact_overdue: extend by (R2.5)
	OwnerID  string `json:"owner_id"` // contact_overdue: reassign to (R2.5)
}

// errTaskDecided refuses deciding a task decided otherwise before.
func errTaskDecided(taskID string) *Error {
	return NewError(KindConflict, "task-decided", "problem.task_decided", "detail.task_decided", taskID)
}

// check validates an approve or reject: a rejection says why.
func (in DecisionInput) check() error {
	var v Validation
	if in.Decision != workflows.DecisionApprove && in.Decision != workflows.DecisionReject {
		v.Add("decision", "field.decision")
	}
	if in.Decision == workflows.DecisionReject && in.Comment == "" {
		v.Add("comment", "field.reject_comment")
	}
	if len([]rune(in.Comment)) > 4000 {
		v.Add("comment", "field.too_long", 4000)
	}
	return v.Err()
}

// checkContact validates a decision on a contact_overdue task: extend by 1
// to 30 days, or reassign to someone.
func (in DecisionInput) checkContact() error {
	var v Validation
	switch in.Decision {
	case workflows.DecisionExtend:
		if in.Days < 1 || in.Days > workflows.MaxContactExtensionDays {
			v.Add("days", "field.extension_days")
		}
	case workflows.DecisionReassign:
		if in.OwnerID == "" {
			v.Add("owner_id", "field.owner_required")
		}
	default:
		v.Add("decision", "field.contact_decision")
	}
	CheckLen(&v, "comment", in.Comment, 4000)
	return v.Err()
}

// Decide is the one path of a decision, for the API and the pages: the
// author is refused (no self-approval), someone the task is not offered to
// gets not-found, and a task already decided is a conflict unless this is
// the same key again (then the first outcome stands). It returns the task
// as read before the decision.
func (s *Service) Decide(ctx context.Context, actor store.User, key, taskID string, in DecisionInput) (store.Task, error) {
	if err := TextErr(in); err != nil {
		return store.Task{}, err
	}
	task, err := s.taskFor(ctx, taskID, actor)
	if err != nil {
		return task, err
	}
	switch task.Kind {
	case workflows.TaskKindWeeklyCheck:
		err = s.decideWeeklyCheck(ctx, key, task, actor, in)
	case workflows.TaskKindContactOverdue:
		err = s.decideContact(ctx, key, task, actor, in)
	case store.TaskKindHardCustomer:
		err = s.decideHardCustomer(ctx, key, task, actor, in)
	default:
		err = s.decideByUpdate(ctx, key, task, actor, in)
	}
	if err != nil && task.Status != "open" && conflicted(err) {
		err = errTaskDecided(task.ID)
	}
	return task, err
}

// taskFor reads the task and what actor may act on in one statement (both
// are on a decision's path before its Update, issue 12), and refuses the
// author and anyone the task is not offered to, by role, assignment or
// delegation (not found: they should not learn it exists).
func (s *Service) taskFor(ctx context.Context, taskID string, actor store.User) (store.Task, error) {
	task, delegated, err := s.store.TaskForUser(ctx, taskID, actor.ID)
	switch tv := viewerOf(actor, notHeld(actor, delegated)); {
	case err != nil:
		return task, NotFoundAs(err, "task "+taskID)
	case task.AuthorID == actor.ID:
		return task, ErrSelfReview
	case !task.CanActOn(tv):
		return task, NotFound("task " + task.ID)
	}
	return task, nil
}

// decideByUpdate answers a task through its subject's workflow Update.
func (s *Service) decideByUpdate(ctx context.Context, key string, task store.Task, actor store.User, in DecisionInput) error {
	if err := in.check(); err != nil {
		return err
	}
	name, arg, err := s.decisionFor(ctx, task, actor, in)
	if err != nil {
		return err
	}
	return s.Update(ctx, key, task.WorkflowID, name, actor, arg, nil)
}

// decisionFor builds the Update a task's subject takes: a visit plan, a
// hold's renewal, a proposal review (F1) or a contract approval step (F2),
// the latter with the delegation the decider acts under, resolved now
// (R5.5).
func (s *Service) decisionFor(ctx context.Context, task store.Task, actor store.User, in DecisionInput) (string, any, error) {
	decide := workflows.DecideRequest{Actor: Actor(actor), TaskID: task.ID, Decision: in.Decision, Comment: in.Comment}
	switch {
	case task.SubjectType == "visit":
		return visitDecision(task, decide)
	case task.Kind == workflows.TaskKindHoldRenewal: // issue 13: the hold workflow's own decide
		return workflows.UpdateHoldDecide, decide, nil
	case task.SubjectType != "contract":
		return workflows.UpdateProposalDecide, decide, nil
	}
	var behalf *policy.Actor
	if task.AssigneeRole != nil {
		var err error
		if behalf, err = s.DelegatorFor(ctx, actor, policy.Role(*task.AssigneeRole)); err != nil {
			return "", nil, err
		}
	}
	return workflows.UpdateContractDecide, workflows.ContractDecideRequest{Actor: Actor(actor), OnBehalfOf: behalf,
		TaskID: task.ID, Decision: in.Decision, Comment: in.Comment}, nil
}

// visitDecision is the Update a visit task takes: only the plan (R3.5) is
// decided; late-return and overdue-report alerts close themselves when the
// salesperson returns or reports.
func visitDecision(task store.Task, decide workflows.DecideRequest) (string, any, error) {
	if task.Kind != "visit_plan" {
		return "", nil, NewError(KindConflict, "not-a-decision", "problem.not_a_decision", "detail.visit_alert")
	}
	return workflows.UpdateVisitDecide, decide, nil
}

// decideContact answers a contact_overdue task (R2.5) through its
// workflow's Update: extend by days, or reassign to one of the manager's
// team.
func (s *Service) decideContact(ctx context.Context, key string, task store.Task, actor store.User, in DecisionInput) error {
	err := in.checkContact()
	if err == nil && in.Decision == workflows.DecisionReassign {
		err = s.CheckTeamMember(ctx, actor, in.OwnerID)
	}
	if err != nil {
		return err
	}
	arg := workflows.ContactDecisionRequest{Actor: Actor(actor), TaskID: task.ID, Decision: in.Decision,
		Days: in.Days, NewOwnerID: in.OwnerID, Comment: in.Comment}
	return s.Update(ctx, key, task.WorkflowID, workflows.UpdateContactDecide, actor, arg, nil)
}

// CheckTeamMember allows assigning only to an active salesperson whose
// manager is actor (R2.3: the manager decides for their own team).
func (s *Service) CheckTeamMember(ctx context.Context, actor store.User, ownerID string) error {
	owner, err := s.store.UserByID(ctx, ownerID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && (owner.ManagerID != actor.ID || !owner.Active ||
		!slices.Contains(owner.Roles, string(policy.RoleSalesperson)))) {
		return NewError(KindInvalid, "not-team-member", "problem.not_team_member", "detail.not_team_member", ownerID)
	}
	return err
}

// decideWeeklyCheck records the manager's check of a salesperson's week
// (R1.4): approve, or reject with a comment for the salesperson.
func (s *Service) decideWeeklyCheck(ctx context.Context, key string, task store.Task, actor store.User, in DecisionInput) error {
	if err := in.check(); err != nil {
		return err
	}
	return decideDirect(key, task, actor, func(key string) error {
		return s.store.DecideWeeklyCheck(ctx, task, in.Decision, in.Comment, actor.ID, key)
	})
}

// decideHardCustomer answers a hard_customer task (R3.4): approve with the
// joint approach plan as the comment, kept on the customer, or reject (not
// a hard customer) with a reason. Only the current owner's manager may
// answer: if the customer changed hands meanwhile the task is stale.
func (s *Service) decideHardCustomer(ctx context.Context, key string, task store.Task, actor store.User, in DecisionInput) error {
	if err := in.check(); err != nil {
		return err
	}
	if in.Decision == workflows.DecisionApprove && strings.TrimSpace(in.Comment) == "" {
		var v Validation
		v.Add("comment", "field.hard_plan_required")
		return v.Err()
	}
	cust, err := s.store.CustomerByID(ctx, task.SubjectID)
	if err != nil {
		return err
	}
	owner, err := s.store.UserByID(ctx, cust.OwnerID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && owner.ManagerID != actor.ID) {
		return Conflict("owner changed")
	}
	if err != nil {
		return err
	}
	return decideDirect(key, task, actor, func(key string) error {
		return s.store.DecideHardCustomer(ctx, task, in.Decision, strings.TrimSpace(in.Comment), actor.ID, key)
	})
}

// decideDirect writes a decision no workflow waits on: the client's key (or
// a fresh one) makes a retried click one decision, and a task decided
// otherwise is a conflict.
func decideDirect(key string, task store.Task, actor store.User, write func(key string) error) error {
	if key == "" {
		key = uuid.NewString()
	}
	err := write(actor.ID + "/" + key)
	if errors.Is(err, store.ErrConflict) {
		return errTaskDecided(task.ID)
	}
	return err
}

// conflicted reports whether err refuses a step for its object's state
// (as the API answers 409).
func conflicted(err error) bool { return Classify(err).Kind == KindConflict }
