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
	"salesflow/service"
	"salesflow/store"
)

type delegationRequest struct {
	ToUserID string `json:"to_user_id"`
	// Role is the one role passed on (marketing_director or
	// company_approver); it may be left out when the delegator holds only
	// one of them.
	Role     string `json:"role,omitempty"`
	StartsAt string `json:"starts_at"`
	EndsAt   string `json:"ends_at"`
}

// DefaultDelegationMaxDays bounds a delegation when the configuration
// sets no other length (SALESFLOW_DELEGATION_MAX_DAYS).
const DefaultDelegationMaxDays = 30

// delegationMax is the longest a delegation may last.
func (s *Server) delegationMax() time.Duration {
	days := s.cfg.DelegationMaxDays
	if days <= 0 {
		days = DefaultDelegationMaxDays
	}
	return min(time.Duration(days)*24*time.Hour, service.MaxDelegation)
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
	if err := service.TextErr(req); err != nil {
		return store.Delegation{}, err
	}
	var v validation
	now := time.Now()
	from, to := service.PlannedTimes(now)
	starts, okS := service.CheckTime(&v, "starts_at", req.StartsAt, from, to)
	ends, errE := time.Parse(time.RFC3339, req.EndsAt)
	switch {
	case errE != nil:
		v.Add("ends_at", "field.timestamp")
	case okS && !ends.After(starts):
		v.Add("ends_at", "field.ends_after_starts")
	case !ends.After(now):
		v.Add("ends_at", "field.ends_in_past")
	case okS && ends.Sub(starts) > s.delegationMax():
		v.Add("ends_at", "field.delegation_too_long", int(s.delegationMax().Hours()/24))
	case !okS && ends.After(to.Add(service.MaxDelegation)):
		v.Add("ends_at", "field.time_range", service.ShanghaiMinute(now), service.ShanghaiMinute(to.Add(service.MaxDelegation)))
	}
	switch to, err := s.store.UserByID(ctx, req.ToUserID); {
	case errors.Is(err, store.ErrNotFound) || (err == nil && !to.Active):
		v.Add("to_user_id", "field.unknown_user")
	case err != nil:
		return store.Delegation{}, err
	case to.ID == u.ID:
		v.Add("to_user_id", "field.self_delegation")
	}
	d := store.Delegation{ID: uuid.NewString(), FromUser: u.ID, ToUser: req.ToUserID, Role: delegatedRole(&v, u, req.Role),
		StartsAt: starts, EndsAt: ends}
	return d, v.Err()
}

// delegatedRole is the one role a delegation passes on: one the delegator
// holds of policy.DelegableRoles, named, or the only one they hold.
func delegatedRole(v *validation, u store.User, asked string) string {
	var held []string
	for _, r := range policy.DelegableRoles {
		if policy.HasRole(u.Roles, r) {
			held = append(held, string(r))
		}
	}
	switch {
	case asked == "" && len(held) == 1:
		return held[0]
	case asked == "":
		v.Add("role", "field.delegation_role")
	case !slices.Contains(held, asked):
		v.Add("role", "field.delegation_role")
	}
	return asked
}

// revokeDelegation ends a delegation at once; only its delegator or an
// admin may (R5.5). A revoked delegation is 409.
func (s *Server) revokeDelegation(c *gin.Context) {
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	key, err := idempotencyKey(c)
	if err == nil {
		var out store.Delegation
		if out, err = s.RevokeDelegation(ctx, u, c.Param("id"), key); err == nil {
			c.JSON(http.StatusOK, out)
			return
		}
	}
	s.fail(c, err)
}

// RevokeDelegation is the use case the JSON API and the page share.
func (s *Server) RevokeDelegation(ctx context.Context, u store.User, id, key string) (store.Delegation, error) {
	d, err := s.store.DelegationByID(ctx, id)
	if err != nil {
		return store.Delegation{}, service.NotFoundAs(err, "delegation "+id)
	}
	if d.FromUser != u.ID && d.ToUser != u.ID && !policy.HasRole(u.Roles, policy.RoleAdmin) {
		return store.Delegation{}, errNotFound("delegation " + id) // not confirmed to exist
	}
	if d.FromUser != u.ID && !policy.HasRole(u.Roles, policy.RoleAdmin) {
		return store.Delegation{}, errDelegationRole // the delegate cannot revoke what they were given
	}
	if key == "" {
		key = uuid.NewString()
	}
	out, err := s.store.RevokeDelegation(ctx, id, u.ID, key)
	if errors.Is(err, store.ErrConflict) {
		return store.Delegation{}, errConflict("the delegation is revoked already")
	}
	return out, err
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
	c.JSON(http.StatusOK, page(list, ""))
}

// taskViewer is the inbox viewer, with the roles delegated to u
// (service.TaskViewer).
func (s *Server) taskViewer(ctx context.Context, u store.User) (store.TaskViewer, error) {
	return s.svc.TaskViewer(ctx, u)
}
