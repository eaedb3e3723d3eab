package service

import (
	"context"
	"slices"

	"salesflow/policy"
	"salesflow/store"
)

// Delegations (R5.5): an approver away hands a role to someone for a
// while; the tasks of that role are then offered to them too, and what
// they decide is recorded on the delegator's behalf.

// TaskViewer is the inbox viewer: the actor's own roles plus the roles
// delegated to them right now (R5.5), one per delegation.
func (s *Service) TaskViewer(ctx context.Context, actor store.User) (store.TaskViewer, error) {
	v := store.TaskViewer{UserID: actor.ID, Roles: slices.Clone(actor.Roles)}
	delegated, err := s.DelegatedRoles(ctx, actor)
	v.Roles = append(v.Roles, delegated...)
	return v, err
}

// DelegatedRoles are the roles delegated to actor right now that actor
// does not hold in their own right.
func (s *Service) DelegatedRoles(ctx context.Context, actor store.User) ([]string, error) {
	list, err := s.store.ActiveDelegations(ctx, actor.ID)
	var roles []string
	for _, d := range list {
		if !slices.Contains(actor.Roles, d.Role) && !slices.Contains(roles, d.Role) {
			roles = append(roles, d.Role)
		}
	}
	return roles, err
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
