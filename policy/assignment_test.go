package policy

import (
	"maps"
	"testing"
)

// count returns how many customers each person got.
func count(plan map[string]string) map[string]int {
	out := map[string]int{}
	for _, owner := range plan {
		out[owner]++
	}
	return out
}

func TestPlanAssignment(t *testing.T) {
	six := []string{"c1", "c2", "c3", "c4", "c5", "c6"}
	cases := []struct {
		name   string
		people []Candidate
		want   map[string]int
	}{
		{"equal people share equally",
			[]Candidate{{"a", 0, 1}, {"b", 0, 1}, {"c", 0, 1}}, map[string]int{"a": 2, "b": 2, "c": 2}},
		{"uneven loads are evened out first",
			[]Candidate{{"a", 5, 1}, {"b", 1, 1}, {"c", 0, 1}}, map[string]int{"b": 3, "c": 3}},
		{"twice the weight takes twice the share",
			[]Candidate{{"a", 0, 2}, {"b", 0, 1}}, map[string]int{"a": 4, "b": 2}},
		{"zero and negative weights are left out",
			[]Candidate{{"a", 0, 0}, {"b", 0, 1}, {"c", 0, -1}}, map[string]int{"b": 6}},
		{"nobody eligible gives an empty plan",
			[]Candidate{{"a", 0, 0}}, map[string]int{}},
	}
	for _, c := range cases {
		got := count(PlanAssignment(six, c.people))
		if !maps.Equal(got, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, got, c.want)
		}
	}
}

// TestPlanAssignmentTies: ties go to the lower load, then the lower ID, and
// the order of the input does not change the plan.
func TestPlanAssignmentTies(t *testing.T) {
	plan := PlanAssignment([]string{"c2", "c1"}, []Candidate{{"b", 0, 1}, {"a", 0, 1}})
	if plan["c1"] != "a" || plan["c2"] != "b" {
		t.Fatalf("tie by ID: %v", plan)
	}
	again := PlanAssignment([]string{"c1", "c2"}, []Candidate{{"a", 0, 1}, {"b", 0, 1}})
	if !maps.Equal(plan, again) {
		t.Fatalf("input order changed the plan: %v vs %v", plan, again)
	}
	// a: (1+1)/2 = 1, b: (0+1)/1 = 1 — equal ratio, b holds fewer.
	if got := PlanAssignment([]string{"c1"}, []Candidate{{"a", 1, 2}, {"b", 0, 1}}); got["c1"] != "b" {
		t.Fatalf("tie by load: %v", got)
	}
}

// TestPlanAssignmentAbsent: someone not offered as a candidate gets nothing
// and duplicates in the customer list are assigned once.
func TestPlanAssignmentAbsent(t *testing.T) {
	plan := PlanAssignment([]string{"c1", "c1", "c2"}, []Candidate{{"a", 3, 1}})
	if len(plan) != 2 || plan["c1"] != "a" || plan["c2"] != "a" {
		t.Fatalf("plan %v", plan)
	}
}
