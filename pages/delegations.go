package pages

import (
	"cmp"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"

	"salesflow/pages/site"
	"salesflow/policy"
	"salesflow/service"
	"salesflow/session"
	"salesflow/store"
)

// delegationsPage is the data of the delegations page: what the user gave
// and received, and (for the roles that may delegate) the form to
// authorise a colleague for a period (R5.5).
type delegationsPage struct {
	site.Base
	CanGrant   bool
	Given      delegationList
	Received   delegationList
	Colleagues []store.User
	Roles      []string // the delegable roles the user holds, one per delegation
	Key        string
	ToUserID   string
	Role       string
	StartsAt   string // datetime-local, China Standard Time
	EndsAt     string
}

// delegationList is one table of the page: given by the user, or received.
type delegationList struct {
	Given bool
	Rows  []delegationRow
}

// delegationRow is one delegation with where it stands now.
type delegationRow struct {
	store.Delegation
	State     string // active, upcoming, ended or revoked
	CanRevoke bool   // the delegator's own, not yet over
}

func (p *Server) delegations(c *gin.Context) {
	u, _ := session.User(c)
	f := delegationsPage{Base: p.Base(c, "delegations"), Key: site.NewFormKey(),
		StartsAt: time.Now().In(policy.Shanghai).Format(site.LocalMinute)}
	p.showDelegations(c, http.StatusOK, u, f)
}

// createDelegationForm is the form twin of POST /api/v1/delegations: the
// same use case (service.CreateDelegation), the times typed in
// China Standard Time. The form's key names the delegation, so a double
// click authorises once.
func (p *Server) createDelegationForm(c *gin.Context) {
	u, _ := session.User(c)
	if !service.CanDelegate(u) {
		p.Fail(c, service.ErrDelegationRole)
		return
	}
	ctx, cancel := p.Ctx(c)
	defer cancel()
	f := delegationsPage{Base: p.Base(c, "delegations"), Key: site.FormKey(c),
		ToUserID: c.PostForm("to_user_id"), Role: c.PostForm("role"), StartsAt: strings.TrimSpace(c.PostForm("starts_at")),
		EndsAt: strings.TrimSpace(c.PostForm("ends_at"))}
	var v service.Validation
	req := service.DelegationInput{ToUserID: f.ToUserID, Role: f.Role}
	for _, fl := range []struct {
		name, value string
		dst         *string
	}{{"starts_at", f.StartsAt, &req.StartsAt}, {"ends_at", f.EndsAt, &req.EndsAt}} {
		if t, ok := parseLocalMinute(fl.value); ok {
			*fl.dst = t.Format(time.RFC3339)
		} else {
			v.Add(fl.name, "page.delegations.datetime")
		}
	}
	if f.ToUserID == "" {
		v.Add("to_user_id", "field.required")
	}
	var err error
	if err = v.Err(); err != nil { // with the service's own checks, so every field's message shows at once
		err = service.JoinProblems(err, p.Svc.CheckDelegation(ctx, u, req))
	} else {
		_, err = p.Svc.CreateDelegation(ctx, u, f.Key, req) // the form's key: posted again, stored once
	}
	if err != nil {
		f.Problem = p.ProblemFor(c, err)
		p.showDelegations(c, f.Problem.Status, u, f)
		return
	}
	p.Done(c, "page.delegations.created", "/delegations")
}

// parseLocalMinute reads a datetime-local value as China Standard Time.
func parseLocalMinute(s string) (time.Time, bool) {
	for _, layout := range []string{site.LocalMinute, site.LocalMinute + ":05"} {
		if t, err := time.ParseInLocation(layout, s, policy.Shanghai); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// showDelegations loads the user's delegations and, for the form, the
// active colleagues they may authorise, and renders the page.
func (p *Server) showDelegations(c *gin.Context, status int, u store.User, f delegationsPage) {
	ctx, cancel := p.Ctx(c)
	defer cancel()
	list, err := p.Svc.Delegations(ctx, u)
	if err != nil {
		p.Fail(c, err)
		return
	}
	now := time.Now()
	f.Given.Given = true
	for _, d := range list {
		row := delegationRow{Delegation: d, State: "active"}
		switch {
		case d.RevokedAt != nil:
			row.State = "revoked"
		case now.Before(d.StartsAt):
			row.State = "upcoming"
		case !now.Before(d.EndsAt):
			row.State = "ended"
		}
		if d.FromUser == u.ID {
			row.CanRevoke = row.State == "active" || row.State == "upcoming"
			f.Given.Rows = append(f.Given.Rows, row)
		} else {
			f.Received.Rows = append(f.Received.Rows, row)
		}
	}
	for _, r := range policy.DelegableRoles {
		if policy.HasRole(u.Roles, r) {
			f.Roles = append(f.Roles, string(r))
		}
	}
	if f.CanGrant = service.CanDelegate(u); f.CanGrant {
		users, err := p.Svc.Users(ctx)
		if err != nil {
			p.Fail(c, err)
			return
		}
		for _, o := range users {
			if o.Active && o.ID != u.ID {
				f.Colleagues = append(f.Colleagues, o)
			}
		}
		slices.SortFunc(f.Colleagues, func(a, b store.User) int { return cmp.Compare(a.Name, b.Name) })
	}
	p.Render(c, status, "delegations", f)
}

// revokeDelegationForm is the form twin of POST
// /api/v1/delegations/{id}/revoke: the same use case, RevokeDelegation.
func (p *Server) revokeDelegationForm(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	if _, err := p.Svc.RevokeDelegation(ctx, u, site.FormKey(c), c.Param("id")); err != nil {
		f := delegationsPage{Base: p.Base(c, "delegations"), Key: uuid.NewString()}
		f.Problem = p.ProblemFor(c, err)
		p.showDelegations(c, f.Problem.Status, u, f)
		return
	}
	p.Done(c, "page.delegations.revoked", "/delegations")
}
