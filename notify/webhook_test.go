package notify

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"
)

// receiverSignature is how the README tells a receiver to check a post,
// written out here rather than calling Sign, so a change of algorithm or of
// what is signed fails the test: "sha256=" + hex(HMAC-SHA256(secret,
// timestamp + "." + body)).
func receiverSignature(secret []byte, ts int64, body []byte) string {
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(strconv.FormatInt(ts, 10) + "." + string(body)))
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// TestWebhookSigned: the receiver recomputes the HMAC-SHA256 over the
// timestamp and the body it got and finds the same signature; a non-2xx
// answer is an error to retry.
func TestWebhookSigned(t *testing.T) {
	secret := []byte("s3cret")
	var verified bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		ts, _ := strconv.ParseInt(r.Header.Get(TimestampHeader), 10, 64)
		verified = hmac.Equal([]byte(r.Header.Get(SignatureHeader)), []byte(receiverSignature(secret, ts, body))) &&
			string(body) == `{"title":"拜访计划待审批"}` && time.Since(time.Unix(ts, 0)).Abs() < time.Minute
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
