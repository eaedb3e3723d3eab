package api

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
)

// newPerson has the admin create a salesperson of this test alone (the
// tests here change passwords) and returns the username.
func (e *testEnv) newPerson(t *testing.T, admin *apiClient) (string, string) {
	t.Helper()
	username := "s" + randomSuffix()
	res := admin.do("POST", "/api/v1/users", map[string]any{"username": username, "name": "会话 " + username,
		"password": testPassword, "roles": []string{"salesperson"}}, nil).status(http.StatusCreated)
	return username, res.str("id")
}

// signInAs signs username in with password and a user agent of its own.
func (e *testEnv) signInAs(t *testing.T, username, password, agent string) *apiClient {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &apiClient{t: t, base: e.URL, http: &http.Client{Jar: jar}}
	res := c.do("POST", "/api/v1/session", map[string]string{"username": username, "password": password},
		map[string]string{"User-Agent": agent})
	c.token = res.status(http.StatusOK).str("token")
	return c
}

// TestPasswordChangeAndReactivationEndSessions is issue 11 point 10: a
// token issued before an admin set a new password no longer works, nor
// does one issued before a deactivation once the user is active again.
// Before the fix both still answered 200 on GET /me.
func TestPasswordChangeAndReactivationEndSessions(t *testing.T) {
	e := newTestEnv(t)
	admin := e.as(t, "admin")
	username, id := e.newPerson(t, admin)
	phone, laptop := e.signInAs(t, username, testPassword, "phone"), e.signInAs(t, username, testPassword, "laptop")
	admin.do("PATCH", "/api/v1/users/"+id, map[string]any{"password": "a-new-password-2"}, nil).status(http.StatusOK)
	for _, c := range []*apiClient{phone, laptop} {
		c.do("GET", "/api/v1/me", nil, nil).status(http.StatusUnauthorized)
	}
	later := e.signInAs(t, username, "a-new-password-2", "phone")
	admin.do("PATCH", "/api/v1/users/"+id, map[string]any{"active": false}, nil).status(http.StatusOK)
	admin.do("PATCH", "/api/v1/users/"+id, map[string]any{"active": true}, nil).status(http.StatusOK)
	later.do("GET", "/api/v1/me", nil, nil).status(http.StatusUnauthorized)
	e.signInAs(t, username, "a-new-password-2", "phone").do("GET", "/api/v1/me", nil, nil).status(http.StatusOK)
	// A change of name only leaves sessions alone.
	kept := e.signInAs(t, username, "a-new-password-2", "phone")
	admin.do("PATCH", "/api/v1/users/"+id, map[string]any{"name": "改名"}, nil).status(http.StatusOK)
	kept.do("GET", "/api/v1/me", nil, nil).status(http.StatusOK)
}

// TestOwnSessionsListedAndEnded: a user sees their own sessions (when made
// and last used, address, user agent, which one is this) and ends one; the
// ended token stops working, the others go on; nobody can end another's
// session; changing one's own password ends every earlier session and
// answers a fresh one. Before the fix the routes did not exist (404).
func TestOwnSessionsListedAndEnded(t *testing.T) {
	e := newTestEnv(t)
	admin := e.as(t, "admin")
	username, _ := e.newPerson(t, admin)
	phone, laptop := e.signInAs(t, username, testPassword, "phone-browser/1.0"), e.signInAs(t, username, testPassword, "laptop-browser/2.0")
	list := laptop.do("GET", "/api/v1/me/sessions", nil, nil).status(http.StatusOK)
	items := list.body["items"].([]any)
	if len(items) != 2 {
		t.Fatalf("%d sessions listed, want 2: %s", len(items), list.raw)
	}
	var phoneID string
	for _, it := range items {
		s := it.(map[string]any)
		if s["created_at"] == nil || s["last_used_at"] == nil || s["client_ip"] != "127.0.0.1" || s["id"] == "" {
			t.Fatalf("session lacks its facts: %v", s)
		}
		switch s["user_agent"] {
		case "phone-browser/1.0":
			phoneID = s["id"].(string)
			if s["current"] != false {
				t.Fatalf("the phone's session is marked current on the laptop: %v", s)
			}
		case "laptop-browser/2.0":
			if s["current"] != true {
				t.Fatalf("the laptop's own session is not marked current: %v", s)
			}
		}
	}
	if strings.Contains(string(list.raw), phone.token) || strings.Contains(string(list.raw), "token") {
		t.Fatalf("the list gives tokens away: %s", list.raw)
	}
	e.as(t, "sales2").do("DELETE", "/api/v1/me/sessions/"+phoneID, nil, nil).status(http.StatusNotFound)
	phone.do("GET", "/api/v1/me", nil, nil).status(http.StatusOK)
	laptop.do("DELETE", "/api/v1/me/sessions/"+phoneID, nil, nil).status(http.StatusNoContent)
	phone.do("GET", "/api/v1/me", nil, nil).status(http.StatusUnauthorized)
	laptop.do("GET", "/api/v1/me", nil, nil).status(http.StatusOK)

	tablet := e.signInAs(t, username, testPassword, "tablet")
	laptop.do("PUT", "/api/v1/me/password", map[string]any{"current_password": "wrong-one", "new_password": "mine-now-123"}, nil).
		status(http.StatusUnprocessableEntity)
	res := laptop.do("PUT", "/api/v1/me/password", map[string]any{"current_password": testPassword, "new_password": "mine-now-123"}, nil).
		status(http.StatusOK)
	tablet.do("GET", "/api/v1/me", nil, nil).status(http.StatusUnauthorized)
	laptop.do("GET", "/api/v1/me", nil, nil).status(http.StatusUnauthorized) // its old token too
	laptop.token = res.str("token")
	laptop.do("GET", "/api/v1/me", nil, nil).status(http.StatusOK)
	if n := len(laptop.do("GET", "/api/v1/me/sessions", nil, nil).status(http.StatusOK).body["items"].([]any)); n != 1 {
		t.Fatalf("%d sessions after the password change, want the new one alone", n)
	}
}

