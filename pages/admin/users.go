package admin

import (
	"cmp"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"salesflow/pages/site"
	"salesflow/policy"
	"salesflow/service"
	"salesflow/session"
	"salesflow/store"
)

// The admin's user pages: everyone with their roles, adding a user, and
// changing one's roles, manager and discount authority (R5.3). Both forms
// go through the API's own code (CreateUser, updateUser), so a rule holds
// on both paths.

// adminUsersPage is the data of both user pages: the list of users with
// the form to add one, or (U set) one user's edit form.
type adminUsersPage struct {
	site.Base
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
	return userForm{Key: site.FormKey(c), Username: strings.TrimSpace(c.PostForm("username")),
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
	p.showUsers(c, http.StatusOK, adminUsersPage{Base: p.Base(c, "admin_users"), Form: userForm{Key: site.NewFormKey()}})
}

// createUserForm is the form twin of POST /api/v1/users (service.CreateUser). The
// form's key names the new user, so a double click adds one.
func (p *Server) createUserForm(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	f := readUserForm(c)
	pct, err := f.authorityPct()
	in := service.UserInput{Username: f.Username, Name: f.Name, Password: f.Password, Roles: f.Roles,
		ManagerID: f.ManagerID, DiscountAuthorityPct: pct}
	if err != nil {
		err = service.JoinProblems(err, in.Check()) // every message at once, nothing stored
	} else {
		_, err = p.Svc.CreateUser(ctx, u, f.Key, in)
	}
	if err != nil {
		p.userFormRefused(c, adminUsersPage{Base: p.Base(c, "admin_users"), Form: f}, err)
		return
	}
	p.Done(c, "page.admin.user_created", "/admin/users")
}

// userFormRefused shows a user form again with the problem beside its
// fields; the password typed is never echoed back into the page.
func (p *Server) userFormRefused(c *gin.Context, page adminUsersPage, err error) {
	page.Form.Password = ""
	page.Problem = p.ProblemFor(c, err)
	p.showUsers(c, page.Problem.Status, page)
}

// showUsers loads every user and renders the list (with each one's
// manager's name) or, when page.U is set, that user's edit form.
func (p *Server) showUsers(c *gin.Context, status int, page adminUsersPage) {
	ctx, cancel := p.Ctx(c)
	defer cancel()
	users, err := p.Svc.Users(ctx)
	if err != nil {
		p.Fail(c, err)
		return
	}
	if page.U != nil {
		page.userChoices = choicesFrom(users, page.U.ID, page.Form.ManagerID)
		p.Render(c, status, "admin_user", page)
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
	p.Render(c, status, "admin_users", page)
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
	target, ok := site.LoadParam(p.Site, c, "user", p.Svc.User)
	if !ok {
		return
	}
	f := userForm{Key: site.NewFormKey(), Name: target.Name, ManagerID: target.ManagerID, Roles: target.Roles,
		Authority: strconv.Itoa(target.DiscountAuthorityPct), Active: target.Active}
	p.showUsers(c, http.StatusOK, adminUsersPage{Base: p.Base(c, "admin_users"), U: &target, Form: f})
}

// updateUserForm is the form twin of PATCH /api/v1/users/{id} (updateUser).
// Setting the same values twice changes nothing more, so a double click
// is harmless; a blank password keeps the current one.
func (p *Server) updateUserForm(c *gin.Context) {
	admin, _ := session.User(c)
	target, ok := site.LoadParam(p.Site, c, "user", p.Svc.User)
	if !ok {
		return
	}
	ctx, cancel := p.Ctx(c)
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
		_, err = p.Svc.UpdateUser(ctx, admin, target.ID, req)
	}
	if err != nil {
		p.userFormRefused(c, adminUsersPage{Base: p.Base(c, "admin_users"), U: &target, Form: f}, err)
		return
	}
	p.Done(c, "page.admin.user_saved", "/admin/users")
}
