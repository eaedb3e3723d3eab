package service

import (
	"context"
	"errors"
	"slices"

	"salesflow/policy"
	"salesflow/store"
	"salesflow/workflows"
)

// ErrNoServiceTerms refuses submitting a contract that states no service
// terms (R5.1), naming the field to fill in.
var ErrNoServiceTerms = NewError(KindInvalid, "no-service-terms", "problem.no_service_terms",
	"detail.no_service_terms").WithField("service_terms", "field.service_terms")

// ContractSteps is the stored contract as F2's rules of its steps read it
// (policy.ContractSteps), as the contract workflow reads its own state:
// the pages offer a step by the rule its validator refuses by.
func ContractSteps(k store.Contract) policy.ContractSteps {
	steps := policy.ContractSteps{Status: policy.ContractStatus(k.Status), HasServiceTerms: k.ServiceTerms.Stated()}
	for _, a := range k.Approvals {
		// A revision or a new round voids the approvals before it.
		if !a.Voided && a.Decision == workflows.DecisionApprove {
			steps.Decided++
		}
	}
	for _, s := range k.Signatures {
		steps.Signed = append(steps.Signed, policy.SignerRole(s.SignerRole))
	}
	return steps
}

// SubmitContractRequest is the submit Update's argument from u: the owner
// submitting a contract without service terms is refused here, naming the
// field, before the workflow is asked (R5.1); any other refusal is the
// workflow's.
func SubmitContractRequest(u store.User, k store.Contract) (workflows.SubmitRequest, error) {
	if ContractSteps(k).AuthorStep(policy.StepSubmit, k.OwnerID == u.ID) == policy.StepNoServiceTerms {
		return workflows.SubmitRequest{}, ErrNoServiceTerms
	}
	return workflows.SubmitRequest{Actor: Actor(u)}, nil
}

// ContractApprovalStep is the approval step task stands for as the
// contract workflow's validator judges a decision on it: its role, the
// author, the user it was escalated to, and whoever approved an earlier
// step of the round (separation of duties; earlier rounds' approvals are
// voided).
func ContractApprovalStep(k store.Contract, task store.Task) policy.ApprovalStep {
	step := policy.ApprovalStep{AuthorID: k.OwnerID}
	if task.AssigneeRole != nil {
		step.Role = policy.Role(*task.AssigneeRole)
	}
	if task.AssigneeUserID != nil {
		step.EscalatedTo = *task.AssigneeUserID
	}
	for _, a := range k.Approvals {
		if a.Voided || a.Decision != workflows.DecisionApprove {
			continue
		}
		step.PriorApprovers = append(step.PriorApprovers, a.DecidedBy)
		if a.OnBehalfOf != nil {
			step.PriorApprovers = append(step.PriorApprovers, *a.OnBehalfOf)
		}
	}
	return step
}

// Contract is contract id if actor may see it (R5.2, R5.3): the owner, the
// owner's manager, admins and the approver roles; an active delegate of an
// approver sees the contracts that role's work needs (a step waiting for
// it, a company signature, what they acted on), not every contract; the
// user a step was escalated to sees that contract. Others get not found.
func (s *Service) Contract(ctx context.Context, actor store.User, id string) (store.Contract, error) {
	k, err := s.store.ContractByID(ctx, id)
	if errors.Is(err, store.ErrNotFound) && s.contractComing(ctx, id) {
		return store.Contract{}, ErrStillRunning
	}
	if err != nil {
		return store.Contract{}, NotFoundAs(err, "contract "+id)
	}
	if k.OwnerID == actor.ID || SeesAllContracts(actor.Roles) {
		return k, nil
	}
	if delegated, err := s.DelegatedRoles(ctx, actor); err != nil || len(delegated) > 0 {
		if err != nil {
			return store.Contract{}, err
		}
		if ok, err := s.store.DelegateSeesContract(ctx, id, actor.ID, delegated); err != nil || ok {
			return k, err
		}
	}
	if owner, err := s.store.UserByID(ctx, k.OwnerID); err == nil && owner.ManagerID == actor.ID {
		return k, nil
	}
	if escalated, err := s.store.EscalatedTo(ctx, id, actor.ID); err != nil || escalated {
		return k, err
	}
	return store.Contract{}, NotFound("contract " + id)
}

// SeesAllContracts: admins and the approver roles (R5.2, R5.3), held or
// delegated, see every contract.
func SeesAllContracts(roles []string) bool {
	return policy.HasRole(roles, policy.RoleAdmin) ||
		slices.ContainsFunc(policy.DelegableRoles, func(r policy.Role) bool { return policy.HasRole(roles, r) })
}

// StoredContract is contract id as stored, without a visibility check:
// the answer to a step or a decision the actor was just allowed to take.
func (s *Service) StoredContract(ctx context.Context, id string) (store.Contract, error) {
	k, err := s.store.ContractByID(ctx, id)
	return k, NotFoundAs(err, "contract "+id)
}

// ContractSummaries are what the inbox's approval cards show of contracts
// ids (R5.3), by ID, in one query; one that cannot be read is absent.
func (s *Service) ContractSummaries(ctx context.Context, ids []string) (map[string]store.ContractSummary, error) {
	return s.store.ContractSummaries(ctx, ids)
}

// SigningDocument is the document issued for contract id's signatures
// (R5.5), byte for byte; before it is issued, store.ErrNotFound, on which
// the callers render a draft or refuse.
func (s *Service) SigningDocument(ctx context.Context, id string) (store.SigningDocument, error) {
	return s.store.SigningDocumentOf(ctx, id)
}