// TestSessionsPage: the page under the user's menu lists the sessions and
// ends one with a form, and changes the password, which ends the others
// and keeps this browser signed in. Before the fix /account/sessions was
// 404.
func TestSessionsPage(t *testing.T) {
	e := newTestEnv(t)
	username, _ := e.newPerson(t, e.as(t, "admin"))
	other := e.signInAs(t, username, testPassword, "other-device/3.0")
	b := e.pageBrowser(t)
	b.signIn(username)
	html := b.page("/account/sessions", "other-device/3.0", "当前会话", `href="/account/sessions"`)
	row := strings.Index(html, "other-device/3.0")
	i := strings.Index(html[row:], `action="/account/sessions/`) + row
	if i < row {
		t.Fatalf("no form to end a session:\n%s", html)
	}
	action := html[i+len(`action="`):]
	action = action[:strings.Index(action, `"`)]
	code, loc, _ := b.send("POST", action, url.Values{}, nil)
	if code != http.StatusSeeOther || loc != "/account/sessions" {
		t.Fatalf("end a session: %d %q", code, loc)
	}
	other.do("GET", "/api/v1/me", nil, nil).status(http.StatusUnauthorized)
	b.page("/account/sessions", "当前会话")

	third := e.signInAs(t, username, testPassword, "third-device")
	code, _, html = b.send("POST", "/account/password", url.Values{"current_password": {"nope"}, "new_password": {"page-password-9"}}, nil)
	if code != http.StatusUnprocessableEntity || !strings.Contains(html, "当前密码不正确") {
		t.Fatalf("wrong current password on the page: %d", code)
	}
	code, loc, _ = b.send("POST", "/account/password", url.Values{"current_password": {testPassword}, "new_password": {"page-password-9"}}, nil)
	if code != http.StatusSeeOther || loc != "/account/sessions" {
		t.Fatalf("change password on the page: %d %q", code, loc)
	}
	third.do("GET", "/api/v1/me", nil, nil).status(http.StatusUnauthorized)
	b.page("/account/sessions", "密码已修改", "当前会话") // this browser was signed in again
}

// TestAPIResponseHeaders is issue 11 point 11: JSON answers, problems and
// the contract PDF carry nosniff and no-store. Before the fix none did.
func TestAPIResponseHeaders(t *testing.T) {
	e := newTestEnv(t)
	sales := e.as(t, "sales1")
	id := e.acceptedContract(sales, 90_000)
	check := func(what string, h http.Header) {
		t.Helper()
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Cache-Control") != "no-store" {
			t.Errorf("%s: X-Content-Type-Options %q, Cache-Control %q", what, h.Get("X-Content-Type-Options"), h.Get("Cache-Control"))
		}
	}
	check("GET /me", sales.do("GET", "/api/v1/me", nil, nil).status(http.StatusOK).header)
	check("a 404 problem", sales.do("GET", "/api/v1/proposals/nope", nil, nil).header)
	check("sign-in", tryLogin(t, e.URL, "sales2", testPassword, nil).header)
	check("openapi", sales.do("GET", "/api/openapi.json", nil, nil).header)
	req, _ := http.NewRequest("GET", e.URL+"/api/v1/contracts/"+id+"/document", nil)
	req.Header.Set("Authorization", "Bearer "+sales.token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("document: %d", res.StatusCode)
	}
	check("contract PDF", res.Header)
}
