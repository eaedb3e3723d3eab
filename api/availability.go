package api

import (
	"net/http"
	"salesflow/api/wire"

	"github.com/gin-gonic/gin"

	"salesflow/httpx"
	"salesflow/service"
	"salesflow/session"
)

// Availability (issue 13; service/availability.go): the grid of resources
// × weeks (GET /availability), a resource's days (GET
// /resources/{id}/availability) and the search for resources free over a
// whole range (GET /availability/free).

func (s *Server) getResourceDays(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	r, days, err := s.svc.ResourceDays(ctx, u, c.Param("id"), c.Query("from"), c.Query("to"))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, wire.ResourceDaysView{Resource: wire.MediaResourceOf(r),
		From: days[0].Day, To: days[len(days)-1].Day, Days: wire.Map(days, wire.DayCellOf)})
}

// getFreeResources is GET /availability/free: the resources of a kind in a
// city with a face free every day from..to and on sale all along, over
// every resource (not a page of the grid), keyset-paged by code.
func (s *Server) getFreeResources(c *gin.Context) {
	ctx, cancel := s.ctx(c)
	defer cancel()
	list, f, next, err := s.svc.FreeResources(ctx, service.FreeQuery{Kind: c.Query("kind"), City: c.Query("city"),
		From: c.Query("from"), To: c.Query("to"), Page: httpx.Page(c)})
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, wire.FreeResourcePage{ListPage: wire.PageOf(wire.Map(list, wire.FreeResourceOf), next),
		From: f.From, To: f.To})
}

func (s *Server) getAvailability(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	q := service.AvailabilityQuery{Kind: c.Query("kind"), City: c.Query("city"), From: c.Query("from"), To: c.Query("to"),
		Page: httpx.Page(c)}
	rows, next, err := s.svc.Availability(ctx, u, q)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, wire.PageOf(wire.Map(rows, wire.ResourceWeeksOf), next))
}
