package session

import (
	"cmp"
	"context"
	"errors"
	"math"
	"net/netip"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"salesflow/policy"
	"salesflow/service"
	"salesflow/store"
)

// Sign-in throttling (issue 11 point 8, OWASP ASVS V2.2): every attempt
// is counted against the username typed and the client's address before
// the password is checked, and a success takes it back. The counts live
// in PostgreSQL, so every API process sees the same ones.

// Throttle is the rule per account (the username typed, whether or not it
// exists, so the throttle tells nobody which names do) and per source (the
// client's address).
type Throttle struct {
	Account, Source policy.ThrottleRule
}

// DefaultThrottle is policy's account and source rules.
func DefaultThrottle() Throttle {
	return Throttle{Account: policy.AccountThrottle, Source: policy.SourceThrottle}
}

// Rule is the rule a count of scope (store.ThrottleAccount, store.ThrottleSource) is held to.
func (t Throttle) Rule(scope string) policy.ThrottleRule {
	if scope == store.ThrottleSource {
		return t.Source
	}
	return t.Account
}

// throttleKeys are the two counts one attempt is held to.
func throttleKeys(username, clientIP string) []store.ThrottleKey {
	return []store.ThrottleKey{{Scope: store.ThrottleAccount, Key: accountKey(username)},
		{Scope: store.ThrottleSource, Key: sourceKey(clientIP)}}
}

// accountKey is the username as the sign-in looks it up, lower-cased (so
// "Sales1" counts against sales1) and cut to the column's length; a name
// that cannot exist is counted like one that could.
func accountKey(username string) string {
	k := strings.ToLower(strings.TrimSpace(username))
	if k == "" {
		return "-" // no username can be "-" (two characters at least)
	}
	return truncateUTF8(k, 100)
}

// sourceKey is the client's address; an IPv6 client counts by its /64,
// since one household or host usually holds the whole block.
func sourceKey(ip string) string {
	addr, err := netip.ParseAddr(ip)
	if err != nil {
		return truncateUTF8(cmp.Or(ip, "unknown"), 100)
	}
	if addr = addr.Unmap(); addr.Is6() {
		p, _ := addr.Prefix(64)
		return p.String()
	}
	return addr.String()
}

// truncateUTF8 cuts s to at most n bytes without splitting a character.
func truncateUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:n]
	for !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s
}

// throttledError is a refused attempt: the refusal, and when to retry.
type throttledError struct {
	refusal *service.Error
	wait    time.Duration
}

func (e *throttledError) Error() string { return e.refusal.Error() }
func (e *throttledError) Unwrap() error { return e.refusal }

// errThrottled says to wait, in seconds under a minute and 90 s, else in
// minutes; the same words whichever count (account or source) refused.
func errThrottled(wait time.Duration) error {
	detail, n := "detail.too_many_attempts_seconds", int(math.Ceil(wait.Seconds()))
	if wait > 90*time.Second {
		detail, n = "detail.too_many_attempts_minutes", int(math.Ceil(wait.Minutes()))
	}
	return &throttledError{wait: wait,
		refusal: service.NewError(service.KindTooMany, "too-many-attempts", "problem.too_many_attempts", detail, n)}
}

// SetRetryAfter puts a refused attempt's wait in Retry-After (whole
// seconds, at least one); other errors leave the header alone.
func SetRetryAfter(c *gin.Context, err error) {
	var te *throttledError
	if errors.As(err, &te) {
		c.Header("Retry-After", strconv.Itoa(max(1, int(math.Ceil(te.wait.Seconds())))))
	}
}

// countAttempt refuses the attempt while either count is blocked, else
// counts it as a failure in advance: a guess checked in parallel with
// others then waits for its turn instead of slipping past one check.
func (m *Manager) countAttempt(ctx context.Context, keys []store.ThrottleKey) error {
	return m.store.WithLoginThrottles(ctx, keys, func(now time.Time, counts []*store.LoginThrottle) error {
		var until time.Time
		for _, t := range counts {
			if t.BlockedUntil.After(until) {
				until = t.BlockedUntil
			}
		}
		if until.After(now) {
			return errThrottled(until.Sub(now))
		}
		for _, t := range counts {
			rule := m.cfg.Throttle.Rule(t.Scope)
			if now.Sub(t.LastAttemptAt) > rule.Forget {
				t.Failures = 0
			}
			t.Failures++
			t.LastAttemptAt = now
			t.BlockedUntil = blockedUntil(rule, t)
		}
		return nil
	})
}

// forgiveAttempt takes back the attempt a correct password made: the
// account starts again from nothing; the source only loses this attempt,
// or one good password would wipe out a spray of bad ones.
func (m *Manager) forgiveAttempt(ctx context.Context, keys []store.ThrottleKey) error {
	return m.store.WithLoginThrottles(ctx, keys, func(now time.Time, counts []*store.LoginThrottle) error {
		for _, t := range counts {
			if t.Scope == store.ThrottleAccount {
				t.Failures = 0
				continue
			}
			t.Failures = max(0, t.Failures-1)
			t.BlockedUntil = blockedUntil(m.cfg.Throttle.Source, t)
		}
		return nil
	})
}

// blockedUntil is when the attempt after t's latest may come (zero: at once).
func blockedUntil(rule policy.ThrottleRule, t *store.LoginThrottle) time.Time {
	if wait := rule.Wait(t.Failures); wait > 0 {
		return t.LastAttemptAt.Add(wait)
	}
	return time.Time{}
}
