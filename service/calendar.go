package service

import (
	"context"
	"errors"
	"strings"

	"salesflow/store"
)

// CalendarOverride is an admin's answer to whether Day is a working day,
// whatever the statutory calendar says (R1.3); deadlines counted
// afterwards follow it.
type CalendarOverride struct {
	Working *bool  `json:"working"`
	Note    string `json:"note" text:"max=200"`
	Day     string `json:"-"` // from the path (API) or the form (page)
}

// Check refuses an override without working stated or with a note over
// 200 characters.
func (in CalendarOverride) Check() error {
	var v Validation
	CheckText(&v, in)
	if in.Working == nil {
		v.Add("working", "field.working")
	}
	CheckLen(&v, "note", in.Note, 200)
	return v.Err()
}

// SetCalendarOverride checks in and stores it as actor's, audited once per
// key, so a repeated request is one event.
func (s *Service) SetCalendarOverride(ctx context.Context, actor store.User, key string, in CalendarOverride) error {
	if err := in.Check(); err != nil {
		return err
	}
	o := store.CalendarOverride{Day: in.Day, Working: *in.Working, Note: strings.TrimSpace(in.Note), CreatedBy: actor.ID}
	_, err := s.store.PutCalendarOverride(ctx, o, StepKey("calendar/"+in.Day, actor.ID, key))
	return err
}

// RemoveCalendarOverride deletes day's override (the statutory calendar
// holds for it again), audited once per key.
func (s *Service) RemoveCalendarOverride(ctx context.Context, actor store.User, key, day string) error {
	err := s.store.DeleteCalendarOverride(ctx, day, actor.ID, StepKey("calendar/"+day, actor.ID, key))
	return NotFoundAs(err, "calendar override "+day)
}

// CalendarOverrides are every admin's override, by day, with who set it.
func (s *Service) CalendarOverrides(ctx context.Context) ([]store.CalendarOverrideRow, error) {
	return s.store.ListCalendarOverrides(ctx)
}

// CalendarOverrideOn is day's override (YYYY-MM-DD); found is false when
// the statutory calendar holds for it (R1.3).
func (s *Service) CalendarOverrideOn(ctx context.Context, day string) (o store.CalendarOverride, found bool, err error) {
	o, err = s.store.CalendarOverrideOn(ctx, day)
	if errors.Is(err, store.ErrNotFound) {
		return o, false, nil
	}
	return o, err == nil, err
}
