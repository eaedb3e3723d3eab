package api

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// cookieRequest sends body as a browser would with the session cookie
// alone (no Authorization header): the ambient credential a forged
// cross-site request rides on.
func cookieRequest(t *testing.T, c *apiClient, method, path, contentType, body string, headers map[string]string) response {
	t.Helper()
	req, err := http.NewRequest(method, c.base+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	res, err := c.http.Do(req) // the jar holds the cookie the sign-in set
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	out := response{t: t, code: res.StatusCode, header: res.Header, raw: raw}
	if strings.Contains(res.Header.Get("Content-Type"), "json") {
		out.body = map[string]any{}
		_ = json.Unmarshal(raw, &out.body)
	}
	return out
}

// TestAPIRefusesCrossOriginCookieWrites is issue 11 point 9: with sales1's
// cookie, a write from a foreign origin (by Origin or Sec-Fetch-Site) is
// 403 and a write that is not JSON is 415, and nothing is written; the
// same write from the site itself works, and a bearer-token client is not
// affected by the origin it names. Before the fix the cross-site text/plain
// post answered 201 and wrote the entry.
func TestAPIRefusesCrossOriginCookieWrites(t *testing.T) {
	e := newTestEnv(t)
	sales := e.as(t, "sales1")
	id := sales.newCustomer("跨站 " + randomSuffix())
	path := "/api/v1/customers/" + id + "/interactions"
	entry := `{"kind": "phone", "summary": "跨站写入"}`
	evil := map[string]string{"Origin": "http://evil.example"}
	cases := []struct {
		name        string
		contentType string
		headers     map[string]string
		want        int
		problem     string
	}{
		{"foreign origin, text/plain", "text/plain", evil, http.StatusForbidden, "/problems/cross-origin"},
		{"foreign origin, JSON", "application/json", evil, http.StatusForbidden, "/problems/cross-origin"},
		{"cross-site fetch metadata", "application/json", map[string]string{"Sec-Fetch-Site": "cross-site"}, http.StatusForbidden, "/problems/cross-origin"},
		{"no origin, text/plain", "text/plain", nil, http.StatusUnsupportedMediaType, "/problems/unsupported-media-type"},
		{"no origin, form", "application/x-www-form-urlencoded", nil, http.StatusUnsupportedMediaType, "/problems/unsupported-media-type"},
		{"no content type", "", nil, http.StatusUnsupportedMediaType, "/problems/unsupported-media-type"},
		{"same origin, JSON", "application/json", map[string]string{"Origin": e.URL, "Sec-Fetch-Site": "same-origin"}, http.StatusCreated, ""},
	}
	for _, tc := range cases {
		res := cookieRequest(t, sales, "POST", path, tc.contentType, entry, tc.headers)
		if res.code != tc.want || (tc.problem != "" && res.str("type") != tc.problem) {
			t.Errorf("%s: %d %s, want %d %s", tc.name, res.code, res.raw, tc.want, tc.problem)
		}
	}
	bearer := &apiClient{t: t, base: e.URL, token: sales.token, http: &http.Client{}}
	bearer.do("POST", path, map[string]any{"kind": "email", "summary": "令牌客户端"}, evil).status(http.StatusCreated)
	got := sales.do("GET", "/api/v1/customers/"+id, nil, nil).status(http.StatusOK)
	if n := len(got.body["interactions"].([]any)); n != 2 {
		t.Fatalf("%d interactions written, want 2 (the same-origin one and the bearer one): %s", n, got.raw)
	}
}

// TestLoginCSRFRefused: a sign-in from another origin, or one whose body is
// not declared JSON (a cross-site form can send text/plain shaped like
// JSON), does not sign anyone in. Before the fix both answered 200 and set
// the session cookie (login CSRF).
func TestLoginCSRFRefused(t *testing.T) {
	e := newTestEnv(t)
	anon := &apiClient{t: t, base: e.URL, http: &http.Client{}}
	creds := `{"username": "sales2", "password": "` + testPassword + `"}`
	res := cookieRequest(t, anon, "POST", "/api/v1/session", "application/json", creds, map[string]string{"Origin": "http://evil.example"})
	if res.code != http.StatusForbidden || res.header.Get("Set-Cookie") != "" {
		t.Fatalf("cross-origin sign-in: %d (cookie %q), want 403 and no cookie", res.code, res.header.Get("Set-Cookie"))
	}
	for _, ct := range []string{"text/plain", "application/x-www-form-urlencoded", ""} {
		res := cookieRequest(t, anon, "POST", "/api/v1/session", ct, creds, nil)
		if res.code != http.StatusUnsupportedMediaType || res.header.Get("Set-Cookie") != "" {
			t.Fatalf("sign-in as %q: %d (cookie %q), want 415 and no cookie", ct, res.code, res.header.Get("Set-Cookie"))
		}
	}
	form := url.Values{"username": {"sales2"}, "password": {testPassword}}.Encode()
	if res := cookieRequest(t, anon, "POST", "/api/v1/session", "application/x-www-form-urlencoded", form, nil); res.code != http.StatusUnsupportedMediaType {
		t.Fatalf("form sign-in to the API: %d, want 415", res.code)
	}
	cookieRequest(t, anon, "POST", "/api/v1/session", "application/json; charset=utf-8", creds, map[string]string{"Origin": e.URL}).status(http.StatusOK)
}
