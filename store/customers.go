package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/lib/pq"
)

// Customer is the minimal customer record F1 needs; the registry issue
// extends it with contacts, needs and the interaction timeline (R1.5).
type Customer struct {
	ID          string    `json:"id"`
	Name        string    `json:"name"`
	Channel     string    `json:"channel"`
	OwnerID     string    `json:"owner_id,omitempty"`
	Class       string    `json:"class"`
	CollectedOn string    `json:"collected_on"`
	EnteredAt   time.Time `json:"entered_at"`
	CreatedBy   string    `json:"created_by"`
}

type customerRow struct {
	ID          string         `db:"id"`
	Name        string         `db:"name"`
	Channel     string         `db:"channel"`
	OwnerID     sql.NullString `db:"owner_id"`
	Class       string         `db:"class"`
	CollectedOn time.Time      `db:"collected_on"`
	EnteredAt   time.Time      `db:"entered_at"`
	CreatedBy   string         `db:"created_by"`
}

func (r customerRow) toCustomer() Customer {
	return Customer{ID: r.ID, Name: r.Name, Channel: r.Channel, OwnerID: r.OwnerID.String,
		Class: r.Class, CollectedOn: r.CollectedOn.Format(time.DateOnly),
		EnteredAt: r.EnteredAt, CreatedBy: r.CreatedBy}
}

const customerColumns = `id, name, channel, owner_id, class, collected_on, entered_at, created_by`

// CreateCustomer inserts c; entered_at is the server's time (R5.4).
func (s *Store) CreateCustomer(ctx context.Context, c Customer) (Customer, error) {
	const q = `INSERT INTO customers (id, name, channel, owner_id, collected_on, created_by)
		VALUES ($1, $2, $3, NULLIF($4, ''), $5, $6) RETURNING ` + customerColumns
	var r customerRow
	if err := s.db.GetContext(ctx, &r, q, c.ID, c.Name, c.Channel, c.OwnerID, c.CollectedOn, c.CreatedBy); err != nil {
		return Customer{}, mapErr(err)
	}
	return r.toCustomer(), nil
}

// CustomerByID returns one customer.
func (s *Store) CustomerByID(ctx context.Context, id string) (Customer, error) {
	var r customerRow
	if err := s.db.GetContext(ctx, &r, `SELECT `+customerColumns+` FROM customers WHERE id = $1`, id); err != nil {
		return Customer{}, mapErr(err)
	}
	return r.toCustomer(), nil
}

// ListCustomers returns customers owned by any of ownerIDs (nil: everyone),
// plus the unowned pool when withPool is set, by name.
func (s *Store) ListCustomers(ctx context.Context, ownerIDs []string, withPool bool, page Page) ([]Customer, string, error) {
	var owners any
	if ownerIDs != nil {
		owners = pq.StringArray(ownerIDs)
	}
	limit := page.clampLimit()
	const q = `SELECT ` + customerColumns + ` FROM customers
		WHERE ($1::text[] IS NULL OR owner_id = ANY($1) OR ($2 AND owner_id IS NULL)) AND id > $3
		ORDER BY id LIMIT $4`
	var rows []customerRow
	if err := s.db.SelectContext(ctx, &rows, q, owners, withPool, page.Cursor, limit+1); err != nil {
		return nil, "", err
	}
	out := make([]Customer, len(rows))
	for i, r := range rows {
		out[i] = r.toCustomer()
	}
	return pageOf(out, limit, func(c Customer) string { return c.ID })
}

// TeamOf returns the ids of the users whose manager is managerID.
func (s *Store) TeamOf(ctx context.Context, managerID string) ([]string, error) {
	ids := []string{}
	err := s.db.SelectContext(ctx, &ids, `SELECT id FROM users WHERE manager_id = $1 ORDER BY id`, managerID)
	return ids, err
}
