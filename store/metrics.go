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
