package api

import (
	"context"
	"math"
	"time"

	"salesflow/policy"
	"salesflow/service"
	"salesflow/workflows/payload"
)

type serviceTermsInput struct {
	FreeRevisions *int   `json:"free_revisions"`
	ServiceFee    string `json:"service_fee" text:"block,max=2000"`
}

type contractContent struct {
	Items        []proposalItemInput `json:"items"`
	ServiceTerms *serviceTermsInput  `json:"service_terms"`
	StartsOn     string              `json:"starts_on"`
	EndsOn       string              `json:"ends_on"`
}

// maxFreeRevisions bounds the free revisions a contract may promise (R5.1):
// a person offers a handful, never millions.
const maxFreeRevisions = 100

// contractDraft validates a contract revision against the policy and the
// rate card. Service terms may still be open in a draft; they are required
// only to submit (R5.1), but when given they must be one or the other.
func (s *Server) contractDraft(ctx context.Context, in contractContent) (payload.ContractDraft, error) {
	if err := service.TextErr(in); err != nil {
		return payload.ContractDraft{}, err
	}
	var v validation
	lines, err := s.checkItems(ctx, &v, in.Items)
	if err != nil {
		return payload.ContractDraft{}, err
	}
	d := payload.ContractDraft{Lines: lines, StartsOn: in.StartsOn, EndsOn: in.EndsOn}
	if in.ServiceTerms != nil {
		d.ServiceTerms = policy.ServiceTerms{FreeRevisions: in.ServiceTerms.FreeRevisions, ServiceFee: in.ServiceTerms.ServiceFee}
		if !d.ServiceTerms.Valid() {
			v.Add("service_terms", "field.service_terms_shape")
		} else if n := in.ServiceTerms.FreeRevisions; n != nil && *n > maxFreeRevisions {
			v.Add("service_terms.free_revisions", "field.free_revisions_range", maxFreeRevisions)
		}
	}
	today := time.Now().In(policy.Shanghai)
	starts, okStart := service.CheckDate(&v, "starts_on", in.StartsOn, today)
	ends, okEnd := service.CheckDate(&v, "ends_on", in.EndsOn, today)
	if okStart && okEnd && ends.Before(starts) {
		v.Add("ends_on", "field.ends_before_starts")
	}
	return d, v.Err()
}

// totalFits reports whether the lines' total fits in int64 fen: each line
// is bounded (policy.CheckLines), but policy.MaxLines of them need not be.
func totalFits(lines []policy.Line) bool {
	var total int64
	for _, l := range lines {
		t := l.Quantity * l.UnitPriceFen // at most MaxQuantity × MaxUnitPriceFn, well inside int64
		if total > math.MaxInt64-t {
			return false
		}
		total += t
	}
	return true
}

// checkItems validates priced lines and that each product is on the rate
// card, adding field errors to v.
func (s *Server) checkItems(ctx context.Context, v *validation, items []proposalItemInput) ([]policy.Line, error) {
	lines := make([]policy.Line, len(items))
	ids := make([]string, len(items))
	for i, it := range items {
		lines[i] = policy.Line{ProductID: it.ProductID, Quantity: it.Quantity, UnitPriceFen: it.UnitPriceFen}
	}
	if err := s.resolveResourceLines(ctx, v, items, lines); err != nil {
		return nil, err
	}
	for i, l := range lines {
		ids[i] = l.ProductID
	}
	problems, empty := policy.CheckLines(lines)
	switch {
	case empty:
		v.Add("items", "field.items_empty")
	case len(lines) > policy.MaxLines:
		v.Add("items", "field.items_too_many", policy.MaxLines)
	}
	for _, p := range problems {
		field := service.Indexed("items", p.Index, p.Field)
		switch p.Field {
		case "product_id":
			v.Add(field, "field.required")
		case "quantity":
			v.Add(field, "field.quantity")
		default:
			v.Add(field, "field.price_range", int64(policy.MaxUnitPriceFn))
		}
	}
	if len(problems) == 0 && !totalFits(lines) {
		v.Add("items", "field.total_too_large")
	}
	known, err := s.store.ProductsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i, id := range ids {
		if _, ok := known[id]; id != "" && !ok {
			v.Add(service.Indexed("items", i, "product_id"), "field.unknown_product")
		}
	}
	return lines, nil
}
