package workflows

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"salesflow/activities"
	"salesflow/policy"
)

// link is a customer link's context for subject, bound to sha.
func link(subject, sha string, version int) *CustomerAnswer {
	return &CustomerAnswer{SubjectID: subject, ProposalVersion: version,
		CustomerEvidence: activities.CustomerEvidence{LinkID: "l-1", DocumentSHA256: sha, ContactName: "陈立",
			ContactEmail: "chen@example.com", ClientIP: "192.0.2.7"}}
}

// TestContractCustomerSignsThroughLink (R5.5): the customer's own
// signature comes with a link for this contract's issued document and no
// user; a link for another contract or another document is refused, and
// so is the owner signing for the customer without a paper scan. The
// signature that passes is recorded as the link's, with no actor.
func TestContractCustomerSignsThroughLink(t *testing.T) {
	c := newContractEnv(t)
	var otherContract, otherDocument, ownerNoScan, byLink result
	c.update(UpdateContractRevise, ContractReviseRequest{Actor: author, Draft: terms(2)}, &result{})
	c.update(UpdateContractSubmit, SubmitRequest{Actor: author}, &result{})
	c.update(UpdateContractDecide, decide(approver, "k-1-approval-1-1", DecisionApprove, ""), &result{})
	c.update(UpdateContractSign, SignRequest{Actor: approver, SignerRole: policy.SignerCompany}, &result{})
	customer := func(l *CustomerAnswer) SignRequest {
		return SignRequest{SignerRole: policy.SignerCustomer, SignatoryName: "陈立", Customer: l}
	}
	c.update(UpdateContractSign, customer(link("k-2", "sha", 0)), &otherContract)
	c.update(UpdateContractSign, customer(link("k-1", "other", 0)), &otherDocument)
	c.update(UpdateContractSign, SignRequest{Actor: author, SignerRole: policy.SignerCustomer, SignatoryName: "陈立"}, &ownerNoScan)
	c.update(UpdateContractSign, customer(link("k-1", "sha", 0)), &byLink)
	c.run(ContractTiming{})

	require.ErrorContains(t, otherContract.rejected, "another contract")
	require.ErrorContains(t, otherDocument.rejected, "another document")
	require.ErrorContains(t, ownerNoScan.rejected, "signed scan")
	require.NoError(t, byLink.rejected)
	require.NoError(t, byLink.err)
	require.Equal(t, policy.ContractSigned, byLink.state.Status)
	require.Len(t, c.signs, 2)
	got := c.signs[1]
	require.Equal(t, MethodLink, got.Method)
	require.Empty(t, got.Actor.ID, "no user signs for the customer")
	require.Equal(t, "l-1", got.Customer.LinkID)
	require.Equal(t, "192.0.2.7", got.Customer.ClientIP)
	require.Equal(t, MethodAccount, c.signs[0].Method)
}

// TestProposalCustomerAnswersThroughLink (F1): the customer answers the
// current version through a link; a link for an earlier version is
// refused, and so is the author recording an answer not given on paper.
func TestProposalCustomerAnswersThroughLink(t *testing.T) {
	p := newProposalEnv(t)
	var notPaper, oldVersion, declined outcome
	p.update(UpdateProposalSubmit, SubmitRequest{Actor: author}, &outcome{})
	p.update(UpdateProposalDecide, DecideRequest{Actor: manager, TaskID: "p-1-review-1", Decision: DecisionApprove}, &outcome{})
	p.update(UpdateProposalResponse, CustomerResponseRequest{Actor: author, Accepted: true}, &notPaper)
	p.update(UpdateProposalResponse, CustomerResponseRequest{Accepted: true, Customer: link("p-1", "h", 0)}, &oldVersion)
	p.update(UpdateProposalResponse, CustomerResponseRequest{Accepted: false, Note: "再考虑", Customer: link("p-1", "h", 1)}, &declined)
	p.env.RegisterDelayedCallback(func() { p.env.CancelWorkflow() }, time.Hour)
	p.run()

	require.ErrorContains(t, notPaper.rejected, "on paper")
	require.ErrorContains(t, oldVersion.rejected, "version 0")
	require.NoError(t, declined.rejected)
	require.NoError(t, declined.err)
	require.Equal(t, policy.ProposalRevising, declined.state.Status)
}
