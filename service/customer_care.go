package service

import (
	"context"
	"errors"

	"salesflow/store"
)

// DifficultyInput is the owner's escalation of a large or difficult
// customer (R3.4).
type DifficultyInput struct {
	Reason string `json:"reason" text:"block,max=4000"`
}

// Check refuses a missing or overlong reason; the reason is trimmed.
func (r *DifficultyInput) Check() error {
	var v Validation
	CheckText(&v, r)
	RequiredText(&v, "reason", &r.Reason, 4000)
	return v.Err()
}

// The refusals of a hard-customer escalation (R3.4).
var (
	errNotOwner  = NewError(KindForbidden, "not-owner", "problem.not_owner", "detail.not_owner")
	errNoManager = NewError(KindInvalid, "no-manager", "problem.no_manager", "detail.no_manager")
	// ErrHardCustomerOpen refuses a second escalation while the manager
	// has not answered the first.
	ErrHardCustomerOpen = NewError(KindConflict, "hard-customer-open", "problem.hard_customer_open",
		"detail.hard_customer_open")
)

// FlagDifficult lets the owner flag customer customerID as large or
// difficult (R3.4): the customer is marked and the owner's sales manager
// gets a hard_customer task to answer with a joint approach plan (decided
// by Decide). Only the owner, with a reason, and with a manager to answer;
// key names the task, so the same key is the same escalation.
func (s *Service) FlagDifficult(ctx context.Context, actor store.User, key, customerID string, in DifficultyInput) (store.Customer, error) {
	cust, err := s.Customer(ctx, actor, customerID)
	if err == nil && cust.OwnerID != actor.ID {
		err = errNotOwner
	}
	if err == nil {
		err = in.Check()
	}
	if err == nil && actor.ManagerID == "" {
		err = errNoManager
	}
	if err != nil {
		return store.Customer{}, err
	}
	t := store.NewTask{ID: newID("hard-customer:"+cust.ID, actor.ID, key), Kind: store.TaskKindHardCustomer,
		SubjectType: "customer", SubjectID: cust.ID, AuthorID: actor.ID, AssigneeUserID: actor.ManagerID}
	if err := s.store.FlagDifficult(ctx, t, in.Reason); err != nil {
		if errors.Is(err, store.ErrDuplicate) {
			err = ErrHardCustomerOpen
		}
		return store.Customer{}, err
	}
	return s.store.CustomerByID(ctx, cust.ID)
}
