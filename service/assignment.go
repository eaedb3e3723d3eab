package service

import (
	"context"
	"errors"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/google/uuid"

	"salesflow/policy"
	"salesflow/store"
	"salesflow/workflows"
)

// MaxPlanCustomers bounds one balanced assignment (R2.4).
const MaxPlanCustomers = 500

// AssignmentInput gives a customer to one of the manager's salespeople
// with a reason (R2.3).
type AssignmentInput struct {
	OwnerID string `json:"owner_id"`
	Reason  string `json:"reason" text:"block,max=1000"`
}

// Check refuses a missing owner and a missing or overlong reason.
func (r AssignmentInput) Check() error {
	var v Validation
	CheckText(&v, r)
	if r.OwnerID == "" {
		v.Add("owner_id", "field.owner_required")
	}
	if strings.TrimSpace(r.Reason) == "" {
		v.Add("reason", "field.reason_required")
	}
	CheckLen(&v, "reason", r.Reason, 1000)
	return v.Err()
}

var (
	errAlreadyOwner = NewError(KindConflict, "conflict", "problem.conflict", "detail.already_owner")
	errNoCandidates = NewError(KindInvalid, "validation", "problem.validation", "detail.no_candidates")
)

// AssignCustomer is the sales manager's final say (R2.3): customer
// customerID, of their team or from the pool (R2.6), goes to one of their
// salespeople, with a reason, audited; the new owner gets a fresh week to
// contact (R2.5). key names the step, so the same request twice assigns once.
func (s *Service) AssignCustomer(ctx context.Context, actor store.User, key, customerID string, in AssignmentInput) (store.Customer, error) {
	cust, err := s.Customer(ctx, actor, customerID)
	if err == nil {
		err = in.Check()
	}
	if err == nil {
		err = s.CheckTeamMember(ctx, actor, in.OwnerID)
	}
	if err != nil {
		return store.Customer{}, err
	}
	if key == "" {
		key = uuid.NewString()
	}
	return s.assign(ctx, actor, cust, in.OwnerID, store.OwnershipAssigned, strings.TrimSpace(in.Reason), key)
}

// assign changes the owner as one audited step, ends the previous owner's
// contact deadline and starts the new owner's.
func (s *Service) assign(ctx context.Context, actor store.User, cust store.Customer, ownerID, kind, reason, key string) (store.Customer, error) {
	step := store.Step{Key: "customer/" + cust.ID + "/assign/" + actor.ID + "/" + key, ActorID: actor.ID,
		Action: "customer.assigned", Detail: map[string]any{"owner_id": ownerID,
			"previous_owner_id": cust.OwnerID, "reason": reason, "kind": kind}}
	updated, err := s.store.AssignCustomer(ctx, store.Assignment{CustomerID: cust.ID, OwnerID: ownerID, Kind: kind,
		Reason: reason, ContactDeadline: s.ContactDeadline()}, step, nil)
	if errors.Is(err, store.ErrConflict) {
		return store.Customer{}, errAlreadyOwner
	}
	if err != nil {
		return store.Customer{}, err
	}
	if updated.OwnerGeneration != cust.OwnerGeneration {
		s.NudgeContact(ctx, cust.ID, cust.OwnerGeneration, workflows.SignalOwnershipEnded)
	}
	s.StartContactDeadline(ctx, updated)
	return updated, nil
}

// PlanInput asks for a balanced assignment of customers (R2.4); weights
// default to 1, and a weight of 0 leaves someone out (absent, on leave).
// With Apply the customers are assigned too.
type PlanInput struct {
	CustomerIDs []string           `json:"customer_ids"`
	Weights     map[string]float64 `json:"weights"`
	Apply       bool               `json:"apply"`
}

// PlanItem is one customer's planned owner and whether it was assigned.
type PlanItem struct {
	CustomerID string `json:"customer_id"`
	OwnerID    string `json:"owner_id"`
	OwnerName  string `json:"owner_name"`
	Applied    bool   `json:"applied"`

	CustomerName string `json:"-"` // for the pool page
}

// Plan is a balanced assignment: per customer, and the salespeople it
// weighed with their loads before it.
type Plan struct {
	Items      []PlanItem
	Candidates []policy.Candidate
	Names      map[string]string // salesperson id → name
}

