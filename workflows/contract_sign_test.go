package workflows

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"salesflow/policy"
)

// TestContractDocumentRetriedAfterApproval: the signing document fails to
// render for its first attempts (no font on the worker). The approval is
// answered at once and stands; a signature is refused while the document is
// missing; the workflow keeps retrying, and once the document is issued the
// contract is signed (issue 9, point 9).
func TestContractDocumentRetriedAfterApproval(t *testing.T) {
	c := newContractEnv(t)
	c.documentFails = 6 // about a minute of backoff
	var appr, early, company, customer result
	var approvedAt time.Time
	c.update(UpdateContractRevise, ContractReviseRequest{Actor: author, Draft: terms(2)}, &result{})
	c.update(UpdateContractSubmit, SubmitRequest{Actor: author}, &result{})
	c.update(UpdateContractDecide, decide(approver, "k-1-approval-1-1", DecisionApprove, ""), &appr)
	decidedAt := c.seq
	c.env.RegisterDelayedCallback(func() {
		if appr.state.Status != "" {
			approvedAt = c.env.Now()
		}
	}, decidedAt+documentWait+time.Second)
	c.at(documentWait+2*time.Second, UpdateContractSign, SignRequest{Actor: approver, SignerRole: policy.SignerCompany}, &early)
	c.at(10*time.Minute, UpdateContractSign, SignRequest{Actor: approver, SignerRole: policy.SignerCompany}, &company)
	c.update(UpdateContractSign, SignRequest{Actor: author, SignerRole: policy.SignerCustomer, SignatoryName: "客户代表", PaperScanSHA256: "scan"}, &customer)
	c.run(ContractTiming{})

	require.NoError(t, c.env.GetWorkflowError())
	require.NoError(t, appr.err, "the approval is recorded even though its document failed")
	require.False(t, approvedAt.IsZero(), "the approval is answered without waiting for the document")
	require.Equal(t, policy.ContractApproved, appr.state.Status)
	require.False(t, appr.state.DocumentIssued)
	require.ErrorContains(t, early.rejected, "signing document", "no signature before the document exists")
	var notYet *temporal.ApplicationError
	require.ErrorAs(t, early.rejected, &notYet)
	require.Equal(t, ErrTypeNotYet, notYet.Type(), "a signature while the document is issued is asked to come again (503), not refused (409)")
	require.NoError(t, company.rejected)
	require.NoError(t, company.err)
	require.Equal(t, policy.ContractSigned, customer.state.Status)
	c.env.AssertActivityNumberOfCalls(t, "PrepareSigningDocument", 7)
	require.Len(t, c.signs, 2)
}

// TestContractStrandedDocumentReissuedOnSign: a contract approved on the
// old code, whose inline document failed for good, is rescued by the next
// signature: it is refused, the document is issued again with retries, and
// the signature after it goes through.
func TestContractStrandedDocumentReissuedOnSign(t *testing.T) {
	c := newContractEnv(t)
	c.env.OnGetVersion(changeDocumentStep, workflow.DefaultVersion, 1).Return(workflow.DefaultVersion)
	c.documentFails, c.documentFinal = 1, true
	var appr, rescue, company, customer result
	c.update(UpdateContractRevise, ContractReviseRequest{Actor: author, Draft: terms(2)}, &result{})
	c.update(UpdateContractSubmit, SubmitRequest{Actor: author}, &result{})
	c.update(UpdateContractDecide, decide(approver, "k-1-approval-1-1", DecisionApprove, ""), &appr)
	c.at(2*time.Hour, UpdateContractSign, SignRequest{Actor: approver, SignerRole: policy.SignerCompany}, &rescue)
	c.at(10*time.Minute, UpdateContractSign, SignRequest{Actor: approver, SignerRole: policy.SignerCompany}, &company)
	c.update(UpdateContractSign, SignRequest{Actor: author, SignerRole: policy.SignerCustomer, SignatoryName: "客户代表", PaperScanSHA256: "scan"}, &customer)
	c.run(ContractTiming{})

	require.NoError(t, c.env.GetWorkflowError())
	require.Error(t, appr.err, "on the old code the failed document failed the approval")
	require.NoError(t, rescue.rejected)
	require.ErrorContains(t, rescue.err, "issued again")
	var notYet *temporal.ApplicationError
	require.ErrorAs(t, rescue.err, &notYet)
	require.Equal(t, ErrTypeNotYet, notYet.Type())
	require.NoError(t, company.err)
	require.Equal(t, policy.ContractSigned, customer.state.Status)
}
