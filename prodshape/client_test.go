package prodshape

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"time"
)

// apiPool is the set of API processes clients talk to. A client starts on
// its own process and moves to the next one when a request fails in a way
// that says nothing about the request itself (no connection, a reset, a 5xx),
// repeating it with the same Idempotency-Key: what a browser retrying
// through a load balancer does when one instance dies.
type apiPool struct {
	bases   []string
	retries atomic.Int64 // requests sent again after an ambiguous failure
	// stepTimeout bounds one step's retries: long enough to outlast a
	// Temporal or PostgreSQL restart, short enough to end a wedged run.
	stepTimeout time.Duration
}

// reply is one decoded JSON answer.
type reply struct {
	Code   int
	Header http.Header
	Body   map[string]any
	Raw    []byte
	// Retried is true when the request was sent more than once, so a
	// conflict may be this client's own earlier attempt.
	Retried bool
}

func (r reply) str(key string) string {
	v, _ := r.Body[key].(string)
	return v
}

// user is one signed-in person; the bearer token works on every API
// process (sessions live in PostgreSQL).
type user struct {
	pool     *apiPool
	name     string
	token    string
	home     int // index of the API process tried first
	http     *http.Client
	password string
}

func (p *apiPool) signIn(ctx context.Context, name, password string, home int) (*user, error) {
	u := &user{pool: p, name: name, home: home % len(p.bases), password: password,
		http: &http.Client{Timeout: 60 * time.Second}}
	res, err := u.call(ctx, "POST", "/api/v1/session", map[string]string{"username": name, "password": password}, "")
	if err != nil {
		return nil, err
	}
	if res.Code != http.StatusOK {
		return nil, fmt.Errorf("sign in %s: %d %s", name, res.Code, res.Raw)
	}
	u.token = res.str("token")
	return u, nil
}

// retryable says whether a status means "the server could not do it now"
// rather than an answer about the request.
func retryable(code int) bool {
	return code == http.StatusInternalServerError || code == http.StatusBadGateway ||
		code == http.StatusServiceUnavailable || code == http.StatusGatewayTimeout
}

// call sends one request with key as its Idempotency-Key ("" for reads),
// moving between API processes until an answer that is not a failure of the
// service arrives or the step's time is up.
func (u *user) call(ctx context.Context, method, path string, body any, key string) (reply, error) {
	deadline := time.Now().Add(u.pool.stepTimeout)
	var last string
	for attempt := 0; ; attempt++ {
		base := u.pool.bases[(u.home+attempt)%len(u.pool.bases)]
		res, err := u.once(ctx, base, method, path, body, key)
		if err == nil && !retryable(res.Code) {
			res.Retried = attempt > 0
			return res, nil
		}
		if err != nil {
			last = err.Error()
		} else {
			last = fmt.Sprintf("%d %s", res.Code, truncate(res.Raw, 300))
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			return reply{}, fmt.Errorf("%s %s as %s: no answer after %d attempts in %s; last: %s",
				method, path, u.name, attempt+1, u.pool.stepTimeout, last)
		}
		u.pool.retries.Add(1)
		// Alternate at once, then back off: the other process is likely up.
		if attempt%len(u.pool.bases) == len(u.pool.bases)-1 {
			time.Sleep(min(time.Duration(attempt+1)*250*time.Millisecond, 3*time.Second))
		}
	}
}

// rawBody is a request body sent as is (a multipart upload), not as JSON.
type rawBody struct {
	contentType string
	data        []byte
}

func (u *user) once(ctx context.Context, base, method, path string, body any, key string) (reply, error) {
	var rd io.Reader
	contentType := "application/json"
	if raw, ok := body.(rawBody); ok {
		rd, contentType, body = bytes.NewReader(raw.data), raw.contentType, nil
	}
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return reply{}, err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, base+path, rd)
	if err != nil {
		return reply{}, err
	}
	req.Header.Set("Content-Type", contentType)
	if u.token != "" {
		req.Header.Set("Authorization", "Bearer "+u.token)
	}
	if key != "" {
		req.Header.Set("Idempotency-Key", key)
	}
	res, err := u.http.Do(req)
	if err != nil {
		return reply{}, err
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		return reply{}, err // a connection cut mid-answer: ambiguous, retry
	}
	out := reply{Code: res.StatusCode, Header: res.Header, Raw: raw}
	if len(raw) > 0 && strings.Contains(res.Header.Get("Content-Type"), "json") {
		if err := json.Unmarshal(raw, &out.Body); err != nil {
			return reply{}, fmt.Errorf("decode %s: %w", truncate(raw, 200), err)
		}
	}
	return out, nil
}

// want sends a request and insists on one of the statuses.
func (u *user) want(ctx context.Context, method, path string, body any, key string, codes ...int) (reply, error) {
	res, err := u.call(ctx, method, path, body, key)
	if err != nil {
		return res, err
	}
	for _, c := range codes {
		if res.Code == c {
			return res, nil
		}
	}
	return res, fmt.Errorf("%s %s as %s: status %d, want %v: %s", method, path, u.name, res.Code, codes, truncate(res.Raw, 400))
}

// get reads a resource (no key: reads are safe to repeat).
func (u *user) get(ctx context.Context, path string) (reply, error) {
	return u.want(ctx, "GET", path, nil, "", http.StatusOK)
}

func truncate(b []byte, n int) string {
	if len(b) > n {
		return string(b[:n]) + "…"
	}
	return string(b)
}
