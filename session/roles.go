package session

import (
	"strings"

	"github.com/gin-gonic/gin"

	"salesflow/policy"
	"salesflow/service"
	"salesflow/store"
)

// Fail answers a refused request and stops its chain: the API's
// problem+json, a page's sign-in redirect or error page.
type Fail func(c *gin.Context, err error)

// ErrUnauthenticated refuses a request nobody is signed in to.
var ErrUnauthenticated = service.NewError(service.KindUnauthenticated, "unauthenticated", "problem.unauthenticated", "detail.unauthenticated")

// ErrRole refuses a user who holds none of roles.
func ErrRole(roles ...string) *service.Error {
	return service.NewError(service.KindForbidden, "forbidden", "problem.forbidden", "detail.forbidden_role", strings.Join(roles, ", "))
}

// HasAnyRole is whether u holds one of roles.
func HasAnyRole(u store.User, roles ...string) bool {
	for _, r := range roles {
		if policy.HasRole(u.Roles, policy.Role(r)) {
			return true
		}
	}
	return false
}

// RequireUser lets a signed-in request through; fail answers any other
// with ErrUnauthenticated.
func RequireUser(fail Fail) gin.HandlerFunc {
	return func(c *gin.Context) {
		if _, ok := User(c); !ok {
			fail(c, ErrUnauthenticated)
			return
		}
		c.Next()
	}
}

// RequireRole lets the request through when its user holds any of roles;
// fail answers any other with ErrRole.
func RequireRole(fail Fail, roles ...string) gin.HandlerFunc {
	return func(c *gin.Context) {
		if u, _ := User(c); HasAnyRole(u, roles...) {
			c.Next()
			return
		}
		fail(c, ErrRole(roles...))
	}
}
