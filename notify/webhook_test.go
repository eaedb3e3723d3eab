package notify

import (
	"context"
	"crypto/hmac"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
)

// TestWebhookSigned: the receiver recomputes the HMAC-SHA256 over the
// timestamp and the body it got and finds the same signature; a non-2xx
// answer is an error to retry.
func TestWebhookSigned(t *testing.T) {
	secret := []byte("s3cret")
	var verified bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		ts, _ := strconv.ParseInt(r.Header.Get(TimestampHeader), 10, 64)
		verified = hmac.Equal([]byte(r.Header.Get(SignatureHeader)), []byte(Sign(secret, ts, body))) &&
			string(body) == `{"title":"拜访计划待审批"}`
		if r.URL.Path == "/fail" {
			w.WriteHeader(http.StatusBadGateway)
		}
	}))
	defer srv.Close()
	w := &Webhook{URL: srv.URL, Secret: secret}
	if err := w.Post(context.Background(), []byte(`{"title":"拜访计划待审批"}`)); err != nil || !verified {
		t.Fatalf("signed post: %v verified=%v", err, verified)
	}
	if Sign(secret, 1, []byte("a")) == Sign([]byte("other"), 1, []byte("a")) {
		t.Fatal("the signature depends on the secret")
	}
	bad := &Webhook{URL: srv.URL + "/fail", Secret: secret}
	if err := bad.Post(context.Background(), []byte(`{}`)); err == nil {
		t.Fatal("a 502 is an error")
	}
}
