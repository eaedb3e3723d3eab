package api

import (
	"salesflow/policy"
	"salesflow/service"
	"salesflow/store"
)

// seesAllClaims: sales managers, the marketing director and admins see who
// holds any slot and for which customer (policy.SeesClaim, issue 13); a
// salesperson sees only that it is held or booked and until when.
func seesAllClaims(u store.User) bool { return policy.SeesClaim(service.Actor(u), "") }