// PlanAssignment balances customers — typically marketing-event leads from
// the pool — over actor's salespeople by how many open customers each
// holds, weighted by ability (R2.4), and with in.Apply assigns them. key
// names the batch, so the same applied plan sent twice assigns once.
func (s *Service) PlanAssignment(ctx context.Context, actor store.User, key string, in PlanInput) (Plan, error) {
	custs, err := s.planCustomers(ctx, actor, in.CustomerIDs)
	if err != nil {
		return Plan{}, err
	}
	people, names, err := s.PlanCandidates(ctx, actor, in.Weights)
	if err != nil {
		return Plan{}, err
	}
	plan := policy.PlanAssignment(customerIDs(custs), people)
	if key == "" {
		key = uuid.NewString()
	}
	items, err := s.applyPlan(ctx, actor, custs, plan, names, in.Apply, key)
	return Plan{Items: items, Candidates: people, Names: names}, err
}

// planCustomers loads the customers, each of which the manager must see.
func (s *Service) planCustomers(ctx context.Context, actor store.User, ids []string) ([]store.Customer, error) {
	var v Validation
	switch {
	case len(ids) == 0:
		v.Add("customer_ids", "field.required")
	case len(ids) > MaxPlanCustomers:
		v.Add("customer_ids", "field.too_many", MaxPlanCustomers)
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	var out []store.Customer
	for i, id := range ids {
		cust, err := s.Customer(ctx, actor, id)
		var e *Error
		if errors.As(err, &e) && e.Kind == KindNotFound {
			v.Add(Indexed("customer_ids", i, ""), "field.not_visible")
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, cust)
	}
	return out, v.Err()
}

// PlanCandidates is actor's active salespeople with their open customers
// and weights (R2.4), and their names by id; a weight for anyone else is a
// field error.
func (s *Service) PlanCandidates(ctx context.Context, actor store.User, weights map[string]float64) ([]policy.Candidate, map[string]string, error) {
	users, err := s.store.ListUsers(ctx)
	if err != nil {
		return nil, nil, err
	}
	var people []policy.Candidate
	names := map[string]string{}
	for _, m := range users {
		if m.ManagerID == actor.ID && m.Active && slices.Contains(m.Roles, string(policy.RoleSalesperson)) {
			people = append(people, policy.Candidate{ID: m.ID, Weight: 1})
			names[m.ID] = m.Name
		}
	}
	var v Validation
	for id, w := range weights {
		if _, ok := names[id]; !ok || w < 0 || w > 100 || math.IsNaN(w) {
			v.Add("weights."+id, "field.weight")
		}
	}
	if err := v.Err(); err != nil {
		return nil, nil, err
	}
	loads, err := s.store.OpenCustomerLoads(ctx, slices.Sorted(maps.Keys(names)))
	if err != nil {
		return nil, nil, err
	}
	for i := range people {
		people[i].Load = loads[people[i].ID]
		if w, ok := weights[people[i].ID]; ok {
			people[i].Weight = w
		}
	}
	return people, names, nil
}

// applyPlan lists the plan in customer order and, when apply is set,
// assigns each customer not already with its planned owner.
func (s *Service) applyPlan(ctx context.Context, actor store.User, custs []store.Customer, plan map[string]string,
	names map[string]string, apply bool, batch string) ([]PlanItem, error) {
	if len(plan) == 0 {
		return nil, errNoCandidates
	}
	items := []PlanItem{}
	for _, cust := range custs {
		owner, ok := plan[cust.ID]
		if !ok || slices.ContainsFunc(items, func(it PlanItem) bool { return it.CustomerID == cust.ID }) {
			continue
		}
		item := PlanItem{CustomerID: cust.ID, CustomerName: cust.Name, OwnerID: owner, OwnerName: names[owner]}
		if apply && cust.OwnerID != owner {
			updated, err := s.assign(ctx, actor, cust, owner, store.OwnershipPlanned, "balanced assignment (R2.4)", batch)
			if err != nil {
				return nil, err
			}
			// a batch sent again changes nothing: say who holds it now
			item.OwnerID, item.OwnerName, item.Applied = updated.OwnerID, updated.OwnerName, true
		}
		items = append(items, item)
	}
	return items, nil
}

func customerIDs(custs []store.Customer) []string {
	ids := make([]string, len(custs))
	for i, c := range custs {
		ids[i] = c.ID
	}
	return ids
}
