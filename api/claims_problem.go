package api

import (
	"net/http"
	"time"

	"go.temporal.io/sdk/temporal"

	"salesflow/policy"
	"salesflow/store"
	"salesflow/workflows/payload"
)

// seesAllClaims: sales managers, the marketing director and admins see who
// holds any slot and for which customer (policy.SeesClaim, issue 13); a
// salesperson sees only that it is held or booked and until when.
func seesAllClaims(u store.User) bool { return policy.SeesClaim(actor(u), "") }

// takenProblem is the 409 of a resource line whose slot is taken: the
// line, the resource and dates, until when it is taken (absent for a
// booking) and where to join the waiting list; who holds it only for
// those who may see it.
func takenProblem(appErr *temporal.ApplicationError) *apiError {
	var t payload.ClaimTaken
	if err := appErr.Details(&t); err != nil {
		return errConflict(appErr.Message())
	}
	return claimTakenProblem(&t)
}

func claimTakenProblem(t *payload.ClaimTaken) *apiError {
	until := "—"
	if t.TakenUntil != nil {
		until = t.TakenUntil.UTC().Format(time.RFC3339)
	}
	e := problemErr(http.StatusConflict, "/problems/resource-taken", "problem.resource_taken", "detail.resource_taken",
		t.LineNo, t.ResourceID, t.StartsOn, t.EndsOn, until)
	e.Extra = map[string]any{"line": t.LineNo, "resource_id": t.ResourceID, "starts_on": t.StartsOn, "ends_on": t.EndsOn,
		"state": t.State, "waitlist": "/api/v1/resources/" + t.ResourceID + "/waitlist"}
	if t.TakenUntil != nil {
		e.Extra["taken_until"] = t.TakenUntil.UTC()
	}
	e.Private = map[string]any{"held_by": t.HolderName, "held_by_id": t.HolderID, "customer_name": t.CustomerName}
	return e
}
