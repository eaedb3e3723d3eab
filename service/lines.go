package service

import (
	"context"
	"math"
	"time"

	"salesflow/policy"
	"salesflow/store"
)

// The priced lines of a proposal or a contract (F1, F2): each names a
// product on the rate card, a quantity and a unit price within the
// policy's bounds, or books a media resource for dates (issue 13).

// ProposalItemInput is one priced line as a person writes it.
type ProposalItemInput struct {
	ProductID    string `json:"product_id"`
	Quantity     int64  `json:"quantity"`
	UnitPriceFen int64  `json:"unit_price_fen"`
	// A line may book a media resource for dates (resolveResourceLines):
	// product and quantity then follow from them.
	ResourceID string `json:"resource_id,omitempty"`
	StartsOn   string `json:"starts_on,omitempty"`
	EndsOn     string `json:"ends_on,omitempty"`
}

// CheckItems validates priced lines and that each product is on the rate
// card, adding field errors to v; proposals and contracts share it.
func (s *Service) CheckItems(ctx context.Context, v *Validation, items []ProposalItemInput) ([]policy.Line, error) {
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
		field := Indexed("items", p.Index, p.Field)
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
			v.Add(Indexed("items", i, "product_id"), "field.unknown_product")
		}
	}
	return lines, nil
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

// Lines that book a media resource for dates (issue 13). Such a line names
// resource_id, starts_on and ends_on (all three or none); its product is
// the resource's and its quantity the number of sellable units in the
// range (policy.UnitStarts), derived when the input leaves it 0 and refused
// when it disagrees. The resource must be sold over the whole range. Its
// list price comes from the dated rate card when the line is stored.

// resourceLineRange maps policy's reasons to message keys.
var resourceLineRange = map[string]string{
	policy.RangeReversed:    "field.ends_before_starts",
	policy.RangeTooLong:     "field.range_too_long",
	policy.RangeWholeWeeks:  "field.range_whole_weeks",
	policy.RangeWholeMonths: "field.range_whole_months",
}

// resolveResourceLines fills in the product and quantity of every resource
// line of lines (parallel to items) and adds a problem naming the field
// for what does not hold. Lines without a resource are left as they are.
func (s *Service) resolveResourceLines(ctx context.Context, v *Validation, items []ProposalItemInput, lines []policy.Line) error {
	var ids []string
	for _, it := range items {
		if it.ResourceID != "" {
			ids = append(ids, it.ResourceID)
		}
	}
	known := map[string]store.MediaResource{}
	if len(ids) > 0 {
		var err error
		if known, err = s.store.ResourcesByID(ctx, ids); err != nil {
			return err
		}
	}
	today := time.Now().In(policy.Shanghai)
	for i, it := range items {
		if it.ResourceID == "" && it.StartsOn == "" && it.EndsOn == "" {
			continue
		}
		resolveResourceLine(v, i, it, known, &lines[i], today)
	}
	return nil
}

func resolveResourceLine(v *Validation, i int, it ProposalItemInput, known map[string]store.MediaResource, l *policy.Line, today time.Time) {
	field := func(name string) string { return Indexed("items", i, name) }
	ok := true
	for _, f := range [...]struct{ name, value string }{{"resource_id", it.ResourceID}, {"starts_on", it.StartsOn}, {"ends_on", it.EndsOn}} {
		if f.value == "" {
			v.Add(field(f.name), "field.required")
			ok = false
		}
	}
	if !ok {
		return
	}
	r, found := known[it.ResourceID]
	if !found {
		v.Add(field("resource_id"), "field.unknown_resource")
		return
	}
	from, okFrom := CheckDay(v, field("starts_on"), it.StartsOn, BusinessDays(today))
	to, okTo := CheckDay(v, field("ends_on"), it.EndsOn, BusinessDays(today))
	if !okFrom || !okTo {
		return
	}
	if it.ProductID != "" && it.ProductID != r.ProductID {
		v.Add(field("product_id"), "field.resource_product", r.ProductID)
		return
	}
	l.ProductID = r.ProductID
	starts, reason := policy.UnitStarts(policy.SellUnit(r.SellUnit), from, to)
	if reason != policy.RangeOK {
		v.Add(field("ends_on"), resourceLineRange[reason])
		return
	}
	if !r.ActiveOver(it.StartsOn, it.EndsOn) {
		v.Add(field("resource_id"), "field.resource_inactive", r.ActiveFrom, activeToText(r))
		return
	}
	n := int64(len(starts))
	switch {
	case l.Quantity == 0:
		l.Quantity = n
	case l.Quantity != n:
		v.Add(field("quantity"), "field.quantity_units", n)
		return
	}
	l.ResourceID, l.StartsOn, l.EndsOn = r.ID, it.StartsOn, it.EndsOn
}

// activeToText is a resource's last day of sale for a message, "…" when
// it is sold until further notice.
func activeToText(r store.MediaResource) string {
	if r.ActiveTo == "" {
		return "…"
	}
	return r.ActiveTo
}
