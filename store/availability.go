package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/lib/pq"

	"salesflow/policy"
)

// Availability (issue 13): which weeks of which resources are free, held
// or booked. It reads resource_claims (written by the holds and bookings)
// and never writes.

// AvailabilityFilter selects a page of resources by code and the Weeks
// 7-day weeks from From (YYYY-MM-DD).
type AvailabilityFilter struct {
	Kind, City string
	From       string
	Weeks      int
	Page       Page
}

// MaxAvailabilityWeeks bounds a grid: a year and a little.
const MaxAvailabilityWeeks = 60

// AvailabilityClaim is one live claim on a resource's slot as availability shows it.
// Who holds it, for which customer and contract is for the viewers
// policy.SeesClaim allows; the API blanks them for anyone else.
type AvailabilityClaim struct {
	ID           string     `json:"id"`
	Slot         int        `json:"slot"`
	State        string     `json:"state"` // held, offered, booked
	From         string     `json:"from"`  // first day, inclusive
	To           string     `json:"to"`    // last day, inclusive
	ExpiresAt    *time.Time `json:"expires_at,omitempty"`
	HolderID     string     `json:"holder_id,omitempty"`
	HolderName   string     `json:"holder_name,omitempty"`
	CustomerName string     `json:"customer_name,omitempty"`
	ContractID   string     `json:"contract_id,omitempty"`
	ProposalID   string     `json:"proposal_id,omitempty"`
}

// WeekCell is one resource's week: its state (policy.WeekState), how many
// slots are free all week, and the live claims touching it.
type WeekCell struct {
	Start     string              `json:"start"`
	State     string              `json:"state"`
	FreeSlots int                 `json:"free_slots"`
	Claims    []AvailabilityClaim `json:"claims,omitempty"`
}

// ResourceWeeks is one row of the grid.
type ResourceWeeks struct {
	Resource MediaResource `json:"resource"`
	Weeks    []WeekCell    `json:"weeks"`
}

// claimRow is a live claim with the grid weeks it touches (FirstWeek to
// LastWeek, 0 for the grid's first); its days are counted from the grid's
// first day and its expiry in Unix seconds, so the rows parse no time.
type claimRow struct {
	ResourceID   string         `db:"resource_id"`
	FirstWeek    int            `db:"first_week"`
	LastWeek     int            `db:"last_week"`
	ID           string         `db:"id"`
	Slot         int            `db:"slot"`
	State        string         `db:"state"`
	FromDay      int            `db:"from_day"`
	UntilDay     int            `db:"until_day"` // exclusive
	ExpiresAt    sql.NullInt64  `db:"expires_at"`
	HolderID     string         `db:"holder_id"`
	HolderName   string         `db:"holder_name"`
	CustomerName sql.NullString `db:"customer_name"`
	ContractID   sql.NullString `db:"contract_id"`
	ProposalID   sql.NullString `db:"proposal_id"`
}

func (r claimRow) toClaim(gridStart time.Time) AvailabilityClaim {
	c := AvailabilityClaim{ID: r.ID, Slot: r.Slot, State: r.State,
		From: gridStart.AddDate(0, 0, r.FromDay).Format(policy.DateLayout),
		To:   gridStart.AddDate(0, 0, r.UntilDay-1).Format(policy.DateLayout), HolderID: r.HolderID,
		HolderName: r.HolderName, CustomerName: r.CustomerName.String, ContractID: r.ContractID.String,
		ProposalID: r.ProposalID.String}
	if r.ExpiresAt.Valid {
		t := time.Unix(r.ExpiresAt.Int64, 0).UTC()
		c.ExpiresAt = &t
	}
	return c
}

func (r claimRow) toSpan(gridDay int) policy.ClaimSpan {
	return policy.ClaimSpan{Slot: r.Slot, From: gridDay + r.FromDay, To: gridDay + r.UntilDay - 1, Booked: r.State == "booked"}
}

