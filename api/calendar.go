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
	var v validation
	d, _ := checkDay(&v, "date", c.Param("date"), businessDays(time.Now()))
	return d, v.err()
}

// respondCalendarDay answers what a day is: the statutory answer (R1.3),
// the admin's override if any, and the result in force.
func (s *Server) respondCalendarDay(c *gin.Context, day time.Time) {
	ctx, cancel := s.ctx(c)
	defer cancel()
	key := policy.DateKey(day)
	o, err := s.store.CalendarOverrideOn(ctx, key)
	var override *store.CalendarOverride
	working := policy.ChinaCalendar{}.IsWorkingDay(day)
	switch {
	case err == nil:
		override, working = &o, o.Working
	case !errors.Is(err, store.ErrNotFound):
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, calendarDayView{Day: key, Working: working,
		StatutoryWorking: policy.ChinaCalendar{}.IsWorkingDay(day), Override: override})
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
	Note    string `json:"note" text:"max=200"`
	Day     string `json:"-"` // from the path (API) or the form (page)
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
	if err == nil {
		req.Day = policy.DateKey(day)
		err = s.setCalendarOverride(c, req)
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	s.respondCalendarDay(c, day)
}

// setCalendarOverride checks req and stores it as the signed-in admin's,
// audited once per Idempotency-Key (the page's form key), so a repeated
// request is one event.
func (s *Server) setCalendarOverride(c *gin.Context, req calendarOverrideRequest) error {
	if err := calendarFieldsCheck(req); err != nil {
		return err
	}
	key, err := calendarStepKey(c, req.Day)
	if err != nil {
		return err
	}
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	o := store.CalendarOverride{Day: req.Day, Working: *req.Working, Note: strings.TrimSpace(req.Note), CreatedBy: u.ID}
	_, err = s.store.PutCalendarOverride(ctx, o, key)
	return err
}

// calendarFieldsCheck checks the body of an override: working stated, the
// note at most 200 characters.
func calendarFieldsCheck(req calendarOverrideRequest) error {
	var v validation
	checkText(&v, req)
	if req.Working == nil {
		v.add("working", "field.working")
	}
	checkLen(&v, "note", req.Note, 200)
	return v.err()
}

// calendarStepKey is the audit key of one change to day: the request's
// Idempotency-Key when it has one, else a fresh one.
func calendarStepKey(c *gin.Context, day string) (string, error) {
	key, err := idempotencyKey(c)
	if u, _ := currentUser(c); key != "" {
		return "calendar/" + day + "/" + u.ID + "/" + key, err
	}
	return "calendar/" + day + "/" + uuid.NewString(), err
}

// listCalendarOverrides answers every override, by day, with who set it.
func (s *Server) listCalendarOverrides(c *gin.Context) {
	ctx, cancel := s.ctx(c)
	defer cancel()
	list, err := s.store.ListCalendarOverrides(ctx)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, page(list, ""))
}

// deleteCalendarOverride removes a day's override: the statutory calendar
// holds for it again. It answers what the day now is.
func (s *Server) deleteCalendarOverride(c *gin.Context) {
	day, err := calendarDay(c)
	if err == nil {
		err = s.removeCalendarOverride(c, policy.DateKey(day))
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	s.respondCalendarDay(c, day)
}

// removeCalendarOverride deletes day's override, audited once per key.
func (s *Server) removeCalendarOverride(c *gin.Context, day string) error {
	key, err := calendarStepKey(c, day)
	if err != nil {
		return err
	}
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	return notFoundAs(s.store.DeleteCalendarOverride(ctx, day, u.ID, key), "calendar override "+day)
}
