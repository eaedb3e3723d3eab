package api

import "salesflow/session"

// Sign-in throttling is package session's (session/throttle.go); the
// API's Config names its rule by these names.

// LoginThrottle is the rule per account and per source (session.Throttle).
type LoginThrottle = session.Throttle

// DefaultLoginThrottle is policy's account and source rules.
func DefaultLoginThrottle() LoginThrottle { return session.DefaultThrottle() }