// weekClaims is every live claim on resources ids touching the weeks
// from..from+7×weeks, once, with the grid weeks it touches (first_week to
// last_week, 0 for the first). One set-based query: the claims are found
// by a probe of the gist index resource_claims_live_idx (resource_id,
// period) per resource over the whole range; an = ANY over the ids cannot
// use a gist index and scanned by period alone (400 ms at issue 13's size).
// A first version joined each claim to its weeks with generate_series; the
// rows it repeated per week cost more to send and scan than the weeks cost
// to count here. The customer is the contract's, else the proposal's.
const weekClaims = `SELECT c.resource_id, c.id, c.slot, c.state,
		lower(c.period) - $2::date AS from_day, upper(c.period) - $2::date AS until_day,
		GREATEST(0, (lower(c.period) - $2::date) / 7) AS first_week,
		LEAST($3 - 1, (upper(c.period) - 1 - $2::date) / 7) AS last_week,
		extract(epoch FROM c.expires_at)::bigint AS expires_at, c.holder_id, u.name AS holder_name,
		COALESCE(kc.name, pc.name) AS customer_name, c.contract_id, c.proposal_id
	FROM unnest($1::text[]) AS r(id)
	CROSS JOIN LATERAL (SELECT c.id, c.resource_id, c.slot, c.period, c.state, c.expires_at, c.holder_id,
		c.contract_id, c.proposal_id FROM resource_claims c WHERE c.resource_id = r.id AND c.state <> 'released'
		AND c.period && daterange($2::date, $2::date + 7 * $3) OFFSET 0) c
	JOIN users u ON u.id = c.holder_id
	LEFT JOIN contracts k ON k.id = c.contract_id LEFT JOIN customers kc ON kc.id = k.customer_id
	LEFT JOIN proposals p ON p.id = c.proposal_id LEFT JOIN customers pc ON pc.id = p.customer_id
	ORDER BY c.resource_id, c.slot, lower(c.period)`

// Availability answers the grid: a page of resources (ListResources'
// filter and order) and, for each, its weeks with their state.
func (s *Store) Availability(ctx context.Context, f AvailabilityFilter) ([]ResourceWeeks, string, error) {
	from, err := time.Parse(policy.DateLayout, f.From)
	if err != nil || f.Weeks < 1 || f.Weeks > MaxAvailabilityWeeks {
		return nil, "", fmt.Errorf("availability of %d weeks from %q: %w", f.Weeks, f.From, ErrInvalid)
	}
	list, next, err := s.ListResources(ctx, ResourceFilter{Kind: f.Kind, City: f.City, Page: f.Page})
	if err != nil {
		return nil, "", err
	}
	ids := make([]string, len(list))
	for i, r := range list {
		ids[i] = r.ID
	}
	var rows []claimRow
	if len(ids) > 0 {
		if err := s.db.SelectContext(ctx, &rows, weekClaims, pq.StringArray(ids), f.From, f.Weeks); err != nil {
			return nil, "", err
		}
	}
	gridDay := policy.DayNumber(from)
	cells := cellsOf(rows, from, gridDay)
	starts := make([]string, f.Weeks)
	for w := range starts {
		starts[w] = from.AddDate(0, 0, 7*w).Format(policy.DateLayout)
	}
	out := make([]ResourceWeeks, len(list))
	for i, r := range list {
		out[i] = ResourceWeeks{Resource: r, Weeks: make([]WeekCell, f.Weeks)}
		activeFrom, activeTo := r.activeDays()
		for w := range f.Weeks {
			cell := WeekCell{Start: starts[w]}
			var spans []policy.ClaimSpan
			if cc := cells[cellKey{r.ID, w}]; cc != nil {
				cell.Claims, spans = cc.claims, cc.spans
			}
			state, free := policy.WeekState(r.Capacity, activeFrom, activeTo, gridDay+7*w, spans)
			cell.State, cell.FreeSlots = string(state), free
			out[i].Weeks[w] = cell
		}
	}
	return out, next, nil
}

// activeDays is r's days of sale as policy.DayNumbers (to
// policy.NoLastDay: sold until further notice).
func (r MediaResource) activeDays() (from, to int) {
	first, _ := time.Parse(policy.DateLayout, r.ActiveFrom)
	from, to = policy.DayNumber(first), policy.NoLastDay
	if r.ActiveTo != "" {
		last, _ := time.Parse(policy.DateLayout, r.ActiveTo)
		to = policy.DayNumber(last)
	}
	return from, to
}

// cellKey names one resource's week of the grid.
type cellKey struct {
	resource string
	week     int
}

// cellClaims is the claims touching one cell, as shown and as judged.
type cellClaims struct {
	claims []AvailabilityClaim
	spans  []policy.ClaimSpan
}

// cellsOf puts each claim of the claims query into every cell it touches.
func cellsOf(rows []claimRow, from time.Time, gridDay int) map[cellKey]*cellClaims {
	cells := map[cellKey]*cellClaims{}
	for _, r := range rows {
		c, span := r.toClaim(from), r.toSpan(gridDay)
		for w := r.FirstWeek; w <= r.LastWeek; w++ {
			k := cellKey{r.ResourceID, w}
			cc := cells[k]
			if cc == nil {
				cc = &cellClaims{}
				cells[k] = cc
			}
			cc.claims, cc.spans = append(cc.claims, c), append(cc.spans, span)
		}
	}
	return cells
}
