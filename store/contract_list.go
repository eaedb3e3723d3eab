package store

import (
	"context"

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
// (updated_at, id): one transaction can change several contracts at the
// same now(), and the time alone skipped all but one of them. A contract
// changed during a walk moves to the front (a new first page shows it).
func (s *Store) ListContracts(ctx context.Context, f ContractFilter) ([]Contract, string, error) {
	before, beforeID := newestBefore(f.Page.Cursor)
	limit := f.Page.clampLimit()
	var owners any
	if f.OwnerIDs != nil {
		owners = pq.StringArray(f.OwnerIDs)
	}
	q := contractSelect + ` WHERE ($1::text[] IS NULL OR c.owner_id = ANY($1)) AND ($2 = '' OR c.status = $2)
		AND (c.updated_at, c.id) < ($3, $4) ORDER BY c.updated_at DESC, c.id DESC LIMIT $5`
	var rows []contractRow
	if err := s.db.SelectContext(ctx, &rows, q, owners, f.Status, before, beforeID, limit+1); err != nil {
		return nil, "", err
	}
	list := make([]Contract, len(rows))
	for i, r := range rows {
		list[i] = r.toContract()
	}
	return pageOf(list, limit, func(c Contract) string { return timeCursor(c.UpdatedAt, c.ID) })
}
