package api

import (
	"net/http"
	"salesflow/api/wire"
	"time"

	"github.com/gin-gonic/gin"

	"salesflow/httpx"
	"salesflow/policy"
	"salesflow/service"
	"salesflow/session"
)

// respondCalendarDay answers what a day is: the statutory answer (R1.3),
// the admin's override if any, and the result in force.
func (s *Server) respondCalendarDay(c *gin.Context, day time.Time) {
	ctx, cancel := s.ctx(c)
	defer cancel()
	key := policy.DateKey(day)
	o, found, err := s.svc.CalendarOverrideOn(ctx, key)
	if err != nil {
		s.fail(c, err)
		return
	}
	var override *wire.CalendarOverride
	working := policy.ChinaCalendar{}.IsWorkingDay(day)
	if found {
		w := wire.CalendarOverrideOf(o)
		override, working = &w, o.Working
	}
	c.JSON(http.StatusOK, wire.CalendarDayView{Day: key, Working: working,
		StatutoryWorking: policy.ChinaCalendar{}.IsWorkingDay(day), Override: override})
}

func (s *Server) getCalendarOverride(c *gin.Context) {
	day, err := httpx.CalendarDay(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.respondCalendarDay(c, day)
}

// putCalendarOverride sets whether a day is a working day, whatever the
// statutory calendar says; deadlines counted afterwards follow it.
func (s *Server) putCalendarOverride(c *gin.Context) {
	var req service.CalendarOverride
	if err := bindJSON(c, &req); err != nil {
		s.fail(c, err)
		return
	}
	day, err := httpx.CalendarDay(c)
	if err == nil {
		req.Day = policy.DateKey(day)
		u, _ := session.User(c)
		ctx, cancel := s.ctx(c)
		defer cancel()
		err = s.svc.SetCalendarOverride(ctx, u, clientKey(c), req)
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	s.respondCalendarDay(c, day)
}

// listCalendarOverrides answers every override, by day, with who set it.
func (s *Server) listCalendarOverrides(c *gin.Context) {
	ctx, cancel := s.ctx(c)
	defer cancel()
	list, err := s.svc.CalendarOverrides(ctx)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, wire.PageOf(wire.Map(list, wire.CalendarOverrideRowOf), ""))
}

// deleteCalendarOverride removes a day's override: the statutory calendar
// holds for it again. It answers what the day now is.
func (s *Server) deleteCalendarOverride(c *gin.Context) {
	day, err := httpx.CalendarDay(c)
	if err == nil {
		u, _ := session.User(c)
		ctx, cancel := s.ctx(c)
		defer cancel()
		err = s.svc.RemoveCalendarOverride(ctx, u, clientKey(c), policy.DateKey(day))
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	s.respondCalendarDay(c, day)
}
