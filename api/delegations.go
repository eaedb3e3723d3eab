package api

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"

	"salesflow/policy"
	"salesflow/store"
)

type delegationRequest struct {
	ToUserID string `json:"to_user_id"`
	StartsAt string `json:"starts_at"`
	EndsAt   string `json:"ends_at"`
}

var errDelegationRole = problemErr(http.StatusForbidden, "/problems/forbidden", "problem.forbidden", "detail.delegation_role")

// createDelegation lets a marketing director or company approver authorise
// someone to decide and sign in their name for a period (R5.5).
func (s *Server) createDelegation(c *gin.Context) {
	var req delegationRequest
	if err := bindJSON(c, &req); err != nil {
		s.fail(c, err)
		return
	}
	u, _ := currentUser(c)
	if !slices.ContainsFunc(policy.DelegableRoles, func(r policy.Role) bool { return policy.HasRole(u.Roles, r) }) {
		s.fail(c, errDelegationRole)
		return
	}
	ctx, cancel := s.ctx(c)
	defer cancel()
	d, err := s.checkDelegation(ctx, u, req)
	if err != nil {
		s.fail(c, err)
		return
	}
	out, err := s.store.CreateDelegation(ctx, d)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, out)
}

func (s *Server) checkDelegation(ctx context.Context, u store.User, req delegationRequest) (store.Delegation, error) {
	if err := textErr(req); err != nil {
		return store.Delegation{}, err
	}
	var v validation
	now := time.Now()
	from, to := plannedTimes(now)
	starts, okS := checkTime(&v, "starts_at", req.StartsAt, from, to)
	ends, errE := time.Parse(time.RFC3339, req.EndsAt)
	switch {
	case errE != nil:
		v.add("ends_at", "field.timestamp")
	case okS && !ends.After(starts):
		v.add("ends_at", "field.ends_after_starts")
	case !ends.After(now):
		v.add("ends_at", "field.ends_in_past")
	case okS && ends.Sub(starts) > maxDelegation:
		v.add("ends_at", "field.delegation_too_long", int(maxDelegation.Hours()/24))
	case !okS && ends.After(to.Add(maxDelegation)):
		v.add("ends_at", "field.time_range", shanghaiMinute(now), shanghaiMinute(to.Add(maxDelegation)))
	}
	switch to, err := s.store.UserByID(ctx, req.ToUserID); {
	case errors.Is(err, store.ErrNotFound) || (err == nil && !to.Active):
		v.add("to_user_id", "field.unknown_user")
	case err != nil:
		return store.Delegation{}, err
	case to.ID == u.ID:
		v.add("to_user_id", "field.self_delegation")
	}
	d := store.Delegation{ID: uuid.NewString(), FromUser: u.ID, ToUser: req.ToUserID, StartsAt: starts, EndsAt: ends}
	return d, v.err()
}

// listDelegations lists the delegations the caller gave or received.
func (s *Server) listDelegations(c *gin.Context) {
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	list, err := s.store.DelegationsOf(ctx, u.ID)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": list, "next_cursor": nil})
}

// taskViewer is the inbox viewer: the user's own roles plus the delegable
// roles of everyone who has authorised them right now (R5.5).
func (s *Server) taskViewer(ctx context.Context, u store.User) (store.TaskViewer, error) {
	v := viewer(u)
	v.Roles = slices.Clone(v.Roles)
	delegators, err := s.store.ActiveDelegators(ctx, u.ID)
	if err != nil {
		return store.TaskViewer{}, err
	}
	for _, d := range delegators {
		for _, r := range policy.DelegableRoles {
			if d.Active && policy.HasRole(d.Roles, r) && !slices.Contains(v.Roles, string(r)) {
				v.Roles = append(v.Roles, string(r))
			}
		}
	}
	return v, nil
}

// delegatorFor resolves, at request time, on whose behalf u acts for role:
// nil when u holds the role (or no active delegation gives it), else the
// delegator with their roles, which the workflow's validator checks.
func (s *Server) delegatorFor(ctx context.Context, u store.User, role policy.Role) (*policy.Actor, error) {
	if policy.HasRole(u.Roles, role) {
		return nil, nil
	}
	delegators, err := s.store.ActiveDelegators(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	for _, d := range delegators {
		if policy.HasRole(d.Roles, role) {
			a := actor(d)
			return &a, nil
		}
	}
	return nil, nil
}
