package store

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"

	"salesflow/policy"
)

// CalendarOverride is an admin's correction of one day of the working-day
// calendar (R1.3, R3.8).
type CalendarOverride struct {
	Day       string    `json:"day" db:"day"`
	Working   bool      `json:"working" db:"working"`
	Note      string    `json:"note" db:"note"`
	CreatedBy string    `json:"created_by" db:"created_by"`
	CreatedAt time.Time `json:"created_at" db:"created_at"`
}

const overrideSelect = `SELECT to_char(day, 'YYYY-MM-DD') AS day, working, note, created_by, created_at
	FROM calendar_overrides`

// CalendarOverrides returns every override as date → working.
func (s *Store) CalendarOverrides(ctx context.Context) (map[string]bool, error) {
	var list []CalendarOverride
	if err := s.db.SelectContext(ctx, &list, overrideSelect+` ORDER BY day`); err != nil {
		return nil, err
	}
	days := make(map[string]bool, len(list))
	for _, o := range list {
		days[o.Day] = o.Working
	}
	return days, nil
}

// CompanyCalendar is the working-day calendar in force: China's statutory
// calendar with the admins' overrides (R1.3, R3.8).
func (s *Store) CompanyCalendar(ctx context.Context) (policy.Calendar, error) {
	days, err := s.CalendarOverrides(ctx)
	if err != nil {
		return nil, err
	}
	return policy.OverrideCalendar{Base: policy.ChinaCalendar{}, Days: days}, nil
}

// CalendarOverrideOn returns the override of one date (YYYY-MM-DD).
func (s *Store) CalendarOverrideOn(ctx context.Context, day string) (CalendarOverride, error) {
	var o CalendarOverride
	err := s.db.GetContext(ctx, &o, overrideSelect+` WHERE day = $1`, day)
	return o, mapErr(err)
}

// PutCalendarOverride sets the override of o.Day, audited; the server's time
// is the moment it was set.
func (s *Store) PutCalendarOverride(ctx context.Context, o CalendarOverride, key string) (CalendarOverride, error) {
	step := Step{Key: key, ActorID: o.CreatedBy, Action: "calendar.override_set",
		Detail: map[string]any{"day": o.Day, "working": o.Working, "note": o.Note}}
	err := s.runStep(ctx, "calendar", o.Day, step, func(tx *sqlx.Tx) error {
		const q = `INSERT INTO calendar_overrides (day, working, note, created_by) VALUES ($1, $2, $3, $4)
			ON CONFLICT (day) DO UPDATE SET working = EXCLUDED.working, note = EXCLUDED.note,
			created_by = EXCLUDED.created_by, created_at = now()`
		_, err := tx.ExecContext(ctx, q, o.Day, o.Working, o.Note, o.CreatedBy)
		return err
	})
	if err != nil {
		return CalendarOverride{}, err
	}
	return s.CalendarOverrideOn(ctx, o.Day)
}
