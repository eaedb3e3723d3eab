package store

import (
	"context"

	"github.com/lib/pq"

	"salesflow/policy"
)

// backfillNameCores gives every customer recorded before migrations/00017
// its near-duplicate block (policy.CompanyNameCore), which only the
// application can compute. It runs after the migrations, in batches, and
// finds nothing to do once every row has its core.
func (s *Store) backfillNameCores(ctx context.Context) error {
	const batch = 5000
	for {
		var rows []struct {
			ID   string `db:"id"`
			Name string `db:"name"`
		}
		if err := s.db.SelectContext(ctx, &rows, `SELECT id, name FROM customers
			WHERE name_core = '' AND normalised_name <> '' LIMIT $1`, batch); err != nil {
			return err
		}
		if len(rows) == 0 {
			return nil
		}
		ids, cores := make([]string, len(rows)), make([]string, len(rows))
		for i, r := range rows {
			ids[i], cores[i] = r.ID, policy.CompanyNameCore(r.Name)
			if cores[i] == "" { // a legacy name of nothing but a legal form
				cores[i] = "#" + r.ID
			}
		}
		if _, err := s.db.ExecContext(ctx, `UPDATE customers c SET name_core = k.core
			FROM unnest($1::text[], $2::text[]) AS k(id, core) WHERE c.id = k.id`,
			pq.StringArray(ids), pq.StringArray(cores)); err != nil {
			return err
		}
	}
}
