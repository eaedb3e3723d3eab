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
	if err := s.selectPrepared(ctx, &list, overrideSelect+` ORDER BY day`); err != nil {
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

// CalendarOverrideRow is an override as the admin's list shows it, with
// the name of who set it.
type CalendarOverrideRow struct {
	CalendarOverride
	CreatedByName string `json:"created_by_name" db:"created_by_name"`
}

// ListCalendarOverrides returns every override by day, with who set it.
func (s *Store) ListCalendarOverrides(ctx context.Context) ([]CalendarOverrideRow, error) {
	const q = `SELECT to_char(o.day, 'YYYY-MM-DD') AS day, o.working, o.note, o.created_by, o.created_at,
		u.name AS created_by_name FROM calendar_overrides o JOIN users u ON u.id = o.created_by ORDER BY o.day`
	out := []CalendarOverrideRow{}
	err := s.db.SelectContext(ctx, &out, q)
	return out, err
}

// DeleteCalendarOverride removes the override of day (YYYY-MM-DD), audited
// under key, so the statutory calendar holds again; ErrNotFound when the
// day has none (and the key was not used before).
func (s *Store) DeleteCalendarOverride(ctx context.Context, day, actorID, key string) error {
	step := Step{Key: key, ActorID: actorID, Action: "calendar.override_removed", Detail: map[string]any{"day": day}}
	return s.runStep(ctx, "calendar", day, step, func(tx *sqlx.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM calendar_overrides WHERE day = $1`, day)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return nil
	})
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
