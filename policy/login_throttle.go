package policy

import "time"

// ThrottleRule is how failed sign-ins slow the next attempt (OWASP ASVS
// V2.2.1): the first FreeFailures cost nothing, then each failure makes the
// next attempt wait BaseDelay, doubling up to MaxDelay, and from LockAfter
// failures on each one locks for LockFor. A count with no attempt for
// Forget starts again from nothing.
//
// The wait is a time before which attempts are refused, not a sleep: a
// sleeping server would hold a connection per guess and hand the attacker
// a cheap way to exhaust it.
type ThrottleRule struct {
	FreeFailures int
	BaseDelay    time.Duration
	MaxDelay     time.Duration
	LockAfter    int
	LockFor      time.Duration
	Forget       time.Duration
}

// Wait is how long after its failures-th failure the next attempt waits.
func (r ThrottleRule) Wait(failures int) time.Duration {
	switch {
	case failures >= r.LockAfter:
		return r.LockFor
	case failures < r.FreeFailures:
		return 0
	}
	wait := r.BaseDelay
	for i := r.FreeFailures; i < failures && wait < r.MaxDelay; i++ {
		wait *= 2
	}
	return min(wait, r.MaxDelay)
}

// Locked reports whether failures have reached the lock.
func (r ThrottleRule) Locked(failures int) bool { return failures >= r.LockAfter }

// AccountThrottle is the rule for one username: five slips are forgiven
// (a caps-lock morning), then 2 s, 4 s, 8 s, 16 s, 32 s, and the tenth
// failure locks for 15 minutes, so a guesser gets at most about four tries
// an hour after the first ten, well under ASVS's 100 an hour.
var AccountThrottle = ThrottleRule{FreeFailures: 5, BaseDelay: 2 * time.Second, MaxDelay: time.Minute,
	LockAfter: 10, LockFor: 15 * time.Minute, Forget: time.Hour}

// SourceThrottle is the rule for one client address, trying any names: an
// office behind one address has many people, so it is four times more
// generous, and it is what stops one address trying one password on every
// name (spraying), which the per-account rule never sees.
var SourceThrottle = ThrottleRule{FreeFailures: 20, BaseDelay: time.Second, MaxDelay: time.Minute,
	LockAfter: 100, LockFor: 15 * time.Minute, Forget: time.Hour}
