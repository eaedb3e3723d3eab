package policy

import "testing"

// TestProposalAuthorStep: only the author takes F1's steps, each in its
// states, and a stranger is refused as one before the state is looked at.
func TestProposalAuthorStep(t *testing.T) {
	all := []ProposalStatus{ProposalDraft, ProposalInReview, ProposalRevising, ProposalApproved, ProposalAccepted}
	open := map[Step][]ProposalStatus{
		StepRevise:         {ProposalDraft, ProposalRevising},
		StepSubmit:         {ProposalDraft, ProposalRevising},
		StepCustomerAnswer: {ProposalApproved},
		StepRecall:         nil, // a contract's step only
	}
	for step, states := range open {
		for _, s := range all {
			want := StepWrongState
			for _, o := range states {
				if o == s {
					want = StepOpen
				}
			}
			if got := ProposalAuthorStep(step, s, true); got != want {
				t.Errorf("%s in %s by the author = %q, want %q", step, s, got, want)
			}
			if got := ProposalAuthorStep(step, s, false); got != StepNotAuthor {
				t.Errorf("%s in %s by another = %q, want %q", step, s, got, StepNotAuthor)
			}
		}
	}
}

// TestContractAuthorStep: F2's author steps, the recall only before the
// round's first approval, the submission only with service terms (R5.1).
func TestContractAuthorStep(t *testing.T) {
	cases := []struct {
		name   string
		k      ContractSteps
		step   Step
		author bool
		want   StepRefusal
	}{
		{"revise a draft", ContractSteps{Status: ContractDrafting}, StepRevise, true, StepOpen},
		{"revise one sent back", ContractSteps{Status: ContractRevising}, StepRevise, true, StepOpen},
		{"revise in approval", ContractSteps{Status: ContractInApproval}, StepRevise, true, StepWrongState},
		{"revise by another", ContractSteps{Status: ContractDrafting}, StepRevise, false, StepNotAuthor},
		{"submit with terms", ContractSteps{Status: ContractRevising, HasServiceTerms: true}, StepSubmit, true, StepOpen},
		{"submit without terms", ContractSteps{Status: ContractDrafting}, StepSubmit, true, StepNoServiceTerms},
		{"submit approved: the state first", ContractSteps{Status: ContractApproved}, StepSubmit, true, StepWrongState},
		{"submit by another: the author first", ContractSteps{Status: ContractDrafting}, StepSubmit, false, StepNotAuthor},
		{"recall before any decision", ContractSteps{Status: ContractInApproval}, StepRecall, true, StepOpen},
		{"recall after an approval", ContractSteps{Status: ContractInApproval, Decided: 1}, StepRecall, true, StepWrongState},
		{"recall a draft", ContractSteps{Status: ContractDrafting}, StepRecall, true, StepWrongState},
		{"recall by another", ContractSteps{Status: ContractInApproval}, StepRecall, false, StepNotAuthor},
		{"a proposal's step", ContractSteps{Status: ContractApproved}, StepCustomerAnswer, true, StepWrongState},
	}
	for _, c := range cases {
		if got := c.k.AuthorStep(c.step, c.author); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

// TestContractSigning: signed only once approved, each party once, and
// never for the company by its author (R5.5).
func TestContractSigning(t *testing.T) {
	for _, s := range []ContractStatus{ContractDrafting, ContractInApproval, ContractRevising, ContractSigned} {
		if (ContractSteps{Status: s}).Offers(StepSign) {
			t.Errorf("a contract %s offers signing", s)
		}
	}
	k := ContractSteps{Status: ContractApproved, Signed: []SignerRole{SignerCustomer}}
	if !k.Offers(StepSign) || !k.SignedBy(SignerCustomer) || k.SignedBy(SignerCompany) {
		t.Errorf("approved, the customer signed: %+v", k)
	}
	approver := Actor{ID: "c", Roles: []string{string(RoleCompanyApprover)}}
	if r := CompanySigner("c").CanDecide(approver, nil); r != ApprovalSelf {
		t.Errorf("the author signing for the company: %q", r)
	}
	if r := CompanySigner("a").CanDecide(Actor{ID: "d"}, &approver); r != ApprovalDelegated {
		t.Errorf("a delegate of the approver: %q", r)
	}
	if r := CompanySigner("a").CanDecide(Actor{ID: "s"}, nil); r.Permitted() {
		t.Errorf("a salesperson signing for the company: %q", r)
	}
}

func TestDiscountTenths(t *testing.T) {
	resource := func(qty, unit, listTotal int64) PricedLine {
		return PricedLine{Line: Line{ProductID: "p", ResourceID: "r", Quantity: qty, UnitPriceFen: unit},
			ListPriceFen: listTotal / qty, ListTotalFen: listTotal}
	}
	cases := []struct {
		name   string
		l      PricedLine
		tenths int64
		ok     bool
	}{
		{"at list", priced(100_000, 100_000), 0, false},
		{"above list", priced(120_000, 100_000), 0, false},
		{"no list price", priced(100, 0), 0, false},
		{"10 %", priced(90_000, 100_000), 100, true},
		{"rounded down: 16.66 %", priced(1_000, 1_200), 166, true},
		{"one fen off a big price", priced(99_999_999_999, 100_000_000_000), 0, true},
		{"free of charge", priced(0, 100), 1000, true},
		// Three days at 100, 100 and 101 fen: the average shown per unit is
		// 100, but the totals say 100 × 3 is below 301.
		{"a resource line by its totals", resource(3, 100, 301), 3, true},
		{"a resource line at its total", resource(3, 100, 300), 0, false},
		{"a total times 1,000 past int64", resource(1_000_000, 100_000_000_000, 200_000_000_000_000_000), 500, true},
	}
	for _, c := range cases {
		if tenths, ok := c.l.DiscountTenths(); tenths != c.tenths || ok != c.ok {
			t.Errorf("%s: %d, %v; want %d, %v", c.name, tenths, ok, c.tenths, c.ok)
		}
	}
}
