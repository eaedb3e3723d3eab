package service

import (
	"context"
	"errors"
	"time"

	"go.temporal.io/sdk/temporal"

	"salesflow/policy"
	"salesflow/store"
	"salesflow/workflows"
	"salesflow/workflows/payload"
)

// A contract (F2) after its draft: the owner revises it, submits it for
// approval and recalls it before anyone decided; the parties sign it
// (R5.5). Each step is an Update of the contract's workflow, which refuses
// a step its state does not allow.

// ContractContent is what a version of a contract says.
type ContractContent struct {
	Items        []ProposalItemInput `json:"items"`
	ServiceTerms *ServiceTermsInput  `json:"service_terms"`
	StartsOn     string              `json:"starts_on"`
	EndsOn       string              `json:"ends_on"`
}

// ServiceTermsInput is the contract's service terms (R5.1): free
// revisions or a service fee, one or the other.
type ServiceTermsInput struct {
	FreeRevisions *int   `json:"free_revisions"`
	ServiceFee    string `json:"service_fee" text:"block,max=2000"`
}

// SignatureInput is one party's signature (R5.5).
type SignatureInput struct {
	SignerRole    string `json:"signer_role"`
	SignatoryName string `json:"signatory_name" text:"max=200"`
	// PaperScanSHA256 names the uploaded scan of a customer's signature
	// given on paper (POST .../paper-scans).
	PaperScanSHA256 string `json:"paper_scan_sha256" text:"max=64"`
}

// ErrContractClosed refuses a step on a contract whose workflow has ended:
// it is signed and can no longer change.
var ErrContractClosed = NewError(KindConflict, "process-ended", "problem.workflow_closed", "detail.contract_closed")

// maxFreeRevisions bounds the free revisions a contract may promise (R5.1):
// a person offers a handful, never millions.
const maxFreeRevisions = 100

// ContractStep is one step on a contract after its draft.
type ContractStep struct {
	update string
	build  func(ctx context.Context, s *Service, actor store.User, k store.Contract) (any, error)
}

// ReviseContract keeps a new version (F2 修改); earlier approvals are
// voided. read are the problems a form found reading its fields (nil from
// the API), refused together with the content's.
func ReviseContract(in ContractContent, read error) ContractStep {
	return ContractStep{update: workflows.UpdateContractRevise, build: func(ctx context.Context, s *Service, actor store.User, _ store.Contract) (any, error) {
		d, err := s.contractDraft(ctx, in)
		return workflows.ContractReviseRequest{Actor: Actor(actor), Draft: d}, JoinProblems(read, err)
	}}
}

// SubmitContract sends the contract to approval; without service terms it
// is refused before the workflow is asked (R5.1, SubmitContractRequest).
func SubmitContract() ContractStep {
	return ContractStep{update: workflows.UpdateContractSubmit, build: func(_ context.Context, _ *Service, actor store.User, k store.Contract) (any, error) {
		return SubmitContractRequest(actor, k)
	}}
}

// RecallContract takes a submitted contract back before anyone decided.
func RecallContract() ContractStep {
	return ContractStep{update: workflows.UpdateContractRecall, build: func(_ context.Context, _ *Service, actor store.User, _ store.Contract) (any, error) {
		return workflows.RecallRequest{Actor: Actor(actor)}, nil
	}}
}

// SignContract records one party's signature (R5.5): the company's by a
// company approver or their delegate; the customer's, when given on
// paper, by the owner with the signed scan. scan, when not nil, is the
// scan sent with the signature (a form's file), kept first (StorePaperScan's
// checks) and named by the signature. The customer's own signature comes
// through a customer link.
func SignContract(in SignatureInput, scan ScanReader) ContractStep {
	return ContractStep{update: workflows.UpdateContractSign, build: func(ctx context.Context, s *Service, actor store.User, k store.Contract) (any, error) {
		if scan != nil {
			stored, err := s.storeScan(ctx, actor, k, scan)
			if err != nil {
				return nil, err
			}
			in.PaperScanSHA256 = stored.SHA256
		}
		return s.signRequest(ctx, actor, k, in)
	}}
}

