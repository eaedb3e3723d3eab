package store

import (
	"context"
	"time"

	"github.com/lib/pq"
)

// ContractFilter narrows ListContracts: the owners (nil for all), a
// status ("" for any) and a page.
type ContractFilter struct {
	OwnerIDs []string
	Status   string
	Page     Page
}

// ListContracts returns contract heads (no items, approvals or history),
// the most recently changed first; for a signed contract that is when
// the second signature made it so (R5.5). The cursor is the last row's
// updated_at.
func (s *Store) ListContracts(ctx context.Context, f ContractFilter) ([]Contract, string, error) {
	before := time.Now().Add(100 * 365 * 24 * time.Hour)
	if t, err := time.Parse(time.RFC3339Nano, f.Page.Cursor); err == nil {
		before = t
	}
	limit := f.Page.clampLimit()
	var owners any
	if f.OwnerIDs != nil {
		owners = pq.StringArray(f.OwnerIDs)
	}
	q := contractSelect + ` WHERE ($1::text[] IS NULL OR c.owner_id = ANY($1)) AND ($2 = '' OR c.status = $2)
		AND c.updated_at < $3 ORDER BY c.updated_at DESC LIMIT $4`
	var rows []contractRow
	if err := s.db.SelectContext(ctx, &rows, q, owners, f.Status, before, limit+1); err != nil {
		return nil, "", err
	}
	list := make([]Contract, len(rows))
	for i, r := range rows {
		list[i] = r.toContract()
	}
	return pageOf(list, limit, func(c Contract) string { return c.UpdatedAt.Format(time.RFC3339Nano) })
}
