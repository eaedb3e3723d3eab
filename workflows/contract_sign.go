package workflows

import (
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"salesflow/activities"
	"salesflow/policy"
)

func (c *contract) validateRecall(ctx workflow.Context, req RecallRequest) error {
	return c.authorStep(policy.StepRecall, req.Actor)
}

// recall takes a submitted contract back to revising (撤回) before anyone
// decided; the open task is withdrawn.
func (c *contract) recall(ctx workflow.Context, req RecallRequest) (ContractState, error) {
	recheck := func(ctx workflow.Context) error { return c.validateRecall(ctx, req) }
	return c.step(ctx, recheck, func(ctx workflow.Context, key string) error {
		in := activities.RecallInput{ContractID: c.in.ContractID, StepKey: key, TaskID: c.state.OpenTaskID, Actor: req.Actor}
		if err := runStep(ctx, a.RecallContract, in).Get(ctx, nil); err != nil {
			return err
		}
		c.stopWatch()
		c.state.Status, c.state.OpenTaskID, c.state.EscalatedTo = policy.ContractRevising, "", ""
		return nil
	})
}

// validateSign refuses a signature the contract cannot take now, or a
// request that is not one: a customer's signature given on paper must
// name its stored scan. That last check is the request's own and is made
// here only, not again under the lock, so histories of signatures
// recorded before it still replay.
func (c *contract) validateSign(ctx workflow.Context, req SignRequest) error {
	if err := c.checkSign(req); err != nil {
		return err
	}
	if req.SignerRole == policy.SignerCustomer && req.Customer == nil && req.PaperScanSHA256 == "" {
		return temporal.NewApplicationError("a customer's signature given on paper needs the signed scan", ErrTypeInvalid)
	}
	return nil
}

// checkSign is what a signature needs of the contract's state and of the
// signer; the step checks it again under the lock.
func (c *contract) checkSign(req SignRequest) error {
	k := c.stepRules()
	if !k.Offers(policy.StepSign) {
		return conflict("contract is %s; it can be signed only after every approval", c.state.Status)
	}
	if c.issuing {
		return temporal.NewApplicationError("the signing document is still being issued; sign once it is shown", ErrTypeNotYet)
	}
	if k.SignedBy(req.SignerRole) {
		return conflict("the %s has signed already", req.SignerRole)
	}
	switch req.SignerRole {
	case policy.SignerCompany:
		return refusal(c.companySigner().CanDecide(req.Actor, req.OnBehalfOf))
	case policy.SignerCustomer:
		return c.checkCustomerSigner(req)
	}
	return temporal.NewApplicationError("signer_role must be company or customer", ErrTypeInvalid)
}

// checkCustomerSigner: the customer signs through a link sent for this
// contract's signing document (R5.5: the person's own signature), or the
// owner records a signature given on paper. No one else signs for them.
func (c *contract) checkCustomerSigner(req SignRequest) error {
	if req.SignatoryName == "" {
		return temporal.NewApplicationError("the customer signatory's name is required", ErrTypeInvalid)
	}
	if link := req.Customer; link != nil {
		if link.SubjectID != c.in.ContractID {
			return temporal.NewApplicationError("the customer link is for another contract", ErrTypeForbidden)
		}
		if c.state.DocumentSHA256 != "" && link.DocumentSHA256 != c.state.DocumentSHA256 {
			return conflict("the customer link is bound to another document than the one to sign")
		}
		return nil
	}
	if req.Actor.ID != c.in.Owner.ID {
		return temporal.NewApplicationError("a customer's signature on paper is recorded by the contract's owner", ErrTypeForbidden)
	}
	return nil
}

// companySigner is who may sign for the company (policy.CompanySigner).
func (c *contract) companySigner() policy.ApprovalStep {
	return policy.CompanySigner(c.in.Owner.ID)
}

