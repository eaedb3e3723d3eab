package api

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"

	"salesflow/policy"
	"salesflow/store"
)

// calendarDay reads :date as a Shanghai date.
func calendarDay(c *gin.Context) (time.Time, error) {
	d, err := time.ParseInLocation(time.DateOnly, c.Param("date"), policy.Shanghai)
	if err != nil {
		var v validation
		v.add("date", "field.date")
		return time.Time{}, v.err()
	}
	return d, nil
}

// respondCalendarDay answers what a day is: the statutory answer (R1.3),
// the admin's override if any, and the result in force.
func (s *Server) respondCalendarDay(c *gin.Context, day time.Time) {
	ctx, cancel := s.ctx(c)
	defer cancel()
	key := policy.DateKey(day)
	o, err := s.store.CalendarOverrideOn(ctx, key)
	var override any
	working := policy.ChinaCalendar{}.IsWorkingDay(day)
	switch {
	case err == nil:
		override, working = o, o.Working
	case !errors.Is(err, store.ErrNotFound):
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"day": key, "working": working,
		"statutory_working": policy.ChinaCalendar{}.IsWorkingDay(day), "override": override})
}

func (s *Server) getCalendarOverride(c *gin.Context) {
	day, err := calendarDay(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.respondCalendarDay(c, day)
}

type calendarOverrideRequest struct {
	Working *bool  `json:"working"`
	Note    string `json:"note"`
}

// putCalendarOverride sets whether a day is a working day, whatever the
// statutory calendar says; deadlines counted afterwards follow it.
func (s *Server) putCalendarOverride(c *gin.Context) {
	var req calendarOverrideRequest
	if err := bindJSON(c, &req); err != nil {
		s.fail(c, err)
		return
	}
	day, err := calendarDay(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	var v validation
	if req.Working == nil {
		v.add("working", "field.working")
	}
	checkLen(&v, "note", req.Note, 200)
	if err := v.err(); err != nil {
		s.fail(c, err)
		return
	}
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	o := store.CalendarOverride{Day: policy.DateKey(day), Working: *req.Working,
		Note: strings.TrimSpace(req.Note), CreatedBy: u.ID}
	if _, err := s.store.PutCalendarOverride(ctx, o, "calendar/"+o.Day+"/"+uuid.NewString()); err != nil {
		s.fail(c, err)
		return
	}
	s.respondCalendarDay(c, day)
}
