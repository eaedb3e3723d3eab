package policy

import "slices"

// The steps people take on a proposal (F1) or a contract (F2), and in which
// states and for whom each is open. The workflows' Update validators refuse
// by these rules and the pages offer a step's button by them, so a page
// never offers what the workflow would refuse, nor hides what it would take.

// Step is one step a person takes on a proposal or a contract.
type Step string

// The steps whose rule is the proposal's or contract's state and who takes
// them. Decisions of a review or an approval follow the open task instead
// (ReviewAssignment.CanReview, ApprovalStep.CanDecide).
const (
	StepRevise Step = "revise" // 修改: a new version (F1, F2)
	StepSubmit Step = "submit" // to review (F1) or to approval (F2)
	StepRecall Step = "recall" // 撤回: a submitted contract back before anyone decided (F2)
	// StepCustomerAnswer: the customer's answer to an approved proposal (F1).
	StepCustomerAnswer Step = "customer_response"
	StepSign           Step = "sign" // a party's signature on an approved contract (R5.5)
)

// StepRefusal says why a step is not open to a person now; StepOpen when it is.
type StepRefusal string

// Why a step is refused, in the order the rules check.
const (
	StepOpen       StepRefusal = ""
	StepNotAuthor  StepRefusal = "not_author"  // only the author takes this step
	StepWrongState StepRefusal = "wrong_state" // the state does not offer it
	// StepNoServiceTerms: a contract is submitted only with its service
	// terms stated (R5.1).
	StepNoServiceTerms StepRefusal = "no_service_terms"
)

// Offers reports whether a proposal in status s takes step (F1): a draft or
// a proposal sent back is revised and submitted; an approved one takes the
// customer's answer.
func (s ProposalStatus) Offers(step Step) bool {
	switch step {
	case StepRevise, StepSubmit:
		return s.Editable()
	case StepCustomerAnswer:
		return s == ProposalApproved
	}
	return false
}

// ProposalAuthorStep is whether one of the author's steps on a proposal in
// status s is open to a person, author saying whether they wrote it (F1):
// only the author revises, submits and records the customer's answer, each
// in the states that offer it.
func ProposalAuthorStep(step Step, s ProposalStatus, author bool) StepRefusal {
	switch {
	case !author:
		return StepNotAuthor
	case !s.Offers(step):
		return StepWrongState
	}
	return StepOpen
}

// ContractSteps is what F2's rules read of a contract to say which steps it
// offers; the contract workflow has it in its state, the pages from the
// stored contract.
type ContractSteps struct {
	Status ContractStatus
	// Decided counts the approvals recorded in the current round.
	Decided int
	// HasServiceTerms: the current version states its service terms (R5.1).
	HasServiceTerms bool
	// Signed are the parties that have signed (R5.5).
	Signed []SignerRole
}

// Offers reports whether the contract takes step now (F2): a draft or a
// contract sent back is revised and submitted; a submitted one is recalled
// while nobody has approved a step of its round; an approved one is signed.
func (k ContractSteps) Offers(step Step) bool {
	switch step {
	case StepRevise, StepSubmit:
		return k.Status.Editable()
	case StepRecall:
		return k.Status == ContractInApproval && k.Decided == 0
	case StepSign:
		return k.Status == ContractApproved
	}
	return false
}

// AuthorStep is whether one of the author's steps (revise, submit, recall)
// is open to a person, author saying whether they wrote the contract: only
// the author takes them, in the states that offer them, and a submission
// needs the service terms (R5.1).
func (k ContractSteps) AuthorStep(step Step, author bool) StepRefusal {
	switch {
	case !author:
		return StepNotAuthor
	case !k.Offers(step):
		return StepWrongState
	case step == StepSubmit && !k.HasServiceTerms:
		return StepNoServiceTerms
	}
	return StepOpen
}

// SignedBy reports whether party has signed already; each signs once.
func (k ContractSteps) SignedBy(party SignerRole) bool {
	return slices.Contains(k.Signed, party)
}

// CompanySigner is who may sign a contract for the company: a company
// approver or their delegate, never its author (R5.2, R5.5). Its CanDecide
// judges a signer as a step's decider is judged.
func CompanySigner(authorID string) ApprovalStep {
	return ApprovalStep{Role: RoleCompanyApprover, AuthorID: authorID}
}
