package service

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/google/uuid"

	"salesflow/policy"
	"salesflow/store"
)

// Delegations (R5.5): an approver away hands a role to someone for a
// while; the tasks of that role are then offered to them too, and what
// they decide is recorded on the delegator's behalf.

// TaskViewer is the inbox viewer: the actor's own roles plus the roles
// delegated to them right now (R5.5), one per delegation.
func (s *Service) TaskViewer(ctx context.Context, actor store.User) (store.TaskViewer, error) {
	delegated, err := s.DelegatedRoles(ctx, actor)
	return viewerOf(actor, delegated), err
}

// viewerOf is actor as a task viewer: their own roles and those delegated
// to them that they do not hold (see notHeld).
func viewerOf(actor store.User, delegated []string) store.TaskViewer {
	return store.TaskViewer{UserID: actor.ID, Roles: append(slices.Clone(actor.Roles), delegated...)}
}

// DelegatedRoles are the roles delegated to actor right now that actor
// does not hold in their own right.
func (s *Service) DelegatedRoles(ctx context.Context, actor store.User) ([]string, error) {
	list, err := s.store.ActiveDelegations(ctx, actor.ID)
	roles := make([]string, 0, len(list))
	for _, d := range list {
		roles = append(roles, d.Role)
	}
	return notHeld(actor, roles), err
}

