package service

import (
	"context"
	"errors"
	"regexp"
	"strings"

	"github.com/alexedwards/argon2id"

	"salesflow/policy"
	"salesflow/store"
)

// The people of the system: admins create them, give them roles, a
// manager and a discount authority (R5.2), and take accounts away.

var usernamePattern = regexp.MustCompile(`^[a-z0-9_.-]{2,64}$`)

// UserInput is a new user.
type UserInput struct {
	Username             string   `json:"username" text:"max=64"`
	Name                 string   `json:"name" text:"max=200"`
	Password             string   `json:"password" text:"secret"`
	Roles                []string `json:"roles"`
	ManagerID            string   `json:"manager_id"`
	DiscountAuthorityPct int      `json:"discount_authority_pct"`
}

// Check refuses a username outside [a-z0-9_.-]{2,64}, a missing name, a
// password under 8 characters, an unknown role, an authority outside
// 0–100 %. The username is trimmed.
func (in *UserInput) Check() error {
	var v Validation
	CheckText(&v, in)
	in.Username = strings.TrimSpace(in.Username)
	if !usernamePattern.MatchString(in.Username) {
		v.Add("username", "field.username")
	}
	CheckName(&v, "name", in.Name)
	if len(in.Password) < 8 {
		v.Add("password", "field.password")
	}
	CheckRoles(&v, in.Roles)
	if in.DiscountAuthorityPct < 0 || in.DiscountAuthorityPct > 100 {
		v.Add("discount_authority_pct", "field.percent")
	}
	return v.Err()
}

// ErrDuplicateUsername: another user has the username.
var ErrDuplicateUsername = NewError(KindConflict, "duplicate-username", "problem.duplicate", "detail.duplicate_username").
	WithField("username", "field.username_taken")

// HashPassword returns the argon2id hash stored for a password.
func HashPassword(password string) (string, error) {
	return argon2id.CreateHash(password, argon2id.DefaultParams)
}

// CreateUser is the one way users are made (API, pages, the command line
// and the demo seed): it validates, hashes the password and stores the
// user. With a key, the same create again finds the user it made instead
// of a taken username.
func (s *Service) CreateUser(ctx context.Context, actor store.User, key string, in UserInput) (store.User, error) {
	if err := in.Check(); err != nil {
		return store.User{}, err
	}
	if err := s.checkManager(ctx, in.ManagerID); err != nil {
		return store.User{}, err
	}
	hash, err := HashPassword(in.Password)
	if err != nil {
		return store.User{}, err
	}
	id := newID("user", actor.ID, key)
	u, err := s.store.CreateUser(ctx, store.User{ID: id, Username: in.Username,
		Name: strings.TrimSpace(in.Name), PasswordHash: hash, Roles: in.Roles,
		ManagerID: in.ManagerID, DiscountAuthorityPct: in.DiscountAuthorityPct})
	if errors.Is(err, store.ErrDuplicate) {
		if prior, perr := s.store.UserByID(ctx, id); perr == nil && prior.Username == in.Username {
			return prior, nil
		}
		return store.User{}, ErrDuplicateUsername
	}
	return u, err
}

// checkManager refuses a manager_id that names no user ("" is none).
func (s *Service) checkManager(ctx context.Context, managerID string) error {
	if managerID == "" {
		return nil
	}
	if _, err := s.store.UserByID(ctx, managerID); err != nil {
		var v Validation
		v.Add("manager_id", "field.manager")
		return v.Err()
	}
	return nil
}

// UserPatch changes a user; nil keeps a value.
type UserPatch struct {
	Name                 *string  `json:"name" text:"max=200"`
	Roles                []string `json:"roles"`
	ManagerID            *string  `json:"manager_id"`
	DiscountAuthorityPct *int     `json:"discount_authority_pct"`
	Active               *bool    `json:"active"`
	Password             *string  `json:"password" text:"secret"`
	// Email is where notifications are mailed ("" clears it).
	Email *string `json:"email"`
}

// Check refuses what UserInput.Check refuses of the fields given, and an
// email address that is not one.
func (in UserPatch) Check() error {
	var v Validation
	CheckText(&v, in)
	if in.Name != nil {
		CheckName(&v, "name", *in.Name)
	}
	if in.Roles != nil {
		CheckRoles(&v, in.Roles)
	}
	if p := in.DiscountAuthorityPct; p != nil && (*p < 0 || *p > 100) {
		v.Add("discount_authority_pct", "field.percent")
	}
	if in.Password != nil && len(*in.Password) < 8 {
		v.Add("password", "field.password")
	}
	if e := in.Email; e != nil && *e != "" && (!strings.Contains(*e, "@") || strings.ContainsAny(*e, " \t\r\n") || len(*e) > 254) {
		v.Add("email", "field.email")
	}
	return v.Err()
}

// UpdateUser applies in to user id, as admin. A user cannot be their own
// manager, and an admin cannot take away their own admin role or account
// (the last admin would lock everyone out). Every refusal is named at once.
func (s *Service) UpdateUser(ctx context.Context, admin store.User, id string, in UserPatch) (store.User, error) {
	var v Validation
	if err := in.Check(); err != nil && !v.Join(err) {
		return store.User{}, err
	}
	if id == admin.ID {
		if in.Roles != nil && !policy.HasRole(in.Roles, policy.RoleAdmin) {
			v.Add("roles", "field.own_admin_role")
		}
		if in.Active != nil && !*in.Active {
			v.Add("active", "field.own_account")
		}
	}
	if in.ManagerID != nil {
		if *in.ManagerID == id {
			v.Add("manager_id", "field.manager_self")
		} else if err := s.checkManager(ctx, *in.ManagerID); err != nil && !v.Join(err) {
			return store.User{}, err
		}
	}
	if err := v.Err(); err != nil {
		return store.User{}, err
	}
	patch := store.UserPatch{Name: in.Name, Roles: in.Roles, ManagerID: in.ManagerID,
		DiscountAuthorityPct: in.DiscountAuthorityPct, Active: in.Active}
	if in.Password != nil {
		hash, err := HashPassword(*in.Password)
		if err != nil {
			return store.User{}, err
		}
		patch.PasswordHash = &hash
	}
	u, err := s.store.UpdateUser(ctx, id, patch)
	if err == nil && in.Email != nil {
		err = s.store.SetUserEmail(ctx, u.ID, strings.TrimSpace(*in.Email))
	}
	return u, NotFoundAs(err, "user "+id)
}

// Users is everyone, for the admin's and the sales managers' lists.
func (s *Service) Users(ctx context.Context) ([]store.User, error) {
	return s.store.ListUsers(ctx)
}

// User is user id, for the admin's edit form and a contract owner's
// discount authority (R5.3).
func (s *Service) User(ctx context.Context, id string) (store.User, error) {
	u, err := s.store.UserByID(ctx, id)
	return u, NotFoundAs(err, "user "+id)
}
