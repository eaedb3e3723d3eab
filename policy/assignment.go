package policy

import (
	"cmp"
	"slices"
)

// Candidate is a salesperson who may receive customers in a balanced
// assignment (R2.4): Load is how many open customers they hold now, Weight
// their ability relative to the others (2 takes twice the share of 1).
type Candidate struct {
	ID     string  `json:"id"`
	Load   int     `json:"load"`
	Weight float64 `json:"weight"`
}

// PlanAssignment spreads customers over people (R2.4): each customer, in
// order of ID, goes to the candidate whose load per unit of weight would be
// lowest after taking it; ties go to the lower current load, then the lower
// ID, so the same input always gives the same plan. Candidates with a weight
// of zero or less receive nothing, and someone not in people (absent, on
// leave) is never chosen. With no eligible candidate the plan is empty.
func PlanAssignment(customers []string, people []Candidate) map[string]string {
	pool := make([]Candidate, 0, len(people))
	for _, p := range people {
		if p.Weight > 0 {
			pool = append(pool, p)
		}
	}
	plan := map[string]string{}
	if len(pool) == 0 {
		return plan
	}
	slices.SortFunc(pool, func(a, b Candidate) int { return cmp.Compare(a.ID, b.ID) })
	ids := slices.Clone(customers)
	slices.Sort(ids)
	for _, id := range slices.Compact(ids) {
		best := 0
		for i := 1; i < len(pool); i++ {
			if better(pool[i], pool[best]) {
				best = i
			}
		}
		plan[id] = pool[best].ID
		pool[best].Load++
	}
	return plan
}

// better reports whether a should take the next customer before b.
func better(a, b Candidate) bool {
	ra, rb := float64(a.Load+1)/a.Weight, float64(b.Load+1)/b.Weight
	if ra != rb {
		return ra < rb
	}
	if a.Load != b.Load {
		return a.Load < b.Load
	}
	return a.ID < b.ID
}
