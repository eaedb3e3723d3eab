package service

import (
	"errors"
	"slices"
	"testing"

	"salesflow/policy"
	"salesflow/store"
)

// TestContractSteps: a stored contract reads as the workflow's state does:
// only the round's approvals count (a revision or a new round voids the
// others), and the parties that signed.
func TestContractSteps(t *testing.T) {
	other := "d-0"
	k := store.Contract{Status: string(policy.ContractInApproval), Approvals: []store.ContractApproval{
		{Decision: "approve", DecidedBy: "d-0", Voided: true},
		{Decision: "reject", DecidedBy: "d-1"},
		{Decision: "approve", DecidedBy: "d-2", OnBehalfOf: &other}},
		Signatures: []store.Signature{{SignerRole: "customer"}}}
	steps := ContractSteps(k)
	if steps.Decided != 1 || steps.HasServiceTerms || !steps.SignedBy(policy.SignerCustomer) {
		t.Fatalf("steps of %+v: %+v", k, steps)
	}
	task := store.Task{AssigneeRole: ptr(string(policy.RoleCompanyApprover)), AssigneeUserID: ptr("m-1")}
	step := ContractApprovalStep(store.Contract{OwnerID: "s-1", Approvals: k.Approvals}, task)
	if step.Role != policy.RoleCompanyApprover || step.AuthorID != "s-1" || step.EscalatedTo != "m-1" ||
		!slices.Equal(step.PriorApprovers, []string{"d-2", "d-0"}) {
		t.Fatalf("approval step: %+v", step)
	}
}

// TestSubmitContractRequest: without service terms only the owner of an
// editable contract is refused here (R5.1); everyone else's refusal is
// the workflow's.
func TestSubmitContractRequest(t *testing.T) {
	owner, other := store.User{ID: "s-1", Name: "王销"}, store.User{ID: "s-2"}
	draft := store.Contract{OwnerID: "s-1", Status: string(policy.ContractDrafting)}
	if _, err := SubmitContractRequest(owner, draft); !errors.Is(err, ErrNoServiceTerms) {
		t.Fatalf("the owner without terms: %v", err)
	}
	for _, c := range []struct {
		u store.User
		k store.Contract
	}{{other, draft}, {owner, store.Contract{OwnerID: "s-1", Status: string(policy.ContractApproved)}}} {
		req, err := SubmitContractRequest(c.u, c.k)
		if err != nil || req.Actor.ID != c.u.ID {
			t.Fatalf("%s on a contract %s: %+v, %v", c.u.ID, c.k.Status, req, err)
		}
	}
}

func ptr(s string) *string { return &s }
