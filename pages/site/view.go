package site

import (
	"net/url"

	"github.com/gin-gonic/gin"

	"salesflow/httpx"
	"salesflow/i18n"
	"salesflow/policy"
	"salesflow/service"
	"salesflow/session"
	"salesflow/store"
)

// The data every page shares: the layout's (who is signed in, what the
// navigation offers, a flash message) and a problem as the pages show it.

// Base is what the layout needs on every page.
type Base struct {
	Lang    string
	User    *store.User
	Nav     Nav
	Flash   *Flash
	Problem *Problem
	// temporalUI is the Web UI's workflow address up to the ID, for admins
	// only; "" hides the links.
	temporalUI string
}

// TemporalLink is the Temporal Web UI's page of the workflow id, for an
// admin to follow a proposal's, contract's or contact deadline's run; ""
// for everyone else.
func (b Base) TemporalLink(workflowID string) string {
	if b.temporalUI == "" || workflowID == "" {
		return ""
	}
	return b.temporalUI + url.PathEscape(workflowID)
}

// Nav is the navigation bar: only what the user's roles allow.
type Nav struct {
	Active      string
	Proposals   bool
	NewProposal bool
	Customers   bool
	Visits      bool // visits and the activity report (R3.5, R1.2, R3.7)
	NewVisit    bool
	Board       bool // the front desk's board of today's visits
	Activity    bool
	Pipeline    bool // customers per class (R4.1)
	Guidance    bool // the manager's guidance notes (R4.3)
	Digest      bool // the manager's daily digest (R4.3)
	Unread      int  // unread notifications, the badge beside 通知
}

// For sets the links u's roles allow.
func (n *Nav) For(u store.User) {
	n.Proposals = SeesProposals(u)
	n.NewProposal = policy.HasRole(u.Roles, policy.RoleSalesperson)
	n.Customers = CanRecordCustomers(u) || policy.HasRole(u.Roles, policy.RoleAdmin)
	n.visitLinks(u)
	n.careLinks(u)
}

// Err is the message for one form field, "" when it is fine.
func (b Base) Err(field string) string { return b.Problem.Field(field) }

// Base builds the layout's data and consumes the flash message, if any.
func (p *Site) Base(c *gin.Context, active string) Base {
	b := Base{Lang: string(httpx.Lang(c)), Flash: p.TakeFlash(c)}
	b.Nav.Active = active
	if u, ok := session.User(c); ok {
		b.User = &u
		b.Nav.For(u)
		if n, err := p.Svc.UnreadNotifications(c.Request.Context(), u); err == nil {
			b.Nav.Unread = n // a failed count only hides the badge
		}
		if policy.HasRole(u.Roles, policy.RoleAdmin) {
			b.temporalUI = p.Cfg.TemporalUIURL + "/namespaces/" + url.PathEscape(p.Cfg.TemporalNamespace) + "/workflows/"
		}
	}
	return b
}

// SeesProposals: the roles whose proposal list can hold anything (their
// own, their team's, or all for review).
func SeesProposals(u store.User) bool {
	for _, r := range []policy.Role{policy.RoleSalesperson, policy.RoleSalesManager, policy.RoleReviewer, policy.RoleAdmin} {
		if policy.HasRole(u.Roles, r) {
			return true
		}
	}
	return false
}

// Problem is an error as the pages show it, in the reader's language.
type Problem struct {
	Status int
	Title  string
	Detail string
	Fields map[string]string // field → message
}

// Field is the message for field; safe on a nil problem.
func (pv *Problem) Field(field string) string {
	if pv == nil {
		return ""
	}
	return pv.Fields[field]
}

// ProblemFor renders err as classify maps it, logging what is ours to fix.
func (p *Site) ProblemFor(c *gin.Context, err error) *Problem {
	ae := service.Classify(err)
	if httpx.StatusOf[ae.Kind] >= 500 {
		p.Log.ErrorContext(c.Request.Context(), "page request failed", "method", c.Request.Method,
			"path", c.FullPath(), "error", err)
	}
	lang := httpx.Lang(c)
	pv := &Problem{Status: httpx.StatusOf[ae.Kind], Title: i18n.T(lang, ae.Title), Fields: map[string]string{}}
	if ae.Detail != "" {
		pv.Detail = service.Text(lang, ae.Detail, ae.Args)
	}
	for _, f := range ae.Fields {
		if _, seen := pv.Fields[f.Field]; !seen {
			pv.Fields[f.Field] = service.Text(lang, f.Key, f.Args)
		}
	}
	return pv
}

// ErrorPage is the data of the error page.
type ErrorPage struct{ Base }

// AdminNav reports whether the navigation offers the admin pages.
func (b Base) AdminNav() bool {
	return b.User != nil && policy.HasRole(b.User.Roles, policy.RoleAdmin)
}

// ImportNav reports whether the navigation offers the import page.
func (b Base) ImportNav() bool {
	return b.User != nil && (policy.HasRole(b.User.Roles, policy.RoleSalesperson) ||
		policy.HasRole(b.User.Roles, policy.RoleSalesManager))
}

// PoolNav reports whether the navigation offers the pool page.
func (b Base) PoolNav() bool {
	return b.User != nil && (policy.HasRole(b.User.Roles, policy.RoleSalesManager) ||
		policy.HasRole(b.User.Roles, policy.RoleAdmin))
}

// SignedContractRoles may list every signed contract: the roles that see
// any contract (service.Contract) and decide or sign them (R5.2, R5.3).
var SignedContractRoles = []string{string(policy.RoleMarketingDirector), string(policy.RoleCompanyApprover), session.RoleAdmin}

// SignedContractsNav reports whether the navigation offers the signed
// contracts list.
func (b Base) SignedContractsNav() bool {
	return b.User != nil && session.HasAnyRole(*b.User, SignedContractRoles...)
}

// DelegationsNav reports whether the navigation offers the delegations page.
func (b Base) DelegationsNav() bool { return b.User != nil && service.CanDelegate(*b.User) }
