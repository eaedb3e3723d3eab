package policy

import "slices"

// Role is one of the jobs a user holds; a user can hold several.
type Role string

// The roles of POLICY.md's role table.
const (
	RoleSalesperson       Role = "salesperson"
	RoleSalesManager      Role = "sales_manager"
	RoleReviewer          Role = "reviewer"
	RoleMarketingDirector Role = "marketing_director"
	RoleCompanyApprover   Role = "company_approver"
	RoleFrontDesk         Role = "front_desk"
	RoleAdmin             Role = "admin"
)

// AllRoles lists every role in a stable order (used for validation and docs).
var AllRoles = []Role{RoleSalesperson, RoleSalesManager, RoleReviewer,
	RoleMarketingDirector, RoleCompanyApprover, RoleFrontDesk, RoleAdmin}

// ValidRole reports whether r is one of AllRoles.
func ValidRole(r string) bool { return slices.Contains(AllRoles, Role(r)) }

// HasRole reports whether roles contains want.
func HasRole(roles []string, want Role) bool { return slices.Contains(roles, string(want)) }

// Actor is the person acting, as the workflows and the API see them.
type Actor struct {
	ID    string   `json:"id"`
	Name  string   `json:"name"`
	Roles []string `json:"roles"`
}

// Has reports whether the actor holds role r.
func (a Actor) Has(r Role) bool { return HasRole(a.Roles, r) }

// Reviewers of a proposal (F1 "proposal review"): a user holding the reviewer
// role, or the author's own sales manager (the policy's default reviewer).
// ManagerID is the author's manager at the time the review was opened.
type ReviewAssignment struct {
	AuthorID  string `json:"author_id"`
	ManagerID string `json:"manager_id,omitempty"`
}

// ReviewRefusal says why an actor may not review; empty when they may.
type ReviewRefusal string

// Reasons a review decision is refused.
const (
	ReviewAllowed    ReviewRefusal = ""
	ReviewSelf       ReviewRefusal = "self_review"
	ReviewNotAllowed ReviewRefusal = "not_a_reviewer"
)

// CanReview decides whether actor may decide the review in a. The author can
// never review their own work (no self-approval), whatever roles they hold.
func (a ReviewAssignment) CanReview(actor Actor) ReviewRefusal {
	switch {
	case actor.ID == a.AuthorID:
		return ReviewSelf
	case actor.Has(RoleReviewer):
		return ReviewAllowed
	case a.ManagerID != "" && actor.ID == a.ManagerID:
		return ReviewAllowed
	default:
		return ReviewNotAllowed
	}
}
