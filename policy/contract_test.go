package policy

import (
	"slices"
	"testing"
)

func priced(unit, list int64) PricedLine {
	return PricedLine{Line: Line{ProductID: "p", Quantity: 1, UnitPriceFen: unit}, ListPriceFen: list}
}

func TestIsMajor(t *testing.T) {
	cases := []struct {
		name  string
		lines []PricedLine
		pct   int
		major bool
	}{
		{"exactly at the limit is not major", []PricedLine{priced(90_000, 100_000)}, 10, false},
		{"one fen below the limit is major", []PricedLine{priced(89_999, 100_000)}, 10, true},
		{"list price with zero authority", []PricedLine{priced(100_000, 100_000)}, 0, false},
		{"any discount with zero authority", []PricedLine{priced(99_999, 100_000)}, 0, true},
		{"free of charge with 100 %", []PricedLine{priced(0, 100_000)}, 100, false},
		{"above list price", []PricedLine{priced(120_000, 100_000)}, 5, false},
		{"limit not a whole fen: 33 % of 1 fen", []PricedLine{priced(1, 1)}, 33, false},
		{"several lines all within", []PricedLine{priced(95_000, 100_000), priced(240_000, 250_000)}, 5, false},
		{"several lines, one below", []PricedLine{priced(95_000, 100_000), priced(237_499, 250_000)}, 5, true},
		{"no lines", nil, 10, false},
		{"authority above 100 is clamped", []PricedLine{priced(0, 100)}, 150, false},
		{"negative authority is clamped to 0", []PricedLine{priced(99, 100)}, -5, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := IsMajor(tc.lines, tc.pct); got != tc.major {
				t.Fatalf("IsMajor = %v, want %v", got, tc.major)
			}
		})
	}
}

func TestRequiredApprovals(t *testing.T) {
	if got := RequiredApprovals(true); !slices.Equal(got, []Role{RoleMarketingDirector, RoleCompanyApprover}) {
		t.Fatalf("major: %v", got)
	}
	if got := RequiredApprovals(false); !slices.Equal(got, []Role{RoleCompanyApprover}) {
		t.Fatalf("normal: %v", got)
	}
}

func TestServiceTerms(t *testing.T) {
	n := func(v int) *int { return &v }
	cases := []struct {
		name          string
		terms         ServiceTerms
		stated, valid bool
	}{
		{"none", ServiceTerms{}, false, true},
		{"zero free revisions", ServiceTerms{FreeRevisions: n(0)}, true, true},
		{"three free revisions", ServiceTerms{FreeRevisions: n(3)}, true, true},
		{"negative revisions", ServiceTerms{FreeRevisions: n(-1)}, false, false},
		{"service fee", ServiceTerms{ServiceFee: "每次换画 800 元"}, true, true},
		{"both", ServiceTerms{FreeRevisions: n(1), ServiceFee: "x"}, true, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.terms.Stated() != tc.stated || tc.terms.Valid() != tc.valid {
				t.Fatalf("Stated=%v Valid=%v, want %v %v", tc.terms.Stated(), tc.terms.Valid(), tc.stated, tc.valid)
			}
		})
	}
}

func TestContentHash(t *testing.T) {
	zero := 0
	base := ContractContent{Version: 1, Lines: []PricedLine{priced(90_000, 100_000)},
		ServiceTerms: ServiceTerms{FreeRevisions: &zero}, StartsOn: "2026-12-01", EndsOn: "2027-11-30"}
	h := ContentHash(base)
	if len(h) != 64 || h != ContentHash(base) {
		t.Fatalf("hash must be stable hex SHA-256: %q", h)
	}
	changes := map[string]func(c *ContractContent){
		"price":    func(c *ContractContent) { c.Lines = []PricedLine{priced(89_000, 100_000)} },
		"version":  func(c *ContractContent) { c.Version = 2 },
		"terms":    func(c *ContractContent) { c.ServiceTerms = ServiceTerms{} },
		"fee":      func(c *ContractContent) { c.ServiceTerms = ServiceTerms{ServiceFee: "0"} },
		"end date": func(c *ContractContent) { c.EndsOn = "2027-12-31" },
	}
	for name, change := range changes {
		c := base
		change(&c)
		if ContentHash(c) == h {
			t.Errorf("changing the %s must change the hash", name)
		}
	}
}

func TestCanDecide(t *testing.T) {
	author := Actor{ID: "a", Roles: []string{"salesperson", "company_approver"}}
	director := Actor{ID: "d", Roles: []string{"marketing_director"}}
	approver := Actor{ID: "c", Roles: []string{"company_approver"}}
	deputy := Actor{ID: "x", Roles: []string{"salesperson"}}
	step := ApprovalStep{Role: RoleCompanyApprover, AuthorID: "a"}
	cases := []struct {
		name   string
		step   ApprovalStep
		actor  Actor
		behalf *Actor
		want   ApprovalRefusal
	}{
		{"holder of the role", step, approver, nil, ApprovalAllowed},
		{"author holding the role", step, author, nil, ApprovalSelf},
		{"delegate of the author", step, deputy, &author, ApprovalSelf},
		{"wrong role", step, director, nil, ApprovalWrongRole},
		{"delegate of a holder", step, deputy, &approver, ApprovalDelegated},
		{"delegate of the wrong role", step, deputy, &director, ApprovalWrongRole},
		{"escalation target", ApprovalStep{Role: RoleCompanyApprover, AuthorID: "a", EscalatedTo: "x"}, deputy, nil, ApprovalEscalation},
		{"approved an earlier step", ApprovalStep{Role: RoleCompanyApprover, AuthorID: "a", PriorApprovers: []string{"c"}}, approver, nil, ApprovalSeparated},
		{"delegate of an earlier approver", ApprovalStep{Role: RoleCompanyApprover, AuthorID: "a", PriorApprovers: []string{"c"}}, deputy, &approver, ApprovalSeparated},
		{"earlier delegate acting in own right", ApprovalStep{Role: RoleCompanyApprover, AuthorID: "a", PriorApprovers: []string{"d", "x"}}, approver, nil, ApprovalAllowed},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.step.CanDecide(tc.actor, tc.behalf)
			if got != tc.want {
				t.Fatalf("CanDecide = %q, want %q", got, tc.want)
			}
		})
	}
}
