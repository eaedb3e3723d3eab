package policy

import (
	"testing"
	"time"
)

// TestThrottleWaits holds the documented thresholds (docs/security.md):
// five free failures, then 2 s doubling, the tenth locking for 15 min; an
// address twenty free, then 1 s doubling up to a minute, a hundred locking.
func TestThrottleWaits(t *testing.T) {
	cases := []struct {
		rule     ThrottleRule
		failures int
		want     time.Duration
	}{
		{AccountThrottle, 0, 0},
		{AccountThrottle, 4, 0},
		{AccountThrottle, 5, 2 * time.Second},
		{AccountThrottle, 6, 4 * time.Second},
		{AccountThrottle, 9, 32 * time.Second},
		{AccountThrottle, 10, 15 * time.Minute},
		{AccountThrottle, 11, 15 * time.Minute},
		{SourceThrottle, 19, 0},
		{SourceThrottle, 20, time.Second},
		{SourceThrottle, 26, time.Minute},
		{SourceThrottle, 99, time.Minute},
		{SourceThrottle, 100, 15 * time.Minute},
		{ThrottleRule{FreeFailures: 1, BaseDelay: time.Second, MaxDelay: 3 * time.Second, LockAfter: 50, LockFor: time.Hour}, 4, 3 * time.Second},
	}
	for _, c := range cases {
		if got := c.rule.Wait(c.failures); got != c.want {
			t.Errorf("%+v after %d failures: wait %v, want %v", c.rule, c.failures, got, c.want)
		}
	}
	if AccountThrottle.Locked(9) || !AccountThrottle.Locked(10) {
		t.Error("the account lock is not at the tenth failure")
	}
}
