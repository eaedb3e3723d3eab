package api

import (
	"context"
	"time"

	"salesflow/policy"
	"salesflow/service"
	"salesflow/store"
)

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
func (s *Server) resolveResourceLines(ctx context.Context, v *validation, items []proposalItemInput, lines []policy.Line) error {
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

func resolveResourceLine(v *validation, i int, it proposalItemInput, known map[string]store.MediaResource, l *policy.Line, today time.Time) {
	field := func(name string) string { return service.Indexed("items", i, name) }
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
	from, okFrom := service.CheckDay(v, field("starts_on"), it.StartsOn, service.BusinessDays(today))
	to, okTo := service.CheckDay(v, field("ends_on"), it.EndsOn, service.BusinessDays(today))
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
