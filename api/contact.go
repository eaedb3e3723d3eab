package api

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"time"

	"github.com/gin-gonic/gin"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"

	"salesflow/store"
	"salesflow/workflows"
)

func (s *Server) contactDeadline() time.Duration {
	if s.cfg.ContactDeadline > 0 {
		return s.cfg.ContactDeadline
	}
	return workflows.DefaultContactDeadline
}

func (s *Server) contactReminderBefore() time.Duration {
	if s.cfg.ContactReminderBefore > 0 {
		return s.cfg.ContactReminderBefore
	}
	return workflows.DefaultContactReminderBefore
}

// startContactDeadline starts R2.5's week for the customer's current owner.
// The record is already stored, so a failure is logged rather than undoing
// it; the workflow ID (one per ownership) makes a repeat harmless.
func (s *Server) startContactDeadline(ctx context.Context, cust store.Customer) {
	if cust.OwnerID == "" {
		return
	}
	in := workflows.ContactDeadlineInput{CustomerID: cust.ID, Generation: cust.OwnerGeneration,
		OwnerID: cust.OwnerID, Deadline: s.contactDeadline(), ReminderBefore: s.contactReminderBefore()}
	opts := client.StartWorkflowOptions{ID: workflows.ContactDeadlineWorkflowID(cust.ID, cust.OwnerGeneration),
		TaskQueue: s.cfg.TaskQueue, WorkflowIDConflictPolicy: enumspb.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING}
	if _, err := s.temporal.ExecuteWorkflow(ctx, opts, workflows.ContactDeadlineWorkflow, in); err != nil {
		s.log.ErrorContext(ctx, "contact deadline not started", "customer", cust.ID, "error", err)
	}
}

// nudgeContact tells an ownership's deadline workflow that something
// happened (contact made, ownership ended). It is a nudge: the workflow also
// checks the database before it reminds or escalates, so a lost signal only
// costs a moment, and a workflow that has ended is no error.
func (s *Server) nudgeContact(ctx context.Context, customerID string, generation int, signal string) {
	if generation == 0 {
		return
	}
	err := s.temporal.SignalWorkflow(ctx, workflows.ContactDeadlineWorkflowID(customerID, generation), "", signal, nil)
	var notFound *serviceerror.NotFound
	if err != nil && !errors.As(err, &notFound) {
		s.log.WarnContext(ctx, "contact deadline not signalled", "customer", customerID, "signal", signal, "error", err)
	}
}

// decideContact answers a contact_overdue task (R2.5) through its
// workflow's Update: extend by days, or reassign to one of the manager's
// team.
func (s *Server) decideContact(ctx context.Context, c *gin.Context, task store.Task, u store.User, req decisionRequest) error {
	err := req.checkContact()
	if err == nil && req.Decision == workflows.DecisionReassign {
		err = s.checkTeamMember(ctx, u, req.OwnerID)
	}
	if err != nil {
		return err
	}
	arg := workflows.ContactDecisionRequest{Actor: actor(u), TaskID: task.ID, Decision: req.Decision,
		Days: req.Days, NewOwnerID: req.OwnerID, Comment: req.Comment}
	return s.update(ctx, c, task.WorkflowID, workflows.UpdateContactDecide, u, arg)
}

// checkContact validates a decision on a contact_overdue task: extend by 1
// to 30 days, or reassign to someone.
func (r decisionRequest) checkContact() error {
	var v validation
	switch r.Decision {
	case workflows.DecisionExtend:
		if r.Days < 1 || r.Days > workflows.MaxContactExtensionDays {
			v.add("days", "field.extension_days")
		}
	case workflows.DecisionReassign:
		if r.OwnerID == "" {
			v.add("owner_id", "field.owner_required")
		}
	default:
		v.add("decision", "field.contact_decision")
	}
	checkLen(&v, "comment", r.Comment, 4000)
	return v.err()
}

// checkTeamMember allows assigning only to an active salesperson whose
// manager is u (R2.3: the manager decides for their own team).
func (s *Server) checkTeamMember(ctx context.Context, u store.User, ownerID string) error {
	owner, err := s.store.UserByID(ctx, ownerID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && (owner.ManagerID != u.ID || !owner.Active ||
		!slices.Contains(owner.Roles, roleSalesperson))) {
		return problemErr(http.StatusUnprocessableEntity, "/problems/not-team-member", "problem.not_team_member",
			"detail.not_team_member", ownerID)
	}
	return err
}
