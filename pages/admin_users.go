package pages

import (
	"cmp"
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"salesflow/httpx"
	"salesflow/i18n"
	"salesflow/policy"
	"salesflow/service"
	"salesflow/session"
	"salesflow/store"
)

// The admin's user pages: everyone with their roles, adding a user, and
// changing one's roles, manager and discount authority (R5.3). Both forms
// go through the API's own code (CreateUser, updateUser), so a rule holds
// on both paths.

// AdminNav reports whether the navigation offers the admin pages.
func (b pageBase) AdminNav() bool {
	return b.User != nil && policy.HasRole(b.User.Roles, policy.RoleAdmin)
}

// adminUsersPage is the data of both user pages: the list of users with
// the form to add one, or (U set) one user's edit form.
type adminUsersPage struct {
	pageBase
	userChoices
	Users []adminUserRow
	U     *store.User
	Form  userForm
}

// adminUserRow is a user as the list shows them, with the manager's name.
type adminUserRow struct {
	store.User
	ManagerName string
}

// userChoices is what the user forms offer: every role, and the active
// users who may be someone's manager.
type userChoices struct {
	RoleChoices []string
	Managers    []store.User
}

// userForm is a user form as typed.
type userForm struct {
	Key, Username, Name, Password, ManagerID, Authority string
	Roles                                               []string
	Active                                              bool
}

// Has reports whether the form has role ticked.
func (f userForm) Has(role string) bool { return slices.Contains(f.Roles, role) }

// readUserForm reads the fields both user forms share.
func readUserForm(c *gin.Context) userForm {
	roles := c.PostFormArray("roles")
	if roles == nil {
		roles = []string{} // none ticked is "no roles", which the check refuses
	}
	return userForm{Key: formKey(c), Username: strings.TrimSpace(c.PostForm("username")),
		Name: strings.TrimSpace(c.PostForm("name")), Password: c.PostForm("password"),
		ManagerID: c.PostForm("manager_id"), Authority: strings.TrimSpace(c.PostForm("discount_authority_pct")),
		Roles: roles, Active: c.PostForm("active") == "true"}
}

// authorityPct reads the discount authority as a whole percentage; blank
// is 0 (no discount of one's own). Not a number is the API's message.
func (f userForm) authorityPct() (int, error) {
	if f.Authority == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(strings.TrimSuffix(f.Authority, "%"))
	if err != nil {
		var v service.Validation
		v.Add("discount_authority_pct", "field.percent")
		return 0, v.Err()
	}
	return n, nil
}

func (p *Server) adminUsers(c *gin.Context) {
	p.showUsers(c, http.StatusOK, adminUsersPage{pageBase: p.base(c, "admin_users"), Form: userForm{Key: newFormKey()}})
}

// createUserForm is the form twin of POST /api/v1/users (service.CreateUser). The
// form's key names the new user, so a double click adds one.
func (p *Server) createUserForm(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := p.ctx(c)
	defer cancel()
	f := readUserForm(c)
	pct, err := f.authorityPct()
	in := service.UserInput{Username: f.Username, Name: f.Name, Password: f.Password, Roles: f.Roles,
		ManagerID: f.ManagerID, DiscountAuthorityPct: pct}
	if err != nil {
		err = service.JoinProblems(err, in.Check()) // every message at once, nothing stored
	} else {
		_, err = p.svc.CreateUser(ctx, u, f.Key, in)
	}
	if err != nil {
		p.userFormRefused(c, adminUsersPage{pageBase: p.base(c, "admin_users"), Form: f}, err)
		return
	}
	p.done(c, "page.admin.user_created", "/admin/users")
}

// userFormRefused shows a user form again with the problem beside its
// fields; the password typed is never echoed back into the page.
func (p *Server) userFormRefused(c *gin.Context, page adminUsersPage, err error) {
	page.Form.Password = ""
	page.Problem = p.problemFor(c, err)
	p.showUsers(c, page.Problem.Status, page)
}

