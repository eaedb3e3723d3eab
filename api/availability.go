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

// Availability (issue 13): a page of resources × weeks, each week free,
// partly free, held, booked or not on sale. Who holds a claim, for which
// customer and contract, is shown only to whom policy.SeesClaim allows;
// any other salesperson sees "held until …" or "booked" and nothing more.

// availabilityQuery is GET /api/v1/availability's parameters, also the
// grid page's.
type availabilityQuery struct {
	Kind, City, From, To string
	Page                 store.Page
}

// defaultWeeks is how many weeks a grid shows when no end is asked for.
const defaultWeeks = 12

// filter checks q and turns it into the store's filter: From defaults to
// this week's Monday, To to defaultWeeks weeks on; the weeks run from From
// to the week holding To, at most store.MaxAvailabilityWeeks.
func (q availabilityQuery) filter(today time.Time) (store.AvailabilityFilter, error) {
	var v validation
	f := store.AvailabilityFilter{Kind: q.Kind, City: strings.TrimSpace(q.City), Page: q.Page}
	if f.Kind != "" && !slices.Contains(store.ResourceKinds, f.Kind) {
		v.Add("kind", "field.one_of", strings.Join(store.ResourceKinds, ", "))
	}
	from := service.DayOf(today).AddDate(0, 0, -((int(today.Weekday()) + 6) % 7))
	if q.From != "" {
		var ok bool
		if from, ok = service.CheckDay(&v, "from", q.From, service.BusinessDays(today)); !ok {
			return f, v.Err()
		}
	}
	to := from.AddDate(0, 0, 7*defaultWeeks-1)
	if q.To != "" {
		var ok bool
		if to, ok = service.CheckDay(&v, "to", q.To, service.BusinessDays(today)); !ok {
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

// availability answers the grid for viewer u, claims shown as they may see
// them.
func (s *Server) availability(ctx context.Context, u store.User, q availabilityQuery) ([]store.ResourceWeeks, string, error) {
	f, err := q.filter(time.Now().In(policy.Shanghai))
	if err != nil {
		return nil, "", err
	}
	rows, next, err := s.store.Availability(ctx, f)
	if err != nil {
		return nil, "", err
	}
	viewer := actor(u)
	for i := range rows {
		for w := range rows[i].Weeks {
			for k, c := range rows[i].Weeks[w].Claims {
				if !policy.SeesClaim(viewer, c.HolderID) {
					rows[i].Weeks[w].Claims[k] = store.AvailabilityClaim{Slot: c.Slot, State: c.State,
						From: c.From, To: c.To, ExpiresAt: c.ExpiresAt}
				}
			}
		}
	}
	return rows, next, nil
}

func (s *Server) getAvailability(c *gin.Context) {
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	q := availabilityQuery{Kind: c.Query("kind"), City: c.Query("city"), From: c.Query("from"), To: c.Query("to"),
		Page: pageParams(c)}
	rows, next, err := s.availability(ctx, u, q)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, page(rows, next))
}
