package notify

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// Webhook posts notifications as JSON to a URL (for example a relay to a
// WeCom, DingTalk or Feishu group bot), signed so the receiver can check
// they came from Salesflow.
type Webhook struct {
	URL    string
	Secret []byte
	Client *http.Client
}

// SignatureHeader carries "sha256=" + hex(HMAC-SHA256(secret, timestamp +
// "." + body)); TimestampHeader the Unix seconds signed, so a receiver can
// refuse replays.
const (
	SignatureHeader = "X-Salesflow-Signature"
	TimestampHeader = "X-Salesflow-Timestamp"
)

// Sign returns the signature of body sent at ts.
func Sign(secret []byte, ts int64, body []byte) string {
	mac := hmac.New(sha256.New, secret)
	fmt.Fprintf(mac, "%d.", ts)
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// Post sends body; any answer but 2xx is an error, so the activity retries.
func (w *Webhook) Post(ctx context.Context, body []byte) error {
	ts := time.Now().Unix()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.URL, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	req.Header.Set(TimestampHeader, strconv.FormatInt(ts, 10))
	req.Header.Set(SignatureHeader, Sign(w.Secret, ts, body))
	client := w.Client
	if client == nil {
		client = &http.Client{Timeout: 20 * time.Second}
	}
	res, err := client.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode/100 != 2 {
		return fmt.Errorf("webhook answered %s", res.Status)
	}
	return nil
}