// showUsers loads every user and renders the list (with each one's
// manager's name) or, when page.U is set, that user's edit form.
func (p *Server) showUsers(c *gin.Context, status int, page adminUsersPage) {
	ctx, cancel := p.ctx(c)
	defer cancel()
	users, err := p.store.ListUsers(ctx)
	if err != nil {
		p.fail(c, err)
		return
	}
	if page.U != nil {
		page.userChoices = choicesFrom(users, page.U.ID, page.Form.ManagerID)
		p.render(c, status, "admin_user", page)
		return
	}
	names := map[string]string{}
	for _, o := range users {
		names[o.ID] = o.Name
	}
	for _, o := range users {
		page.Users = append(page.Users, adminUserRow{User: o, ManagerName: names[o.ManagerID]})
	}
	page.userChoices = choicesFrom(users, "", page.Form.ManagerID)
	p.render(c, status, "admin_users", page)
}

// choicesFrom is every role and, as managers, the active users but self,
// and the one already chosen even if inactive (else saving the form would
// quietly drop them).
func choicesFrom(users []store.User, self, chosen string) userChoices {
	ch := userChoices{}
	for _, r := range policy.AllRoles {
		ch.RoleChoices = append(ch.RoleChoices, string(r))
	}
	for _, o := range users {
		if (o.Active || o.ID == chosen) && o.ID != self {
			ch.Managers = append(ch.Managers, o)
		}
	}
	slices.SortFunc(ch.Managers, func(a, b store.User) int { return cmp.Compare(a.Name, b.Name) })
	return ch
}

// adminUser shows one user's edit form filled with what is stored.
func (p *Server) adminUser(c *gin.Context) {
	target, ok := loadParam(p, c, "user", p.store.UserByID)
	if !ok {
		return
	}
	f := userForm{Key: newFormKey(), Name: target.Name, ManagerID: target.ManagerID, Roles: target.Roles,
		Authority: strconv.Itoa(target.DiscountAuthorityPct), Active: target.Active}
	p.showUsers(c, http.StatusOK, adminUsersPage{pageBase: p.base(c, "admin_users"), U: &target, Form: f})
}

// updateUserForm is the form twin of PATCH /api/v1/users/{id} (updateUser).
// Setting the same values twice changes nothing more, so a double click
// is harmless; a blank password keeps the current one.
func (p *Server) updateUserForm(c *gin.Context) {
	admin, _ := session.User(c)
	target, ok := loadParam(p, c, "user", p.store.UserByID)
	if !ok {
		return
	}
	ctx, cancel := p.ctx(c)
	defer cancel()
	f := readUserForm(c)
	pct, err := f.authorityPct()
	req := service.UserPatch{Name: &f.Name, Roles: f.Roles, ManagerID: &f.ManagerID, DiscountAuthorityPct: &pct, Active: &f.Active}
	if f.Password != "" {
		req.Password = &f.Password
	}
	if err != nil {
		err = service.JoinProblems(err, req.Check())
	} else {
		_, err = p.svc.UpdateUser(ctx, admin, target.ID, req)
	}
	if err != nil {
		p.userFormRefused(c, adminUsersPage{pageBase: p.base(c, "admin_users"), U: &target, Form: f}, err)
		return
	}
	p.done(c, "page.admin.user_saved", "/admin/users")
}

// loadParam loads what the path's :id names (what is its kind, for the
// message), answering the not-found page when there is none; false means
// the page was answered.
func loadParam[T any](p *Server, c *gin.Context, what string, load func(context.Context, string) (T, error)) (T, bool) {
	ctx, cancel := p.ctx(c)
	defer cancel()
	v, err := load(ctx, c.Param("id"))
	if err != nil {
		p.fail(c, service.NotFoundAs(err, what+" "+c.Param("id")))
		return v, false
	}
	return v, true
}

// done ends a successful form post: a flash, then back to the list.
func (p *Server) done(c *gin.Context, doneKey, path string) {
	p.setFlash(c, flash{Kind: "ok", Title: i18n.T(httpx.Lang(c), doneKey)})
	c.Redirect(http.StatusSeeOther, path)
}
