package store

import (
	"context"
	"time"

	"github.com/lib/pq"
)

// Product is a line of the rate card: an ad placement or service.
type Product struct {
	ID           string    `json:"id" db:"id"`
	Code         string    `json:"code" db:"code"`
	Name         string    `json:"name" db:"name"`
	Unit         string    `json:"unit" db:"unit"`
	ListPriceFen int64     `json:"list_price_fen" db:"list_price_fen"`
	Active       bool      `json:"active" db:"active"` // offered for new lines
	CreatedAt    time.Time `json:"created_at" db:"created_at"`
	UpdatedAt    time.Time `json:"updated_at" db:"updated_at"`
}

const productColumns = `id, code, name, unit, list_price_fen, active, created_at, updated_at`

// CreateProduct adds a rate-card line; a taken code is ErrDuplicate.
func (s *Store) CreateProduct(ctx context.Context, p Product) (Product, error) {
	const q = `INSERT INTO products (id, code, name, unit, list_price_fen)
		VALUES (:id, :code, :name, :unit, :list_price_fen) RETURNING ` + productColumns
	rows, err := s.db.NamedQueryContext(ctx, q, p)
	if err != nil {
		return Product{}, mapErr(err)
	}
	defer rows.Close()
	var out Product
	if rows.Next() {
		err = rows.StructScan(&out)
	}
	return out, mapErr(err)
}

// ProductPatch holds the rate-card fields an admin may change; nil means
// unchanged. Lines already priced keep the list price they were judged
// against (R5.3); the new one applies to lines written afterwards.
type ProductPatch struct {
	Name         *string
	ListPriceFen *int64
	Active       *bool
}

// UpdateProduct applies p to the product id and returns the result.
func (s *Store) UpdateProduct(ctx context.Context, id string, p ProductPatch) (Product, error) {
	const q = `UPDATE products SET name = COALESCE($2, name), list_price_fen = COALESCE($3, list_price_fen),
		active = COALESCE($4, active), updated_at = now() WHERE id = $1 RETURNING ` + productColumns
	var out Product
	err := s.db.GetContext(ctx, &out, q, id, p.Name, p.ListPriceFen, p.Active)
	return out, mapErr(err)
}

// ProductByID returns one rate-card line.
func (s *Store) ProductByID(ctx context.Context, id string) (Product, error) {
	var out Product
	err := s.db.GetContext(ctx, &out, `SELECT `+productColumns+` FROM products WHERE id = $1`, id)
	return out, mapErr(err)
}

// ListProducts returns the whole rate card by code.
func (s *Store) ListProducts(ctx context.Context) ([]Product, error) {
	var out []Product
	err := s.db.SelectContext(ctx, &out, `SELECT `+productColumns+` FROM products ORDER BY code`)
	return out, err
}

// ProductsByID returns the products with the given ids, keyed by id; missing
// ids are simply absent.
func (s *Store) ProductsByID(ctx context.Context, ids []string) (map[string]Product, error) {
	var list []Product
	err := s.db.SelectContext(ctx, &list, `SELECT `+productColumns+` FROM products WHERE id = ANY($1)`, pq.StringArray(ids))
	if err != nil {
		return nil, err
	}
	out := make(map[string]Product, len(list))
	for _, p := range list {
		out[p.ID] = p
	}
	return out, nil
}
