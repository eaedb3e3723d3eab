package api

import (
	"context"
	"errors"
	"math"
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"

	"salesflow/policy"
	"salesflow/service"
	"salesflow/store"
)

// maxPlanCustomers bounds one balanced assignment.
const maxPlanCustomers = 500

type planRequest struct {
	CustomerIDs []string           `json:"customer_ids"`
	Weights     map[string]float64 `json:"weights"`
	Apply       bool               `json:"apply"`
}

type planItem struct {
	CustomerID string `json:"customer_id"`
	OwnerID    string `json:"owner_id"`
	OwnerName  string `json:"owner_name"`
	Applied    bool   `json:"applied"`

	CustomerName string `json:"-"` // for the pool page
}

// planAssignment balances customers — typically marketing-event leads from
// the pool — over the manager's salespeople by how many open customers each
// holds, weighted by ability (R2.4); weights default to 1, and a weight of 0
// leaves someone out (absent, on leave). With apply it assigns them too.
func (s *Server) planAssignment(c *gin.Context) {
	var req planRequest
	if err := bindJSON(c, &req); err != nil {
		s.fail(c, err)
		return
	}
	key, err := idempotencyKey(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	res, err := s.plan(ctx, u, req, key)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, assignmentPlan{Items: res.Items, Candidates: res.Candidates, Applied: req.Apply})
}

// planResult is a balanced assignment: per customer, and the salespeople
// it weighed with their loads before it.
type planResult struct {
	Items      []planItem
	Candidates []policy.Candidate
	Names      map[string]string // salesperson id → name
}

// plan is R2.4 for the API and the pool page alike. key names the batch of
// assignments it applies, so the same applied plan sent twice assigns once.
func (s *Server) plan(ctx context.Context, u store.User, req planRequest, key string) (planResult, error) {
	custs, err := s.planCustomers(ctx, u, req.CustomerIDs)
	if err != nil {
		return planResult{}, err
	}
	people, names, err := s.planCandidates(ctx, u, req.Weights)
	if err != nil {
		return planResult{}, err
	}
	plan := policy.PlanAssignment(customerIDs(custs), people)
	if key == "" {
		key = uuid.NewString()
	}
	items, err := s.applyPlan(ctx, u, custs, plan, names, req.Apply, key)
	return planResult{Items: items, Candidates: people, Names: names}, err
}

// planCustomers loads the customers, each of which the manager must see.
func (s *Server) planCustomers(ctx context.Context, u store.User, ids []string) ([]store.Customer, error) {
	var v validation
	switch {
	case len(ids) == 0:
		v.Add("customer_ids", "field.required")
	case len(ids) > maxPlanCustomers:
		v.Add("customer_ids", "field.too_many", maxPlanCustomers)
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	var out []store.Customer
	for i, id := range ids {
		cust, err := s.svc.Customer(ctx, u, id)
		var ae *apiError
		if errors.As(err, &ae) && statusOf[ae.Kind] == http.StatusNotFound {
			v.Add(service.Indexed("customer_ids", i, ""), "field.not_visible")
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, cust)
	}
	return out, v.Err()
}

// planCandidates is the manager's active salespeople with their loads and
// weights; a weight for anyone else is a field error.
func (s *Server) planCandidates(ctx context.Context, u store.User, weights map[string]float64) ([]policy.Candidate, map[string]string, error) {
	users, err := s.store.ListUsers(ctx)
	if err != nil {
		return nil, nil, err
	}
	var people []policy.Candidate
	names := map[string]string{}
	for _, m := range users {
		if m.ManagerID == u.ID && m.Active && slices.Contains(m.Roles, roleSalesperson) {
			people = append(people, policy.Candidate{ID: m.ID, Weight: 1})
			names[m.ID] = m.Name
		}
	}
	var v validation
	for id, w := range weights {
		if _, ok := names[id]; !ok || w < 0 || w > 100 || math.IsNaN(w) {
			v.Add("weights."+id, "field.weight")
		}
	}
	if err := v.Err(); err != nil {
		return nil, nil, err
	}
	loads, err := s.store.OpenCustomerLoads(ctx, keys(names))
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
func (s *Server) applyPlan(ctx context.Context, u store.User, custs []store.Customer, plan map[string]string,
	names map[string]string, apply bool, batch string) ([]planItem, error) {
	if len(plan) == 0 {
		return nil, problemErr(http.StatusUnprocessableEntity, "/problems/validation", "problem.validation", "detail.no_candidates")
	}
	items := []planItem{}
	for _, cust := range custs {
		owner, ok := plan[cust.ID]
		if !ok || slices.ContainsFunc(items, func(it planItem) bool { return it.CustomerID == cust.ID }) {
			continue
		}
		item := planItem{CustomerID: cust.ID, CustomerName: cust.Name, OwnerID: owner, OwnerName: names[owner]}
		if apply && cust.OwnerID != owner {
			updated, err := s.assign(ctx, u, cust, owner, store.OwnershipPlanned, "balanced assignment (R2.4)", batch)
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

func keys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
