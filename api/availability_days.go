package api

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"salesflow/policy"
	"salesflow/service"
	"salesflow/store"
)

// Availability per resource and day (GET /resources/{id}/availability, the
// page /inventory/{id}) and the search for resources free over a whole
// range (GET /availability/free), issue 13. Claims are shown as the grid
// shows them: who holds one, for which customer, proposal and contract
// only to whom policy.SeesClaim allows.

// defaultDays is how many days a resource's calendar shows when no end is
// asked for.
const defaultDays = 28

// availabilityDays checks ?from= and ?to= (YYYY-MM-DD): to not before from, at
// most store.MaxAvailabilityDays days. required: both must be given;
// otherwise from defaults to today and to to defaultDays days on.
func availabilityDays(v *validation, from, to string, required bool, today time.Time) (string, string) {
	first, last := service.DayOf(today), time.Time{}
	okF, okT := true, true
	switch {
	case from != "":
		first, okF = service.CheckDay(v, "from", from, service.BusinessDays(today))
	case required:
		v.Add("from", "field.required")
		okF = false
	}
	switch {
	case to != "":
		last, okT = service.CheckDay(v, "to", to, service.BusinessDays(today))
	case required:
		v.Add("to", "field.required")
		okT = false
	default:
		last = first.AddDate(0, 0, defaultDays-1)
	}
	if !okF || !okT {
		return "", ""
	}
	switch {
	case last.Before(first):
		v.Add("to", "field.to_before_from")
	case last.After(first.AddDate(0, 0, store.MaxAvailabilityDays-1)):
		v.Add("to", "field.days_at_most", store.MaxAvailabilityDays)
	}
	return policy.DateKey(first), policy.DateKey(last)
}

// seenClaim is c as viewer may see it: another salesperson's claim keeps
// its slot, state, dates and expiry only.
func seenClaim(viewer policy.Actor, c store.AvailabilityClaim) store.AvailabilityClaim {
	if policy.SeesClaim(viewer, c.HolderID) {
		return c
	}
	return store.AvailabilityClaim{Slot: c.Slot, State: c.State, From: c.From, To: c.To, ExpiresAt: c.ExpiresAt}
}

// resourceDays answers resource id's days from..to for viewer u.
func (s *Server) resourceDays(ctx context.Context, u store.User, id, from, to string) (store.MediaResource, []store.DayCell, error) {
	var v validation
	from, to = availabilityDays(&v, from, to, false, time.Now().In(policy.Shanghai))
	if err := v.Err(); err != nil {
		return store.MediaResource{}, nil, err
	}
	r, days, err := s.store.ResourceDays(ctx, id, from, to)
	if err != nil {
		return r, nil, service.NotFoundAs(err, "resource")
	}
	viewer := actor(u)
	for i := range days {
		for k, c := range days[i].Claims {
			days[i].Claims[k] = seenClaim(viewer, c)
		}
	}
	return r, days, nil
}

func (s *Server) getResourceDays(c *gin.Context) {
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	r, days, err := s.resourceDays(ctx, u, c.Param("id"), c.Query("from"), c.Query("to"))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, resourceDaysView{Resource: r, From: days[0].Day, To: days[len(days)-1].Day, Days: days})
}

// getFreeResources is GET /availability/free: the resources of a kind in a
// city with a face free every day from..to and on sale all along, over
// every resource (not a page of the grid), keyset-paged by code.
func (s *Server) getFreeResources(c *gin.Context) {
	var v validation
	f := store.FreeFilter{Kind: c.Query("kind"), City: strings.TrimSpace(c.Query("city")), Page: pageParams(c)}
	if f.Kind != "" && !slices.Contains(store.ResourceKinds, f.Kind) {
		v.Add("kind", "field.one_of", strings.Join(store.ResourceKinds, ", "))
	}
	f.From, f.To = availabilityDays(&v, c.Query("from"), c.Query("to"), true, time.Now().In(policy.Shanghai))
	if err := v.Err(); err != nil {
		s.fail(c, err)
		return
	}
	ctx, cancel := s.ctx(c)
	defer cancel()
	list, next, err := s.store.FreeResources(ctx, f)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, freeResourcePage{listPage: page(list, next), From: f.From, To: f.To})
}
