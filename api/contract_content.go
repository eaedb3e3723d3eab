package api

import (
	"context"
	"time"

	"salesflow/policy"
	"salesflow/store"
)

type serviceTermsInput struct {
	FreeRevisions *int   `json:"free_revisions"`
	ServiceFee    string `json:"service_fee"`
}

type contractContent struct {
	Items        []proposalItemInput `json:"items"`
	ServiceTerms *serviceTermsInput  `json:"service_terms"`
	StartsOn     string              `json:"starts_on"`
	EndsOn       string              `json:"ends_on"`
}

// contractDraft validates a contract revision against the policy and the
// rate card. Service terms may still be open in a draft; they are required
// only to submit (R5.1), but when given they must be one or the other.
func (s *Server) contractDraft(ctx context.Context, in contractContent) (store.ContractDraft, error) {
	var v validation
	lines, err := s.checkItems(ctx, &v, in.Items)
	if err != nil {
		return store.ContractDraft{}, err
	}
	d := store.ContractDraft{Lines: lines, StartsOn: in.StartsOn, EndsOn: in.EndsOn}
	if in.ServiceTerms != nil {
		d.ServiceTerms = policy.ServiceTerms{FreeRevisions: in.ServiceTerms.FreeRevisions, ServiceFee: in.ServiceTerms.ServiceFee}
		if !d.ServiceTerms.Valid() {
			v.add("service_terms", "field.service_terms_shape")
		}
		if len([]rune(d.ServiceTerms.ServiceFee)) > 2000 {
			v.add("service_terms.service_fee", "field.too_long", 2000)
		}
	}
	starts, okStart := checkDate(&v, "starts_on", in.StartsOn)
	ends, okEnd := checkDate(&v, "ends_on", in.EndsOn)
	if okStart && okEnd && ends.Before(starts) {
		v.add("ends_on", "field.ends_before_starts")
	}
	return d, v.err()
}

// checkDate accepts an empty date (not yet agreed) or YYYY-MM-DD.
func checkDate(v *validation, field, value string) (time.Time, bool) {
	if value == "" {
		return time.Time{}, false
	}
	d, err := time.ParseInLocation(time.DateOnly, value, policy.Shanghai)
	if err != nil {
		v.add(field, "field.date")
		return time.Time{}, false
	}
	return d, true
}

// checkItems validates priced lines and that each product is on the rate
// card, adding field errors to v.
func (s *Server) checkItems(ctx context.Context, v *validation, items []proposalItemInput) ([]policy.Line, error) {
	lines := make([]policy.Line, len(items))
	ids := make([]string, len(items))
	for i, it := range items {
		lines[i] = policy.Line{ProductID: it.ProductID, Quantity: it.Quantity, UnitPriceFen: it.UnitPriceFen}
		ids[i] = it.ProductID
	}
	problems, empty := policy.CheckLines(lines)
	switch {
	case empty:
		v.add("items", "field.items_empty")
	case len(lines) > policy.MaxLines:
		v.add("items", "field.items_too_many", policy.MaxLines)
	}
	for _, p := range problems {
		msg := map[string]string{"product_id": "field.required", "quantity": "field.quantity",
			"unit_price_fen": "field.unit_price_fen"}[p.Field]
		v.add(indexed("items", p.Index, p.Field), msg)
	}
	known, err := s.store.ProductsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i, id := range ids {
		if _, ok := known[id]; id != "" && !ok {
			v.add(indexed("items", i, "product_id"), "field.unknown_product")
		}
	}
	return lines, nil
}
