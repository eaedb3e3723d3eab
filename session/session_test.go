package session

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"salesflow/service"
	"salesflow/store"
)

// request is a gin context over a GET carrying header (name: value) and,
// when not empty, the session cookie.
func request(header, cookie string) *gin.Context {
	c, _ := gin.CreateTestContext(httptest.NewRecorder())
	c.Request = httptest.NewRequest(http.MethodGet, "/", nil)
	if name, value, ok := strings.Cut(header, ": "); ok {
		c.Request.Header.Set(name, value)
	}
	if cookie != "" {
		c.Request.AddCookie(&http.Cookie{Name: Cookie, Value: cookie})
	}
	return c
}

// TestToken: the bearer header wins over the cookie, its scheme in any
// case; anything that NewToken cannot have made is no token at all.
func TestToken(t *testing.T) {
	made, err := NewToken()
	if err != nil || len(made) != 43 {
		t.Fatalf("NewToken() = %q, %v; want 43 base64url characters", made, err)
	}
	for _, tc := range []struct{ header, cookie, want string }{
		{"Authorization: Bearer " + made, "", made},
		{"Authorization: bearer  " + made + " ", "other", made},
		{"", made, made},
		{"Authorization: Basic dXNlcjpwdw==", made, made},
		{"Authorization: Bearer x' OR '1'='1", "", ""},
		{"", strings.Repeat("a", 101), ""},
		{"", "", ""},
	} {
		if got := Token(request(tc.header, tc.cookie)); got != tc.want {
			t.Errorf("Token(%q, cookie %q) = %q, want %q", tc.header, tc.cookie, got, tc.want)
		}
	}
}

// TestRequire: an anonymous request is refused as unauthenticated, a user
// without the role as forbidden naming the roles, and only a holder of one
// of them goes on.
func TestRequire(t *testing.T) {
	sales := store.User{ID: "u-1", Roles: []string{RoleSalesperson}}
	for _, tc := range []struct {
		name    string
		user    *store.User
		handler func(Fail) gin.HandlerFunc
		kind    service.Kind // 0 (KindInternal): let through
	}{
		{"anonymous, any user", nil, RequireUser, service.KindUnauthenticated},
		{"signed in, any user", &sales, RequireUser, 0},
		{"anonymous, admin", nil, func(f Fail) gin.HandlerFunc { return RequireRole(f, RoleAdmin) }, service.KindForbidden},
		{"salesperson, admin", &sales, func(f Fail) gin.HandlerFunc { return RequireRole(f, RoleAdmin, RoleReviewer) }, service.KindForbidden},
		{"salesperson, salesperson or admin", &sales, func(f Fail) gin.HandlerFunc { return RequireRole(f, RoleAdmin, RoleSalesperson) }, 0},
	} {
		c := request("", "")
		if tc.user != nil {
			c.Set(userKey, *tc.user)
		}
		var refused error
		tc.handler(func(_ *gin.Context, err error) { refused = err })(c)
		var se *service.Error
		switch {
		case tc.kind == 0 && refused != nil:
			t.Errorf("%s: refused: %v", tc.name, refused)
		case tc.kind != 0 && (!errors.As(refused, &se) || se.Kind != tc.kind):
			t.Errorf("%s: refused with %v, want kind %d", tc.name, refused, tc.kind)
		}
	}
	if got := ErrRole(RoleAdmin, RoleReviewer).Args; len(got) != 1 || got[0] != "admin, reviewer" {
		t.Errorf("ErrRole names the roles as %v", got)
	}
}
