package workflows

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"salesflow/policy"
)

// TestContractNormalLoop: a contract within the owner's authority needs
// only the company (R5.2) and is signed with both signatures (R5.5).
func TestContractNormalLoop(t *testing.T) {
	c := newContractEnv(t)
	var rev, sub, appr, company, customer result
	c.update(UpdateContractRevise, ContractReviseRequest{Actor: author, Draft: terms(2)}, &rev)
	c.update(UpdateContractSubmit, SubmitRequest{Actor: author}, &sub)
	c.update(UpdateContractDecide, decide(approver, "k-1-approval-1-1", DecisionApprove, ""), &appr)
	c.update(UpdateContractSign, SignRequest{Actor: approver, SignerRole: policy.SignerCompany}, &company)
	c.update(UpdateContractSign, SignRequest{Actor: author, SignerRole: policy.SignerCustomer, SignatoryName: "客户代表", PaperScanSHA256: "scan"}, &customer)
	c.run(ContractTiming{})

	require.True(t, c.env.IsWorkflowCompleted())
	require.NoError(t, c.env.GetWorkflowError())
	for name, r := range map[string]result{"revise": rev, "submit": sub, "approve": appr, "company": company, "customer": customer} {
		require.NoError(t, r.rejected, name)
		require.NoError(t, r.err, name)
	}
	require.Equal(t, []policy.Role{policy.RoleCompanyApprover}, sub.state.Required)
	require.False(t, sub.state.Major)
	require.Equal(t, policy.ContractApproved, appr.state.Status)
	require.Equal(t, policy.ContractApproved, company.state.Status, "one signature is not enough")
	require.Equal(t, policy.ContractSigned, customer.state.Status)
	require.Len(t, c.decisions, 1)
	require.Equal(t, "h2", c.decisions[0].ContentHash, "the approval binds the content it approved")
	require.Len(t, c.signs, 2)
	require.False(t, c.signs[0].Completes)
	require.True(t, c.signs[1].Completes)
	c.env.AssertActivityNumberOfCalls(t, "PrepareSigningDocument", 1)
}

// TestContractMajorLoopWithRejections: a major contract goes to the
// director first (R5.3); a rejection at either step sends it back to
// revising, and a revision clears the approvals already given.
func TestContractMajorLoopWithRejections(t *testing.T) {
	c := newContractEnv(t)
	c.major = true
	var dirReject, dirApprove, compReject, rev2, final, delegated, customer result
	c.update(UpdateContractRevise, ContractReviseRequest{Actor: author, Draft: terms(1)}, &result{})
	c.update(UpdateContractSubmit, SubmitRequest{Actor: author}, &result{})
	c.update(UpdateContractDecide, decide(director, "k-1-approval-1-1", DecisionReject, "折扣太大"), &dirReject)
	c.update(UpdateContractSubmit, SubmitRequest{Actor: author}, &result{})
	c.update(UpdateContractDecide, decide(director, "k-1-approval-2-1", DecisionApprove, ""), &dirApprove)
	c.update(UpdateContractDecide, decide(approver, "k-1-approval-2-2", DecisionReject, "条款不清"), &compReject)
	c.update(UpdateContractRevise, ContractReviseRequest{Actor: author, Draft: terms(3)}, &rev2)
	c.update(UpdateContractSubmit, SubmitRequest{Actor: author}, &result{})
	c.update(UpdateContractDecide, decide(director, "k-1-approval-3-1", DecisionApprove, ""), &result{})
	c.update(UpdateContractDecide, decide(approver, "k-1-approval-3-2", DecisionApprove, "同意"), &final)
	c.update(UpdateContractSign, SignRequest{Actor: deputy, OnBehalfOf: &approver, SignerRole: policy.SignerCompany}, &delegated)
	c.update(UpdateContractSign, SignRequest{Actor: author, SignerRole: policy.SignerCustomer, SignatoryName: "王总", PaperScanSHA256: "scan"}, &customer)
	c.run(ContractTiming{})

	require.NoError(t, c.env.GetWorkflowError())
	require.Equal(t, policy.ContractRevising, dirReject.state.Status)
	require.Equal(t, "折扣太大", dirReject.state.LastComment)
	require.Equal(t, policy.ContractInApproval, dirApprove.state.Status)
	require.Equal(t, 1, dirApprove.state.Step, "after the director, the company decides")
	require.Len(t, dirApprove.state.Approvals, 1)
	require.Equal(t, policy.ContractRevising, compReject.state.Status)
	require.Empty(t, rev2.state.Approvals, "a revision voids the director's approval")
	require.Equal(t, policy.ContractApproved, final.state.Status)
	require.Len(t, final.state.Approvals, 2)
	roles := []policy.Role{}
	for _, d := range c.decisions {
		roles = append(roles, d.Role)
	}
	require.Equal(t, []policy.Role{policy.RoleMarketingDirector, policy.RoleMarketingDirector, policy.RoleCompanyApprover,
		policy.RoleMarketingDirector, policy.RoleCompanyApprover}, roles)
	require.NotNil(t, c.decisions[1].Next, "the director's approval opens the company's step")
	require.Equal(t, "k-1-approval-2-2", c.decisions[1].Next.TaskID)
	require.Equal(t, approver.ID, c.signs[0].OnBehalfOf, "a delegated signature is recorded as such")
	require.Equal(t, deputy.ID, c.signs[0].Actor.ID)
	require.Equal(t, policy.ContractSigned, customer.state.Status)
}