// notHeld is roles without those actor holds in their own right and
// without repeats.
func notHeld(actor store.User, roles []string) []string {
	var out []string
	for _, r := range roles {
		if !slices.Contains(actor.Roles, r) && !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out
}

// DelegatorFor resolves, at request time, on whose behalf actor acts for
// role: nil when actor holds the role (or no active delegation gives it),
// else the delegator with their roles, which the workflow's validator
// checks.
func (s *Service) DelegatorFor(ctx context.Context, actor store.User, role policy.Role) (*policy.Actor, error) {
	if policy.HasRole(actor.Roles, role) {
		return nil, nil
	}
	list, err := s.store.ActiveDelegations(ctx, actor.ID)
	if err != nil {
		return nil, err
	}
	for _, d := range list {
		if d.Role == string(role) {
			a := Actor(d.Delegator)
			return &a, nil
		}
	}
	return nil, nil
}

// DelegationInput is a delegation asked for (POST /api/v1/delegations and
// the delegations page): to whom, which role, from when until when.
type DelegationInput struct {
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

// ErrDelegationRole refuses someone who holds no delegable role, or a
// delegate revoking what they were given.
var ErrDelegationRole = NewError(KindForbidden, "forbidden", "problem.forbidden", "detail.delegation_role")

// CanDelegate: actor holds a role that may be delegated (R5.5).
func CanDelegate(actor store.User) bool {
	return slices.ContainsFunc(policy.DelegableRoles, func(r policy.Role) bool { return policy.HasRole(actor.Roles, r) })
}

// delegationMax is the longest a delegation may last.
func (s *Service) delegationMax() time.Duration {
	days := s.cfg.DelegationMaxDays
	if days <= 0 {
		days = DefaultDelegationMaxDays
	}
	return min(time.Duration(days)*24*time.Hour, MaxDelegation)
}

// CreateDelegation lets a marketing director or company approver
// authorise someone to decide and sign in their name for a period (R5.5).
// The key names the delegation, so the same request sent again authorises
// once and answers the delegation stored.
func (s *Service) CreateDelegation(ctx context.Context, actor store.User, key string, in DelegationInput) (store.Delegation, error) {
	if !CanDelegate(actor) {
		return store.Delegation{}, ErrDelegationRole
	}
	d, err := s.checkDelegation(ctx, actor, in)
	if err != nil {
		return store.Delegation{}, err
	}
	d.ID = newID("delegation", actor.ID, key)
	out, err := s.store.CreateDelegation(ctx, d)
	if errors.Is(err, store.ErrDuplicate) && key != "" {
		return s.store.DelegationByID(ctx, d.ID) // the same request again: stored already
	}
	return out, err
}

// CheckDelegation is CreateDelegation's checks of in alone, for a form
// that found problems of its own to show them all at once.
func (s *Service) CheckDelegation(ctx context.Context, actor store.User, in DelegationInput) error {
	_, err := s.checkDelegation(ctx, actor, in)
	return err
}

func (s *Service) checkDelegation(ctx context.Context, actor store.User, in DelegationInput) (store.Delegation, error) {
	if err := TextErr(in); err != nil {
		return store.Delegation{}, err
	}
	var v Validation
	now := time.Now()
	from, to := PlannedTimes(now)
	starts, okS := CheckTime(&v, "starts_at", in.StartsAt, from, to)
	ends, errE := time.Parse(time.RFC3339, in.EndsAt)
	switch longest := s.delegationMax(); {
	case errE != nil:
		v.Add("ends_at", "field.timestamp")
	case okS && !ends.After(starts):
		v.Add("ends_at", "field.ends_after_starts")
	case !ends.After(now):
		v.Add("ends_at", "field.ends_in_past")
	case okS && ends.Sub(starts) > longest:
		v.Add("ends_at", "field.delegation_too_long", int(longest.Hours()/24))
	case !okS && ends.After(to.Add(MaxDelegation)):
		v.Add("ends_at", "field.time_range", ShanghaiMinute(now), ShanghaiMinute(to.Add(MaxDelegation)))
	}
	switch to, err := s.store.UserByID(ctx, in.ToUserID); {
	case errors.Is(err, store.ErrNotFound) || (err == nil && !to.Active):
		v.Add("to_user_id", "field.unknown_user")
	case err != nil:
		return store.Delegation{}, err
	case to.ID == actor.ID:
		v.Add("to_user_id", "field.self_delegation")
	}
	d := store.Delegation{FromUser: actor.ID, ToUser: in.ToUserID, Role: delegatedRole(&v, actor, in.Role),
		StartsAt: starts, EndsAt: ends}
	return d, v.Err()
}

// delegatedRole is the one role a delegation passes on: one the delegator
// holds of policy.DelegableRoles, named, or the only one they hold.
func delegatedRole(v *Validation, actor store.User, asked string) string {
	var held []string
	for _, r := range policy.DelegableRoles {
		if policy.HasRole(actor.Roles, r) {
			held = append(held, string(r))
		}
	}
	switch {
	case asked == "" && len(held) == 1:
		return held[0]
	case asked == "" || !slices.Contains(held, asked):
		v.Add("role", "field.delegation_role")
	}
	return asked
}

// RevokeDelegation ends a delegation at once; only its delegator or an
// admin may (R5.5). A revoked delegation is a conflict.
func (s *Service) RevokeDelegation(ctx context.Context, actor store.User, key, id string) (store.Delegation, error) {
	d, err := s.store.DelegationByID(ctx, id)
	if err != nil {
		return store.Delegation{}, NotFoundAs(err, "delegation "+id)
	}
	admin := policy.HasRole(actor.Roles, policy.RoleAdmin)
	if d.FromUser != actor.ID && d.ToUser != actor.ID && !admin {
		return store.Delegation{}, NotFound("delegation " + id) // not confirmed to exist
	}
	if d.FromUser != actor.ID && !admin {
		return store.Delegation{}, ErrDelegationRole // the delegate cannot revoke what they were given
	}
	if key == "" {
		key = uuid.NewString()
	}
	out, err := s.store.RevokeDelegation(ctx, id, actor.ID, key)
	if errors.Is(err, store.ErrConflict) {
		return store.Delegation{}, Conflict("the delegation is revoked already")
	}
	return out, err
}

// Delegations are those actor gave or received.
func (s *Service) Delegations(ctx context.Context, actor store.User) ([]store.Delegation, error) {
	return s.store.DelegationsOf(ctx, actor.ID)
}

// OwnTaskViewer is actor as a task viewer in their own right, without the
// roles delegated to them (TaskViewer adds those).
func OwnTaskViewer(actor store.User) store.TaskViewer {
	return store.TaskViewer{UserID: actor.ID, Roles: actor.Roles}
}
