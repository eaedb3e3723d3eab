package api

import (
	"cmp"
	"context"
	"errors"
	"net/http"
	"regexp"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"

	"salesflow/policy"
	"salesflow/service"
	"salesflow/store"
)

var usernamePattern = regexp.MustCompile(`^[a-z0-9_.-]{2,64}$`)

type createUserRequest struct {
	Username             string   `json:"username" text:"max=64"`
	Name                 string   `json:"name" text:"max=200"`
	Password             string   `json:"password" text:"secret"`
	Roles                []string `json:"roles"`
	ManagerID            string   `json:"manager_id"`
	DiscountAuthorityPct int      `json:"discount_authority_pct"`
	// id, when set, names the new user, so the same request again (a form
	// posted twice) finds the user it made instead of a taken username.
	id string
}

func (r *createUserRequest) check() error {
	var v validation
	service.CheckText(&v, r)
	r.Username = strings.TrimSpace(r.Username)
	if !usernamePattern.MatchString(r.Username) {
		v.Add("username", "field.username")
	}
	service.CheckName(&v, "name", r.Name)
	if len(r.Password) < 8 {
		v.Add("password", "field.password")
	}
	service.CheckRoles(&v, r.Roles)
	if r.DiscountAuthorityPct < 0 || r.DiscountAuthorityPct > 100 {
		v.Add("discount_authority_pct", "field.percent")
	}
	return v.Err()
}

// CreateUser is the one way users are made (API, CLI and demo seed): it
// validates, hashes the password and stores the user.
func CreateUser(ctx context.Context, st *store.Store, req createUserRequest) (store.User, error) {
	if err := req.check(); err != nil {
		return store.User{}, err
	}
	if err := checkManager(ctx, st, req.ManagerID); err != nil {
		return store.User{}, err
	}
	hash, err := HashPassword(req.Password)
	if err != nil {
		return store.User{}, err
	}
	id := cmp.Or(req.id, uuid.NewString())
	u, err := st.CreateUser(ctx, store.User{ID: id, Username: req.Username,
		Name: strings.TrimSpace(req.Name), PasswordHash: hash, Roles: req.Roles,
		ManagerID: req.ManagerID, DiscountAuthorityPct: req.DiscountAuthorityPct})
	if errors.Is(err, store.ErrDuplicate) {
		if prior, perr := st.UserByID(ctx, id); perr == nil && prior.Username == req.Username {
			return prior, nil
		}
		return store.User{}, errDuplicateUsername
	}
	return u, err
}

var errDuplicateUsername = func() *apiError {
	e := problemErr(http.StatusConflict, "/problems/duplicate-username", "problem.duplicate", "detail.duplicate_username")
	e.Fields = []fieldErr{{Field: "username", Key: "field.username_taken"}}
	return e
}()

// checkManager refuses a manager_id that names no user ("" is none).
func checkManager(ctx context.Context, st *store.Store, managerID string) error {
	if managerID == "" {
		return nil
	}
	if _, err := st.UserByID(ctx, managerID); err != nil {
		var v validation
		v.Add("manager_id", "field.manager")
		return v.Err()
	}
	return nil
}

// NewUser is CreateUser for callers outside the package (cmd's user add and
// seed); the error is already a readable problem when input is bad.
func NewUser(ctx context.Context, st *store.Store, username, name, password string, roles []string, managerID string, authorityPct int) (store.User, error) {
	return CreateUser(ctx, st, createUserRequest{Username: username, Name: name, Password: password,
		Roles: roles, ManagerID: managerID, DiscountAuthorityPct: authorityPct})
}

func (s *Server) createUser(c *gin.Context) {
	var req createUserRequest
	if err := bindJSON(c, &req); err != nil {
		s.fail(c, err)
		return
	}
	ctx, cancel := s.ctx(c)
	defer cancel()
	u, err := CreateUser(ctx, s.store, req)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, userJSON(u))
}

func (s *Server) listUsers(c *gin.Context) {
	ctx, cancel := s.ctx(c)
	defer cancel()
	users, err := s.store.ListUsers(ctx)
	if err != nil {
		s.fail(c, err)
		return
	}
	items := make([]userView, len(users))
	for i, u := range users {
		items[i] = userJSON(u)
	}
	c.JSON(http.StatusOK, page(items, ""))
}

type patchUserRequest struct {
	Name                 *string  `json:"name" text:"max=200"`
	Roles                []string `json:"roles"`
	ManagerID            *string  `json:"manager_id"`
	DiscountAuthorityPct *int     `json:"discount_authority_pct"`
	Active               *bool    `json:"active"`
	Password             *string  `json:"password" text:"secret"`
	// Email is where notifications are mailed ("" clears it).
	Email *string `json:"email"`
}

func (r patchUserRequest) check() error {
	var v validation
	service.CheckText(&v, r)
	if r.Name != nil {
		service.CheckName(&v, "name", *r.Name)
	}
	if r.Roles != nil {
		service.CheckRoles(&v, r.Roles)
	}
	if p := r.DiscountAuthorityPct; p != nil && (*p < 0 || *p > 100) {
		v.Add("discount_authority_pct", "field.percent")
	}
	if r.Password != nil && len(*r.Password) < 8 {
		v.Add("password", "field.password")
	}
	if e := r.Email; e != nil && *e != "" && (!strings.Contains(*e, "@") || strings.ContainsAny(*e, " \t\r\n") || len(*e) > 254) {
		v.Add("email", "field.email")
	}
	return v.Err()
}

func (s *Server) patchUser(c *gin.Context) {
	var req patchUserRequest
	if err := bindJSON(c, &req); err != nil {
		s.fail(c, err)
		return
	}
	ctx, cancel := s.ctx(c)
	defer cancel()
	admin, _ := currentUser(c)
	u, err := s.updateUser(ctx, admin, c.Param("id"), req)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, userJSON(u))
}

// updateUser is PATCH /api/v1/users/{id} and the user page's edit: the
// same checks, then the change. A user cannot be their own manager, and
// an admin cannot take away their own admin role or account (the last
// admin would lock everyone out).
func (s *Server) updateUser(ctx context.Context, admin store.User, id string, req patchUserRequest) (store.User, error) {
	err := req.check()
	if id == admin.ID {
		var v validation
		if req.Roles != nil && !policy.HasRole(req.Roles, policy.RoleAdmin) {
			v.Add("roles", "field.own_admin_role")
		}
		if req.Active != nil && !*req.Active {
			v.Add("active", "field.own_account")
		}
		err = joinProblems(err, v.Err())
	}
	if req.ManagerID != nil {
		if *req.ManagerID == id {
			var v validation
			v.Add("manager_id", "field.manager_self")
			err = joinProblems(err, v.Err())
		} else {
			err = joinProblems(err, checkManager(ctx, s.store, *req.ManagerID))
		}
	}
	if err != nil {
		return store.User{}, err
	}
	patch := store.UserPatch{Name: req.Name, Roles: req.Roles, ManagerID: req.ManagerID,
		DiscountAuthorityPct: req.DiscountAuthorityPct, Active: req.Active}
	if req.Password != nil {
		hash, err := HashPassword(*req.Password)
		if err != nil {
			return store.User{}, err
		}
		patch.PasswordHash = &hash
	}
	u, err := s.store.UpdateUser(ctx, id, patch)
	if err == nil && req.Email != nil {
		err = s.store.SetUserEmail(ctx, u.ID, strings.TrimSpace(*req.Email))
	}
	return u, service.NotFoundAs(err, "user "+id)
}
