package api

import (
	"context"
	"errors"
	"net/http"
	"slices"

	"salesflow/service"
	"salesflow/store"
	"salesflow/workflows"
)

// decideContact answers a contact_overdue task (R2.5) through its
// workflow's Update: extend by days, or reassign to one of the manager's
// team.
func (s *Server) decideContact(ctx context.Context, key string, task store.Task, u store.User, req decisionRequest) error {
	err := req.checkContact()
	if err == nil && req.Decision == workflows.DecisionReassign {
		err = s.checkTeamMember(ctx, u, req.OwnerID)
	}
	if err != nil {
		return err
	}
	arg := workflows.ContactDecisionRequest{Actor: actor(u), TaskID: task.ID, Decision: req.Decision,
		Days: req.Days, NewOwnerID: req.OwnerID, Comment: req.Comment}
	return s.svc.Update(ctx, key, task.WorkflowID, workflows.UpdateContactDecide, u, arg, nil)
}

// checkContact validates a decision on a contact_overdue task: extend by 1
// to 30 days, or reassign to someone.
func (r decisionRequest) checkContact() error {
	var v validation
	switch r.Decision {
	case workflows.DecisionExtend:
		if r.Days < 1 || r.Days > workflows.MaxContactExtensionDays {
			v.Add("days", "field.extension_days")
		}
	case workflows.DecisionReassign:
		if r.OwnerID == "" {
			v.Add("owner_id", "field.owner_required")
		}
	default:
		v.Add("decision", "field.contact_decision")
	}
	service.CheckLen(&v, "comment", r.Comment, 4000)
	return v.Err()
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
