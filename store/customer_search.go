package store

import (
	"context"
	"strings"

	"github.com/lib/pq"

	"salesflow/policy"
)

// CustomerFilter narrows a customer list. OwnerIDs nil means any owner;
// WithPool adds the unowned customers to OwnerIDs' (a manager's view).
type CustomerFilter struct {
	OwnerIDs []string
	WithPool bool
	Owner    string // one owner's id, or "none" for the pool only
	Class    string
	Query    string // part of the name or phone
	Page     Page
}

// ListCustomers returns customers owned by any of ownerIDs (nil: everyone),
// plus the unowned pool when withPool is set, by id.
func (s *Store) ListCustomers(ctx context.Context, ownerIDs []string, withPool bool, page Page) ([]Customer, string, error) {
	return s.SearchCustomers(ctx, CustomerFilter{OwnerIDs: ownerIDs, WithPool: withPool, Page: page})
}

// SearchCustomers returns the customers f selects, keyset-paged by id. A
// query matches the normalised name or phone as a fragment (LIKE '%…%'),
// which the trigram GIN indexes answer (migrations/00003, 00017), a phone
// fragment of four digits or more its four-digit grams (00023); the
// parameters are planned with their values, so the guards fold away and the
// visibility filter joins the index scan. Only a query with neither name
// nor phone key (nothing but a legal form) falls back to scanning names.
func (s *Store) SearchCustomers(ctx context.Context, f CustomerFilter) ([]Customer, string, error) {
	var owners any
	if f.OwnerIDs != nil {
		owners = pq.StringArray(f.OwnerIDs)
	}
	limit := f.Page.clampLimit()
	q := customerSelect + `
		WHERE ($1::text[] IS NULL OR c.owner_id = ANY($1) OR ($2 AND c.owner_id IS NULL))
		AND ($3 = '' OR ($3 = 'none' AND c.owner_id IS NULL) OR c.owner_id = $3)
		AND ($4 = '' OR c.class = $4)
		AND ($5 = '' OR ($6 <> '' AND c.normalised_name LIKE '%' || $6 || '%')
		     OR ($7 <> '' AND c.normalised_phone LIKE '%' || $7 || '%'
		         AND (length($7) < 4 OR phone_grams(c.normalised_phone) @> phone_grams($7)))
		     OR ($6 = '' AND $7 = '' AND strpos(lower(c.name), lower($5)) > 0))
		AND c.id > $8 ORDER BY c.id LIMIT $9`
	name, phone := searchKeys(f.Query)
	var rows []customerRow
	err := s.db.SelectContext(ctx, &rows, q, owners, f.WithPool, f.Owner, f.Class, f.Query,
		name, phone, f.Page.Cursor, limit+1)
	if err != nil {
		return nil, "", err
	}
	out := make([]Customer, len(rows))
	for i, r := range rows {
		out[i] = r.toCustomer()
	}
	return pageOf(out, limit, func(c Customer) string { return c.ID })
}

// searchKeys are the fragments a search query q looks for: its normalised
// name, and its normalised phone when q is written as a phone number is
// (digits and + - ( ) . / and spaces) with at least three digits (fewer
// would match most numbers); a long number is a phone only. A name holding digits ("充1234号") is not also
// a phone search: it would match every number with those digits, and the
// phones' trigram index is a weak filter over digits alone.
func searchKeys(q string) (name, phone string) {
	name, phone = policy.NormaliseCompanyName(q), policy.NormalisePhone(q)
	switch {
	case len(phone) < 3 || strings.IndexFunc(q, notPhoneRune) >= 0:
		phone = ""
	case len(phone) >= phoneOnlyDigits:
		name = "" // a number this long is a phone, not a company's name
	}
	return name, phone
}

// phoneOnlyDigits: a query written as a number with this many digits or
// more searches phones only. Shorter ones ("360", "58") may be a company's
// name too, and are searched as both; searching names for a long digit
// string would read the names' digit trigrams, a weak filter.
const phoneOnlyDigits = 5

// notPhoneRune: r is not how a phone number is written.
func notPhoneRune(r rune) bool {
	return (r < '0' || r > '9') && !strings.ContainsRune(" +-()./\u3000", r)
}