// sign records one party's signature; with both the contract is signed.
func (c *contract) sign(ctx workflow.Context, req SignRequest) (ContractState, error) {
	recheck := func(ctx workflow.Context) error { return c.checkSign(req) }
	return c.step(ctx, recheck, func(ctx workflow.Context, key string) error {
		if err := c.reissueStranded(ctx, key); err != nil {
			return err
		}
		in := activities.SignContractInput{ContractID: c.in.ContractID, StepKey: key, SignerRole: req.SignerRole,
			Actor: req.Actor, SignatoryName: req.SignatoryName, Completes: len(c.state.Signed) == 1}
		switch {
		case req.SignerRole == policy.SignerCompany:
			in.Method, in.OnBehalfOf = MethodAccount, behalf(c.companySigner(), req.Actor, req.OnBehalfOf)
		case req.Customer != nil:
			in.Method, in.Actor, in.Customer = MethodLink, policy.Actor{}, &req.Customer.CustomerEvidence
		case req.PaperScanSHA256 != "":
			in.Method, in.PaperScanSHA256 = MethodPaper, req.PaperScanSHA256
		}
		if err := runStep(ctx, a.SignContract, in).Get(ctx, nil); err != nil {
			return err
		}
		c.state.Signed = append(c.state.Signed, req.SignerRole)
		if in.Completes {
			c.state.Status = policy.ContractSigned
			return c.offerDropped(ctx, key)
		}
		return nil
	})
}

// Issuing the signing document (R5.5). It used to run inside the last
// approval's Update: a failure (no PDF font on the worker) failed the
// Update after the approval was stored and nothing issued the document
// again, so the approved contract could never be signed. Now it is a step
// of its own, retried until it succeeds.
const (
	// changeDocumentStep puts the retried step behind workflow.GetVersion:
	// histories recorded before it replay the inline call.
	changeDocumentStep = "signing-document-step"
	// changeDocumentReissue lets a sign Update issue the document of a
	// contract stranded by the old inline call.
	changeDocumentReissue = "signing-document-reissue"
	// documentWait is how long the last approval's Update waits for the
	// document before it answers without it; the step goes on retrying.
	documentWait = 10 * time.Second
)

// documentRetries retry the step with backoff and no limit: a missing
// font or a lost database is fixed by an operator, and the next attempt
// then succeeds, at most a minute later.
var documentRetries = workflow.ActivityOptions{
	StartToCloseTimeout: time.Minute,
	RetryPolicy: &temporal.RetryPolicy{InitialInterval: time.Second, BackoffCoefficient: 2,
		MaximumInterval: time.Minute},
}

// issueDocument issues the signing document once the last approval is in
// and waits up to documentWait for it, so the approver's answer normally
// already offers the signatures.
func (c *contract) issueDocument(ctx workflow.Context, key string) error {
	if workflow.GetVersion(ctx, changeDocumentStep, workflow.DefaultVersion, 1) == workflow.DefaultVersion {
		in := activities.SigningDocumentInput{ContractID: c.in.ContractID, StepKey: key + "/document"}
		if err := workflow.ExecuteActivity(ctx, a.PrepareSigningDocument, in).Get(ctx, &c.state.DocumentSHA256); err != nil {
			return err
		}
		c.state.DocumentIssued = true
		return nil
	}
	c.startIssuing(key)
	_, err := workflow.AwaitWithTimeout(ctx, documentWait, func() bool { return c.state.DocumentIssued })
	return err
}

// startIssuing runs the retried step beside the Updates; signing is
// refused while it runs (validateSign).
func (c *contract) startIssuing(key string) {
	c.issuing = true
	workflow.Go(c.root, func(ctx workflow.Context) {
		ctx = workflow.WithActivityOptions(ctx, documentRetries)
		in := activities.SigningDocumentInput{ContractID: c.in.ContractID, StepKey: key + "/document"}
		var sha string
		err := workflow.ExecuteActivity(ctx, a.PrepareSigningDocument, in).Get(ctx, &sha)
		c.issuing = false
		if err != nil { // only a permanent error (the contract row is gone) ends the retries
			workflow.GetLogger(ctx).Error("signing document not issued", "contract_id", c.in.ContractID, "error", err)
			return
		}
		c.state.DocumentIssued, c.state.DocumentSHA256 = true, sha
	})
}

// reissueStranded starts the retried step for a contract approved while
// the document was issued inline and failed, and refuses this signature:
// the parties sign the document once they can see it.
func (c *contract) reissueStranded(ctx workflow.Context, key string) error {
	if c.state.DocumentIssued ||
		workflow.GetVersion(ctx, changeDocumentReissue, workflow.DefaultVersion, 1) == workflow.DefaultVersion {
		return nil
	}
	c.startIssuing(key)
	return temporal.NewApplicationError("the signing document is being issued again; sign once it is shown", ErrTypeNotYet)
}