// TestContractValidatorsRefuse: every wrong request is refused by the
// validator, so nothing reaches the activities.
func TestContractValidatorsRefuse(t *testing.T) {
	c := newContractEnv(t)
	selfApprover := policy.Actor{ID: author.ID, Roles: []string{"salesperson", "company_approver"}}
	var noTerms, strangerRevise, signEarly, self, wrongRole, wrongDelegate, noName, strangerCustomer, recallLate, ok result
	c.update(UpdateContractSubmit, SubmitRequest{Actor: author}, &noTerms)
	c.update(UpdateContractRevise, ContractReviseRequest{Actor: stranger, Draft: terms(0)}, &strangerRevise)
	c.update(UpdateContractRevise, ContractReviseRequest{Actor: author, Draft: terms(0)}, &result{})
	c.update(UpdateContractSign, SignRequest{Actor: approver, SignerRole: policy.SignerCompany}, &signEarly)
	c.update(UpdateContractSubmit, SubmitRequest{Actor: author}, &result{})
	c.update(UpdateContractDecide, decide(selfApprover, "k-1-approval-1-1", DecisionApprove, ""), &self)
	c.update(UpdateContractDecide, decide(director, "k-1-approval-1-1", DecisionApprove, ""), &wrongRole)
	c.update(UpdateContractDecide, ContractDecideRequest{Actor: deputy, OnBehalfOf: &director, TaskID: "k-1-approval-1-1",
		Decision: DecisionApprove}, &wrongDelegate)
	c.update(UpdateContractDecide, decide(approver, "k-1-approval-1-1", DecisionApprove, ""), &ok)
	c.update(UpdateContractRecall, RecallRequest{Actor: author}, &recallLate)
	c.update(UpdateContractSign, SignRequest{Actor: author, SignerRole: policy.SignerCustomer}, &noName)
	c.update(UpdateContractSign, SignRequest{Actor: stranger, SignerRole: policy.SignerCustomer, SignatoryName: "x"}, &strangerCustomer)
	c.cancelAfter(time.Hour)
	c.run(ContractTiming{})

	require.ErrorContains(t, noTerms.rejected, "R5.1")
	require.ErrorContains(t, self.rejected, "own contract")
	for name, r := range map[string]result{"stranger revises": strangerRevise, "sign before approval": signEarly,
		"director on the company step": wrongRole, "delegate of the wrong role": wrongDelegate,
		"recall after a decision": recallLate, "customer signature without a name": noName,
		"customer signature by a stranger": strangerCustomer} {
		require.Error(t, r.rejected, name)
	}
	require.NoError(t, ok.rejected)
	require.Equal(t, policy.ContractApproved, ok.state.Status)
	require.Len(t, c.decisions, 1)
	c.env.AssertActivityNumberOfCalls(t, "SignContract", 0)
	c.env.AssertActivityNumberOfCalls(t, "RecallContract", 0)
}

// TestContractRecall: the author takes a submitted contract back before
// anyone decided (撤回); the open task is withdrawn and it can be revised.
func TestContractRecall(t *testing.T) {
	c := newContractEnv(t)
	var byOther, recall, revise, decideAfter result
	c.update(UpdateContractRevise, ContractReviseRequest{Actor: author, Draft: terms(0)}, &result{})
	c.update(UpdateContractSubmit, SubmitRequest{Actor: author}, &result{})
	c.update(UpdateContractRecall, RecallRequest{Actor: stranger}, &byOther)
	c.update(UpdateContractRecall, RecallRequest{Actor: author}, &recall)
	c.update(UpdateContractDecide, decide(approver, "k-1-approval-1-1", DecisionApprove, ""), &decideAfter)
	c.update(UpdateContractRevise, ContractReviseRequest{Actor: author, Draft: terms(1)}, &revise)
	c.cancelAfter(time.Hour)
	c.run(ContractTiming{})

	require.Error(t, byOther.rejected)
	require.NoError(t, recall.err)
	require.Equal(t, policy.ContractRevising, recall.state.Status)
	require.Empty(t, recall.state.OpenTaskID)
	require.Error(t, decideAfter.rejected, "a recalled task cannot be decided")
	require.NoError(t, revise.err)
	c.env.AssertActivityNumberOfCalls(t, "RecallContract", 1)
}

// TestContractSeparationOfDuties: one person who holds both the director's
// and the company approver's roles gives the director's approval of a
// major contract; the company's step is then refused to them — in their
// own name and as a delegate of another approver — and another approver
// gives it (NIST AC-5).
func TestContractSeparationOfDuties(t *testing.T) {
	c := newContractEnv(t)
	c.major = true
	both := policy.Actor{ID: "u-both", Name: "双角色", Roles: []string{"marketing_director", "company_approver"}}
	var first, again, viaDelegation, other result
	c.update(UpdateContractRevise, ContractReviseRequest{Actor: author, Draft: terms(1)}, &result{})
	c.update(UpdateContractSubmit, SubmitRequest{Actor: author}, &result{})
	c.update(UpdateContractDecide, decide(both, "k-1-approval-1-1", DecisionApprove, ""), &first)
	c.update(UpdateContractDecide, decide(both, "k-1-approval-1-2", DecisionApprove, ""), &again)
	c.update(UpdateContractDecide, ContractDecideRequest{Actor: deputy, OnBehalfOf: &both, TaskID: "k-1-approval-1-2",
		Decision: DecisionApprove}, &viaDelegation)
	c.update(UpdateContractDecide, decide(approver, "k-1-approval-1-2", DecisionApprove, ""), &other)
	c.cancelAfter(time.Hour)
	c.run(ContractTiming{})

	require.NoError(t, first.rejected)
	require.ErrorContains(t, again.rejected, "another person")
	require.ErrorContains(t, viaDelegation.rejected, "another person")
	require.NoError(t, other.rejected)
	require.Equal(t, policy.ContractApproved, other.state.Status)
	require.Len(t, c.decisions, 2)
	require.Empty(t, c.decisions[1].Authority, "the second approver decides in their own role")
}
