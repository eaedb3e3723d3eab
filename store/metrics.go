package store

import "context"

// The counts the metrics read at scrape time (observability.StateReader).
// Each is one aggregate over an index, answered in milliseconds.

// OpenTasksByKind counts open tasks per kind (over tasks_open_idx).
func (s *Store) OpenTasksByKind(ctx context.Context) (map[string]int, error) {
	var rows []struct {
		Kind  string `db:"kind"`
		Count int    `db:"n"`
	}
	const q = `SELECT kind, count(*) AS n FROM tasks WHERE status = 'open' GROUP BY kind`
	if err := s.db.SelectContext(ctx, &rows, q); err != nil {
		return nil, err
	}
	out := make(map[string]int, len(rows))
	for _, r := range rows {
		out[r.Kind] = r.Count
	}
	return out, nil
}

// UnmailedNotifications counts notifications of the last day not emailed
// yet: the stand-in for the pending gauge until the delivery redesign
// (issue 9, point 2) provides NotificationDeliveryCounts with pending and
// dead-lettered rows; switch cmd/salesflow's metrics wiring to it then and
// delete this. It counts users without an address too, which the
// redesign settles at insert.
func (s *Store) UnmailedNotifications(ctx context.Context) (int, error) {
	var n int
	const q = `SELECT count(*) FROM notifications WHERE emailed_at IS NULL AND created_at > now() - interval '1 day'`
	err := s.db.GetContext(ctx, &n, q)
	return n, err
}