// TakeContractStep checks actor may see contract id, builds the step and
// sends it, idempotent by key, returning the contract as it was read (no
// ID when actor may not see it).
func (s *Service) TakeContractStep(ctx context.Context, actor store.User, key, id string, step ContractStep) (store.Contract, error) {
	k, err := s.Contract(ctx, actor, id)
	if err != nil {
		return k, err
	}
	arg, err := step.build(ctx, s, actor, k)
	if err == nil {
		err = s.Update(ctx, key, k.WorkflowID, step.update, actor, arg, nil)
	}
	return k, contractErr(err)
}

// contractErr maps the contract workflow's refusals that differ from the
// proposal's.
func contractErr(err error) error {
	var appErr *temporal.ApplicationError
	if errors.As(err, &appErr) && appErr.Type() == workflows.ErrTypeNoServiceTerms {
		return ErrNoServiceTerms
	}
	if IsWorkflowGone(err) {
		return ErrContractClosed
	}
	return err
}

// contractDraft validates a contract revision against the policy and the
// rate card. Service terms may still be open in a draft; they are required
// only to submit (R5.1), but when given they must be one or the other.
func (s *Service) contractDraft(ctx context.Context, in ContractContent) (payload.ContractDraft, error) {
	if err := TextErr(in); err != nil {
		return payload.ContractDraft{}, err
	}
	var v Validation
	lines, err := s.CheckItems(ctx, &v, in.Items)
	if err != nil {
		return payload.ContractDraft{}, err
	}
	d := payload.ContractDraft{Lines: lines, StartsOn: in.StartsOn, EndsOn: in.EndsOn}
	if in.ServiceTerms != nil {
		d.ServiceTerms = policy.ServiceTerms{FreeRevisions: in.ServiceTerms.FreeRevisions, ServiceFee: in.ServiceTerms.ServiceFee}
		if !d.ServiceTerms.Valid() {
			v.Add("service_terms", "field.service_terms_shape")
		} else if n := in.ServiceTerms.FreeRevisions; n != nil && *n > maxFreeRevisions {
			v.Add("service_terms.free_revisions", "field.free_revisions_range", maxFreeRevisions)
		}
	}
	today := time.Now().In(policy.Shanghai)
	starts, okStart := CheckDate(&v, "starts_on", in.StartsOn, today)
	ends, okEnd := CheckDate(&v, "ends_on", in.EndsOn, today)
	if okStart && okEnd && ends.Before(starts) {
		v.Add("ends_on", "field.ends_before_starts")
	}
	return d, v.Err()
}

// signRequest is the signature's check and request: the signer role, the
// customer signatory's name, and for the company the delegation the
// signer acts under, resolved now (R5.5).
func (s *Service) signRequest(ctx context.Context, actor store.User, k store.Contract, in SignatureInput) (any, error) {
	var v Validation
	CheckText(&v, in)
	role := policy.SignerRole(in.SignerRole)
	switch {
	case role != policy.SignerCompany && role != policy.SignerCustomer:
		v.Add("signer_role", "field.signer_role")
	case role == policy.SignerCustomer && in.SignatoryName == "":
		v.Add("signatory_name", "field.signatory_name")
	case len([]rune(in.SignatoryName)) > 200:
		v.Add("signatory_name", "field.too_long", 200)
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	sr := workflows.SignRequest{Actor: Actor(actor), SignerRole: role, SignatoryName: in.SignatoryName}
	// A paper signature needs its scan; out of the approved state the
	// workflow's refusal (or a replay of the signature) says more.
	if role == policy.SignerCustomer && k.OwnerID == actor.ID && k.Status == string(policy.ContractApproved) {
		if err := s.paperScanFor(ctx, k.ID, in.PaperScanSHA256); err != nil {
			return nil, err
		}
	}
	sr.PaperScanSHA256 = in.PaperScanSHA256
	if role == policy.SignerCompany {
		behalf, err := s.DelegatorFor(ctx, actor, policy.RoleCompanyApprover)
		if err != nil {
			return nil, err
		}
		sr.OnBehalfOf = behalf
	}
	return sr, nil
}
