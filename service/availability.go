package service

import (
	"context"
	"slices"
	"strings"
	"time"

	"salesflow/policy"
	"salesflow/store"
)

// Availability (issue 13): a page of resources × weeks, each week free,
// partly free, held, booked or not on sale; a resource's days; the search
// for resources free over a whole range. Who holds a claim, for which
// customer, proposal and contract, is shown only to whom policy.SeesClaim
// allows; any other salesperson sees "held until …" or "booked" and
// nothing more.

// AvailabilityQuery is the grid's filter (GET /api/v1/availability and
// /inventory): kind, city, the dates from and to (YYYY-MM-DD), the page.
type AvailabilityQuery struct {
	Kind, City, From, To string
	Page                 store.Page
}

// defaultWeeks is how many weeks a grid shows when no end is asked for.
const defaultWeeks = 12

// defaultDays is how many days a resource's calendar shows when no end is
// asked for.
const defaultDays = 28

// filter checks q and turns it into the store's filter: From defaults to
// this week's Monday, To to defaultWeeks weeks on; the weeks run from From
// to the week holding To, at most store.MaxAvailabilityWeeks.
func (q AvailabilityQuery) filter(today time.Time) (store.AvailabilityFilter, error) {
	var v Validation
	f := store.AvailabilityFilter{Kind: q.Kind, City: strings.TrimSpace(q.City), Page: q.Page}
	CheckKind(&v, f.Kind)
	from := DayOf(today).AddDate(0, 0, -((int(today.Weekday()) + 6) % 7))
	if q.From != "" {
		var ok bool
		if from, ok = CheckDay(&v, "from", q.From, BusinessDays(today)); !ok {
			return f, v.Err()
		}
	}
	to := from.AddDate(0, 0, 7*defaultWeeks-1)
	if q.To != "" {
		var ok bool
		if to, ok = CheckDay(&v, "to", q.To, BusinessDays(today)); !ok {
			return f, v.Err()
		}
	}
	days := int(to.Sub(from).Hours()/24+0.5) + 1
	switch {
	case days < 1:
		v.Add("to", "field.ends_before_starts")
	case (days+6)/7 > store.MaxAvailabilityWeeks:
		v.Add("to", "field.weeks_at_most", store.MaxAvailabilityWeeks)
	}
	f.From, f.Weeks = policy.DateKey(from), (days+6)/7
	return f, v.Err()
}

// CheckKind refuses a resource kind filter that names no kind ("" is no
// filter).
func CheckKind(v *Validation, kind string) {
	if kind != "" && !slices.Contains(store.ResourceKinds, kind) {
		v.Add("kind", "field.one_of", strings.Join(store.ResourceKinds, ", "))
	}
}

// Availability answers the grid for actor, claims shown as they may see
// them.
func (s *Service) Availability(ctx context.Context, actor store.User, q AvailabilityQuery) ([]store.ResourceWeeks, string, error) {
	f, err := q.filter(time.Now().In(policy.Shanghai))
	if err != nil {
		return nil, "", err
	}
	rows, next, err := s.store.Availability(ctx, f)
	if err != nil {
		return nil, "", err
	}
	viewer := Actor(actor)
	for i := range rows {
		for w := range rows[i].Weeks {
			for k, c := range rows[i].Weeks[w].Claims {
				rows[i].Weeks[w].Claims[k] = seenClaim(viewer, c)
			}
		}
	}
	return rows, next, nil
}

// availabilityDays checks from and to (YYYY-MM-DD): to not before from, at
// most store.MaxAvailabilityDays days. required: both must be given;
// otherwise from defaults to today and to to defaultDays days on.
func availabilityDays(v *Validation, from, to string, required bool, today time.Time) (string, string) {
	first, last := DayOf(today), time.Time{}
	okF, okT := true, true
	switch {
	case from != "":
		first, okF = CheckDay(v, "from", from, BusinessDays(today))
	case required:
		v.Add("from", "field.required")
		okF = false
	}
	switch {
	case to != "":
		last, okT = CheckDay(v, "to", to, BusinessDays(today))
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

// ResourceDays answers resource id's days from..to for actor.
func (s *Service) ResourceDays(ctx context.Context, actor store.User, id, from, to string) (store.MediaResource, []store.DayCell, error) {
	var v Validation
	from, to = availabilityDays(&v, from, to, false, time.Now().In(policy.Shanghai))
	if err := v.Err(); err != nil {
		return store.MediaResource{}, nil, err
	}
	r, days, err := s.store.ResourceDays(ctx, id, from, to)
	if err != nil {
		return r, nil, NotFoundAs(err, "resource")
	}
	viewer := Actor(actor)
	for i := range days {
		for k, c := range days[i].Claims {
			days[i].Claims[k] = seenClaim(viewer, c)
		}
	}
	return r, days, nil
}

// FreeQuery is the search for resources free over a whole range.
type FreeQuery struct {
	Kind, City, From, To string
	Page                 store.Page
}

// FreeResources are the resources of a kind in a city with a face free
// every day from..to and on sale all along, over every resource (not a
// page of the grid), keyset-paged by code; the range is answered with
// them, as checked.
func (s *Service) FreeResources(ctx context.Context, q FreeQuery) ([]store.FreeResource, store.FreeFilter, string, error) {
	var v Validation
	f := store.FreeFilter{Kind: q.Kind, City: strings.TrimSpace(q.City), Page: q.Page}
	CheckKind(&v, f.Kind)
	f.From, f.To = availabilityDays(&v, q.From, q.To, true, time.Now().In(policy.Shanghai))
	if err := v.Err(); err != nil {
		return nil, f, "", err
	}
	list, next, err := s.store.FreeResources(ctx, f)
	return list, f, next, err
}
