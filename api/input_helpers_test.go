package api

import (
	"strings"
	"testing"
)

// send sends body exactly as given (do encodes it first), so a test can
// also send what a careless or hostile client sends.
func (c *apiClient) send(method, path string, body []byte, headers map[string]string) response {
	c.t.Helper()
	return c.sendAs(method, path, "application/json", body, headers)
}

// fieldMessage is the message errors[] gives field, "" when none.
func fieldMessage(r response, field string) string {
	errs, _ := r.body["errors"].([]any)
	for _, e := range errs {
		m := e.(map[string]any)
		if m["field"] == field {
			s, _ := m["message"].(string)
			return s
		}
	}
	return ""
}

// wantRefused checks a refusal: the status, the problem type, and (when
// field is not "-") a message on field containing want (when given).
func wantRefused(t *testing.T, r response, status int, typ, field, want string) {
	t.Helper()
	if r.code != status || r.str("type") != typ {
		t.Fatalf("got %d %s, want %d %s: %s", r.code, r.str("type"), status, typ, r.raw)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/problem+json; charset=utf-8" {
		t.Fatalf("content type %q: %s", ct, r.raw)
	}
	if field == "-" {
		return
	}
	msg := fieldMessage(r, field)
	if msg == "" || !strings.Contains(msg, want) {
		t.Fatalf("want errors[] naming %q with %q: %s", field, want, r.raw)
	}
}

// english is c answering in English, for messages a test reads.
func english(c *apiClient) *apiClient {
	e := *c
	e.lang = "en"
	return &e
}
