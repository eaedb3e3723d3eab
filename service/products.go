package service

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"salesflow/policy"
	"salesflow/store"
)

// The rate card (R5.3): products with their list price, and dated prices
// (issue 13) such as 春节档, in which a product costs more or less per unit.
// Everyone reads them; only admins write (the routes check the role).

// ProductInput is a new rate-card line.
type ProductInput struct {
	Code         string `json:"code" text:"max=64"`
	Name         string `json:"name" text:"max=200"`
	Unit         string `json:"unit" text:"max=32"`
	ListPriceFen int64  `json:"list_price_fen"`
}

// Check refuses a line without code, name or unit, or priced out of range.
func (in ProductInput) Check() error {
	var v Validation
	CheckText(&v, in)
	RequiredText(&v, "code", &in.Code, 64) // a code of 100,000 characters is too long, not missing
	CheckName(&v, "name", in.Name)
	RequiredText(&v, "unit", &in.Unit, 32)
	CheckPrice(&v, "list_price_fen", in.ListPriceFen)
	return v.Err()
}

// ErrDuplicateProduct: another line has the code.
var ErrDuplicateProduct = NewError(KindConflict, "duplicate-product", "problem.duplicate", "detail.duplicate_product").
	WithField("code", "field.code_taken")

// CreateProduct adds a rate-card line. With a key, the same create again
// (a form posted twice, a client retrying) answers the line it made;
// another line's code is a conflict.
func (s *Service) CreateProduct(ctx context.Context, actor store.User, key string, in ProductInput) (store.Product, error) {
	if err := in.Check(); err != nil {
		return store.Product{}, err
	}
	id, code := newID("product", actor.ID, key), strings.TrimSpace(in.Code)
	p, err := s.store.CreateProduct(ctx, store.Product{ID: id, Code: code,
		Name: strings.TrimSpace(in.Name), Unit: strings.TrimSpace(in.Unit), ListPriceFen: in.ListPriceFen})
	if errors.Is(err, store.ErrDuplicate) {
		if prior, perr := s.store.ProductByID(ctx, id); perr == nil && prior.Code == code {
			return prior, nil
		}
		return store.Product{}, ErrDuplicateProduct
	}
	return p, err
}

// ProductPatch changes a line: its name, its list price (for lines written
// from now on, R5.3), or whether it is still offered. Nil keeps a value.
type ProductPatch struct {
	Name         *string `json:"name" text:"max=200"`
	ListPriceFen *int64  `json:"list_price_fen"`
	Active       *bool   `json:"active"`
}

// Check refuses an empty or overlong name and a price out of range.
func (in ProductPatch) Check() error {
	var v Validation
	CheckText(&v, in)
	if in.Name != nil {
		CheckName(&v, "name", *in.Name)
	}
	if in.ListPriceFen != nil {
		CheckPrice(&v, "list_price_fen", *in.ListPriceFen)
	}
	return v.Err()
}

// UpdateProduct applies in to product id; the same values twice change
// nothing more.
func (s *Service) UpdateProduct(ctx context.Context, id string, in ProductPatch) (store.Product, error) {
	if err := in.Check(); err != nil {
		return store.Product{}, err
	}
	if in.Name != nil {
		name := strings.TrimSpace(*in.Name)
		in.Name = &name
	}
	p, err := s.store.UpdateProduct(ctx, id, store.ProductPatch{Name: in.Name, ListPriceFen: in.ListPriceFen, Active: in.Active})
	return p, NotFoundAs(err, "product "+id)
}

// Products is the whole rate card.
func (s *Service) Products(ctx context.Context) ([]store.Product, error) {
	list, err := s.store.ListProducts(ctx)
	if list == nil {
		list = []store.Product{}
	}
	return list, err
}

// Product is one line of the rate card.
func (s *Service) Product(ctx context.Context, id string) (store.Product, error) {
	p, err := s.store.ProductByID(ctx, id)
	return p, NotFoundAs(err, "product "+id)
}

// PriceInput is a dated price of a product: from ValidFrom to ValidTo
// ("" until further notice), PriceFen per unit.
type PriceInput struct {
	Label     string `json:"label" text:"max=64"`
	ValidFrom string `json:"valid_from" text:"max=10"`
	ValidTo   string `json:"valid_to" text:"max=10"` // "": until further notice
	PriceFen  int64  `json:"price_fen"`
}

// Check refuses a period that is not two business dates in order, or a
// price out of range.
func (in PriceInput) Check() error {
	var v Validation
	CheckText(&v, in)
	CheckLen(&v, "label", strings.TrimSpace(in.Label), 64)
	CheckPrice(&v, "price_fen", in.PriceFen)
	today := time.Now().In(policy.Shanghai)
	if in.ValidFrom == "" {
		v.Add("valid_from", "field.required")
	} else if from, ok := CheckDay(&v, "valid_from", in.ValidFrom, BusinessDays(today)); ok {
		if to, ok := CheckDate(&v, "valid_to", in.ValidTo, today); ok && to.Before(from) {
			v.Add("valid_to", "field.ends_before_starts")
		}
	}
	return v.Err()
}

// ErrPriceOverlap: the period overlaps another dated price of the product.
var ErrPriceOverlap = NewError(KindConflict, "price-overlap", "problem.conflict", "detail.price_overlap").
	WithField("valid_from", "field.price_overlap")

// AddProductPrice validates in and adds it to product productID, as
// actor's (audited).
func (s *Service) AddProductPrice(ctx context.Context, actor store.User, productID string, in PriceInput) (store.ProductPrice, error) {
	if err := in.Check(); err != nil {
		return store.ProductPrice{}, err
	}
	if _, err := s.Product(ctx, productID); err != nil {
		return store.ProductPrice{}, err
	}
	p, err := s.store.CreateProductPrice(ctx, store.ProductPrice{ProductID: productID, Label: strings.TrimSpace(in.Label),
		ValidFrom: in.ValidFrom, ValidTo: in.ValidTo, PriceFen: in.PriceFen}, actor.ID)
	if errors.Is(err, store.ErrPriceOverlap) {
		return store.ProductPrice{}, ErrPriceOverlap
	}
	return p, err
}

// RemoveProductPrice deletes dated price priceID (as the path names it)
// of product productID; lines already priced keep their list price (R5.3).
func (s *Service) RemoveProductPrice(ctx context.Context, productID, priceID string) error {
	id, err := strconv.ParseInt(priceID, 10, 64)
	if err != nil {
		return NotFound("price " + priceID)
	}
	return NotFoundAs(s.store.DeleteProductPrice(ctx, productID, id), "price "+priceID)
}

// ProductPrices are product productID's dated prices.
func (s *Service) ProductPrices(ctx context.Context, productID string) ([]store.ProductPrice, error) {
	if _, err := s.Product(ctx, productID); err != nil {
		return nil, err
	}
	return s.store.ListProductPrices(ctx, productID)
}
