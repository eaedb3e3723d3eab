package service

import (
	"context"
	"slices"

	"salesflow/policy"
	"salesflow/store"
)

// Who may see what is decided here, once, for the API and the pages alike:
// an object the actor may not see is "not found", never "forbidden", so its
// existence is not given away.

// VisibleOwners is whose customers actor may see: nil means everyone's;
// pool adds the unowned customers (a manager's view, R2.4, R2.6).
func (s *Service) VisibleOwners(ctx context.Context, actor store.User) (owners []string, pool bool, err error) {
	switch {
	case policy.HasRole(actor.Roles, policy.RoleAdmin):
		return nil, true, nil
	case policy.HasRole(actor.Roles, policy.RoleSalesManager):
		team, err := s.store.TeamOf(ctx, actor.ID)
		return append(team, actor.ID), true, err
	}
	return []string{actor.ID}, false, nil
}

// Customer is customer id if actor may see it: its owner, the owner's
// manager (and the manager the pool), admins.
func (s *Service) Customer(ctx context.Context, actor store.User, id string) (store.Customer, error) {
	cust, err := s.store.CustomerByID(ctx, id)
	if err != nil {
		return store.Customer{}, NotFoundAs(err, "customer "+id)
	}
	owners, pool, err := s.VisibleOwners(ctx, actor)
	if err != nil {
		return store.Customer{}, err
	}
	if owners == nil || slices.Contains(owners, cust.OwnerID) || (pool && cust.OwnerID == "") {
		return cust, nil
	}
	return store.Customer{}, NotFound("customer " + id)
}

// CheckOwnCustomer refuses work on a customer that is not actor's own (a
// proposal, a visit: R2.1); title is the refusal's title, naming the work.
func (s *Service) CheckOwnCustomer(ctx context.Context, actor store.User, customerID, title string) error {
	if customerID == "" {
		var v Validation
		v.Add("customer_id", "field.required")
		return v.Err()
	}
	cust, err := s.Customer(ctx, actor, customerID)
	var e *Error
	if errorsAs(err, &e) && e.Kind == KindNotFound {
		return NotFound("customer "+customerID).WithField("customer_id", "field.unknown_customer")
	}
	if err != nil {
		return err
	}
	if cust.OwnerID != actor.ID {
		return NewError(KindForbidden, "not-customer-owner", title, "detail.not_customer_owner", customerID)
	}
	return nil
}

// Visit is visit id if actor may see it: the owner, their manager, the
// front desk (who keeps the visit slips) and admins.
func (s *Service) Visit(ctx context.Context, actor store.User, id string) (store.Visit, error) {
	v, err := s.StoredVisit(ctx, id)
	if err != nil {
		return store.Visit{}, err
	}
	switch {
	case v.OwnerID == actor.ID, policy.HasRole(actor.Roles, policy.RoleAdmin), policy.HasRole(actor.Roles, policy.RoleFrontDesk):
		return v, nil
	case v.ManagerID != nil && *v.ManagerID == actor.ID:
		return v, nil
	case v.ManagerID == nil && policy.HasRole(actor.Roles, policy.RoleSalesManager):
		return v, nil
	}
	return store.Visit{}, NotFound("visit " + id)
}
