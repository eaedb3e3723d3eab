package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"salesflow/policy"
)

// ProductPrice is a dated rate-card price (a season such as 春节档): the
// product costs PriceFen per unit on each day from ValidFrom to ValidTo
// (both inclusive, YYYY-MM-DD; ValidTo "" open-ended). At most one dated
// price of a product covers a day (the table's exclusion constraint).
type ProductPrice struct {
	ID        int64     `json:"id"`
	ProductID string    `json:"product_id"`
	Label     string    `json:"label"`
	ValidFrom string    `json:"valid_from"`
	ValidTo   string    `json:"valid_to,omitempty"`
	PriceFen  int64     `json:"price_fen"`
	CreatedAt time.Time `json:"created_at"`
}

// priceRow is a product_prices row with its range taken apart; Until is
// the range's exclusive upper bound.
type priceRow struct {
	ID        int64        `db:"id"`
	ProductID string       `db:"product_id"`
	Label     string       `db:"label"`
	From      time.Time    `db:"valid_from"`
	Until     sql.NullTime `db:"valid_until"`
	PriceFen  int64        `db:"price_fen"`
	CreatedAt time.Time    `db:"created_at"`
}

func (r priceRow) toPrice() ProductPrice {
	p := ProductPrice{ID: r.ID, ProductID: r.ProductID, Label: r.Label, ValidFrom: r.From.Format(policy.DateLayout),
		PriceFen: r.PriceFen, CreatedAt: r.CreatedAt}
	if r.Until.Valid {
		p.ValidTo = r.Until.Time.AddDate(0, 0, -1).Format(policy.DateLayout)
	}
	return p
}

func (r priceRow) toDated() policy.DatedPrice {
	d := policy.DatedPrice{From: r.From, PriceFen: r.PriceFen}
	if r.Until.Valid {
		d.Until = r.Until.Time
	}
	return d
}

const priceColumns = `id, product_id, label, lower(valid) AS valid_from, upper(valid) AS valid_until, price_fen, created_at`

// ErrPriceOverlap is a dated price whose days another dated price of the
// product already covers.
var ErrPriceOverlap = fmt.Errorf("%w: another dated price covers some of these days", ErrConflict)

// CreateProductPrice adds a dated price of product p.ProductID.
func (s *Store) CreateProductPrice(ctx context.Context, p ProductPrice, createdBy string) (ProductPrice, error) {
	const q = `INSERT INTO product_prices (product_id, label, valid, price_fen, created_by)
		VALUES ($1, $2, daterange($3::date, NULLIF($4, '')::date, '[]'), $5, NULLIF($6, ''))
		RETURNING ` + priceColumns
	var r priceRow
	err := s.db.GetContext(ctx, &r, q, p.ProductID, p.Label, p.ValidFrom, p.ValidTo, p.PriceFen, createdBy)
	if pgCode(err) == "23P01" {
		return ProductPrice{}, ErrPriceOverlap
	}
	if err != nil {
		return ProductPrice{}, mapErr(err)
	}
	return r.toPrice(), nil
}

// DeleteProductPrice removes dated price id of product productID. Lines
// already priced keep the list price they were judged against (R5.3).
func (s *Store) DeleteProductPrice(ctx context.Context, productID string, id int64) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM product_prices WHERE product_id = $1 AND id = $2`, productID, id)
	if err != nil {
		return mapErr(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// ListProductPrices returns a product's dated prices by their first day.
func (s *Store) ListProductPrices(ctx context.Context, productID string) ([]ProductPrice, error) {
	var rows []priceRow
	const q = `SELECT ` + priceColumns + ` FROM product_prices WHERE product_id = $1 ORDER BY lower(valid)`
	if err := s.db.SelectContext(ctx, &rows, q, productID); err != nil {
		return nil, err
	}
	out := make([]ProductPrice, len(rows))
	for i, r := range rows {
		out[i] = r.toPrice()
	}
	return out, nil
}

// resourceLinePrice is what pricing a resource line needs: the resource's
// unit, its product's list price and the dated prices over the line's days.
type resourceLinePrice struct {
	ProductID string `db:"product_id"`
	SellUnit  string `db:"sell_unit"`
	ListPrice int64  `db:"list_price_fen"`
}

// priceLine prices l against the rate card now: a product line at its
// product's list price; a resource line (issue 13) at the sum of the dated
// price on each unit's first day (policy.ListTotal), ListPriceFen then its
// average per unit. The API has checked the range is whole units.
func priceLine(ctx context.Context, q sqlx.QueryerContext, l policy.Line) (policy.PricedLine, error) {
	if l.ResourceID == "" {
		var list int64
		err := sqlx.GetContext(ctx, q, &list, `SELECT list_price_fen FROM products WHERE id = $1`, l.ProductID)
		if err != nil {
			return policy.PricedLine{}, fmt.Errorf("product %q: %w", l.ProductID, mapErr(err))
		}
		return policy.PricedLine{Line: l, ListPriceFen: list}, nil
	}
	var r resourceLinePrice
	const qr = `SELECT r.product_id, r.sell_unit, p.list_price_fen FROM media_resources r
		JOIN products p ON p.id = r.product_id WHERE r.id = $1`
	if err := sqlx.GetContext(ctx, q, &r, qr, l.ResourceID); err != nil {
		return policy.PricedLine{}, fmt.Errorf("resource %q: %w", l.ResourceID, mapErr(err))
	}
	from, err1 := time.Parse(policy.DateLayout, l.StartsOn)
	to, err2 := time.Parse(policy.DateLayout, l.EndsOn)
	starts, reason := policy.UnitStarts(policy.SellUnit(r.SellUnit), from, to)
	if err1 != nil || err2 != nil || reason != policy.RangeOK || int64(len(starts)) != l.Quantity || r.ProductID != l.ProductID {
		return policy.PricedLine{}, fmt.Errorf("resource line %s %s..%s: %w", l.ResourceID, l.StartsOn, l.EndsOn, ErrInvalid)
	}
	var rows []priceRow
	const qp = `SELECT ` + priceColumns + ` FROM product_prices
		WHERE product_id = $1 AND valid && daterange($2::date, $3::date, '[]')`
	if err := sqlx.SelectContext(ctx, q, &rows, qp, r.ProductID, l.StartsOn, l.EndsOn); err != nil {
		return policy.PricedLine{}, err
	}
	dated := make([]policy.DatedPrice, len(rows))
	for i, p := range rows {
		dated[i] = p.toDated()
	}
	total := policy.ListTotal(dated, r.ListPrice, starts)
	return policy.PricedLine{Line: l, ListPriceFen: total / l.Quantity, ListTotalFen: total}, nil
}
