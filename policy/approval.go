package policy

import "slices"

// ApprovalRefusal says why an actor may not decide a contract approval step;
// empty when they may.
type ApprovalRefusal string

// Reasons an approval decision is refused.
const (
	ApprovalAllowed    ApprovalRefusal = ""
	ApprovalSelf       ApprovalRefusal = "self_review"
	ApprovalWrongRole  ApprovalRefusal = "wrong_role"
	ApprovalDelegated  ApprovalRefusal = "delegated" // allowed, in the delegator's name
	ApprovalEscalation ApprovalRefusal = "escalated" // allowed, as the escalation target
	// ApprovalSeparated: this person already approved an earlier step of
	// the same round (in their own name or as the delegator); separation
	// of duties (NIST AC-5) wants each approval from another person.
	ApprovalSeparated ApprovalRefusal = "separation_of_duties"
)

// ApprovalStep is one required approval of a contract (R5.2, R5.3): the
// role that must decide, the contract's author, and the user the step was
// escalated to, if any.
type ApprovalStep struct {
	Role        Role   `json:"role"`
	AuthorID    string `json:"author_id"`
	EscalatedTo string `json:"escalated_to,omitempty"`
	// PriorApprovers approved the round's earlier steps (the actor and,
	// for a delegated decision, the delegator): none of them may decide
	// this one, whatever roles they hold.
	PriorApprovers []string `json:"prior_approvers,omitempty"`
}

// CanDecide decides whether actor may decide this step, acting either in
// their own right or for onBehalfOf (a delegator whose active delegation the
// API resolved, R5.5). The author never decides their own contract, whether
// directly or through a delegation. It returns ApprovalAllowed,
// ApprovalDelegated or ApprovalEscalation when the decision may go ahead.
func (s ApprovalStep) CanDecide(actor Actor, onBehalfOf *Actor) ApprovalRefusal {
	switch {
	case actor.ID == s.AuthorID || (onBehalfOf != nil && onBehalfOf.ID == s.AuthorID):
		return ApprovalSelf
	case slices.Contains(s.PriorApprovers, actor.ID) || (onBehalfOf != nil && slices.Contains(s.PriorApprovers, onBehalfOf.ID)):
		return ApprovalSeparated
	case actor.Has(s.Role):
		return ApprovalAllowed
	case onBehalfOf != nil && onBehalfOf.Has(s.Role):
		return ApprovalDelegated
	case s.EscalatedTo != "" && actor.ID == s.EscalatedTo:
		return ApprovalEscalation
	}
	return ApprovalWrongRole
}

// Permitted reports whether r lets the decision go ahead.
func (r ApprovalRefusal) Permitted() bool {
	return r == ApprovalAllowed || r == ApprovalDelegated || r == ApprovalEscalation
}

// SignerRole is which party a signature is for (R5.5).
type SignerRole string

// The two parties of a contract; it is signed only with both.
const (
	SignerCompany  SignerRole = "company"
	SignerCustomer SignerRole = "customer"
)

// DelegableRoles are the roles a delegation may pass on: the contract
// approvals and the company's signature ("someone they authorised", R5.5).
var DelegableRoles = []Role{RoleMarketingDirector, RoleCompanyApprover}
