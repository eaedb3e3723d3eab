package pages

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

// pageBase is what the layout needs on every page.
type pageBase struct {
	Lang    string
	User    *store.User
	Nav     navView
	Flash   *flash
	Problem *problemView
	// temporalUI is the Web UI's workflow address up to the ID, for admins
	// only; "" hides the links.
	temporalUI string
}

// TemporalLink is the Temporal Web UI's page of the workflow id, for an
// admin to follow a proposal's, contract's or contact deadline's run; ""
// for everyone else.
func (b pageBase) TemporalLink(workflowID string) string {
	if b.temporalUI == "" || workflowID == "" {
		return ""
	}
	return b.temporalUI + url.PathEscape(workflowID)
}

// navView is the navigation bar: only what the user's roles allow.
type navView struct {
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

// Err is the message for one form field, "" when it is fine.
func (b pageBase) Err(field string) string { return b.Problem.err(field) }

// base builds the layout's data and consumes the flash message, if any.
func (p *Server) base(c *gin.Context, active string) pageBase {
	b := pageBase{Lang: string(httpx.Lang(c)), Flash: p.takeFlash(c)}
	b.Nav.Active = active
	if u, ok := session.User(c); ok {
		b.User = &u
		b.Nav.Proposals = seesProposals(u)
		b.Nav.NewProposal = policy.HasRole(u.Roles, policy.RoleSalesperson)
		b.Nav.Customers = canRecordCustomers(u) || policy.HasRole(u.Roles, policy.RoleAdmin)
		b.Nav.visitLinks(u)
		b.Nav.careLinks(u)
		if n, err := p.store.UnreadNotifications(c.Request.Context(), u.ID); err == nil {
			b.Nav.Unread = n // a failed count only hides the badge
		}
		if policy.HasRole(u.Roles, policy.RoleAdmin) {
			b.temporalUI = p.cfg.TemporalUIURL + "/namespaces/" + url.PathEscape(p.cfg.TemporalNamespace) + "/workflows/"
		}
	}
	return b
}

// seesProposals: the roles whose proposal list can hold anything (their
// own, their team's, or all for review).
func seesProposals(u store.User) bool {
	for _, r := range []policy.Role{policy.RoleSalesperson, policy.RoleSalesManager, policy.RoleReviewer, policy.RoleAdmin} {
		if policy.HasRole(u.Roles, r) {
			return true
		}
	}
	return false
}

// problemView is an error as the pages show it, in the reader's language.
type problemView struct {
	Status int
	Title  string
	Detail string
	Fields map[string]string // field → message
}

// err is the message for field; safe on a nil problem.
func (pv *problemView) err(field string) string {
	if pv == nil {
		return ""
	}
	return pv.Fields[field]
}

// problemFor renders err as classify maps it, logging what is ours to fix.
func (p *Server) problemFor(c *gin.Context, err error) *problemView {
	ae := service.Classify(err)
	if httpx.StatusOf[ae.Kind] >= 500 {
		p.log.ErrorContext(c.Request.Context(), "page request failed", "method", c.Request.Method,
			"path", c.FullPath(), "error", err)
	}
	lang := httpx.Lang(c)
	pv := &problemView{Status: httpx.StatusOf[ae.Kind], Title: i18n.T(lang, ae.Title), Fields: map[string]string{}}
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

// errorPage is the data of the error page.
type errorPage struct{ pageBase }
