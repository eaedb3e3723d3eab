package wire

import (
	"time"

	"salesflow/store"
)

// The answers about media resources, availability, claims and waiting lists.

// MediaResource is a slot the company sells (issue 13).
type MediaResource struct {
	ID          string    `json:"id"`
	Code        string    `json:"code"`
	Name        string    `json:"name"`
	Kind        string    `json:"kind"`
	ProductID   string    `json:"product_id"`
	ProductName string    `json:"product_name"`
	City        string    `json:"city"`
	District    string    `json:"district"`
	Address     string    `json:"address"`
	Latitude    *float64  `json:"latitude"`
	Longitude   *float64  `json:"longitude"`
	Capacity    int       `json:"capacity"`
	SellUnit    string    `json:"sell_unit"`
	ActiveFrom  string    `json:"active_from"`
	ActiveTo    string    `json:"active_to,omitempty"`
	Notes       string    `json:"notes"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// MediaResourceOf is s as the API answers it.
func MediaResourceOf(s store.MediaResource) MediaResource { return MediaResource(s) }

// FreeResource is a resource of a free search with its faces free over the
// whole range.
type FreeResource struct {
	MediaResource
	FreeSlots int `json:"free_slots"`
}

// FreeResourceOf is s as the API answers it.
func FreeResourceOf(s store.FreeResource) FreeResource {
	return FreeResource{MediaResource: MediaResourceOf(s.MediaResource), FreeSlots: s.FreeSlots}
}

// ResourceWeeks is one row of the availability grid.
type ResourceWeeks struct {
	Resource MediaResource `json:"resource"`
	Weeks    []WeekCell    `json:"weeks"`
}

// ResourceWeeksOf is s as the API answers it.
func ResourceWeeksOf(s store.ResourceWeeks) ResourceWeeks {
	return ResourceWeeks{Resource: MediaResourceOf(s.Resource), Weeks: Map(s.Weeks, WeekCellOf)}
}

// WeekCell is one resource's week in the grid.
type WeekCell struct {
	Start     string              `json:"start"`
	State     string              `json:"state"`
	FreeSlots int                 `json:"free_slots"`
	Claims    []AvailabilityClaim `json:"claims,omitempty"`
}

// WeekCellOf is s as the API answers it.
func WeekCellOf(s store.WeekCell) WeekCell {
	return WeekCell{Start: s.Start, State: s.State, FreeSlots: s.FreeSlots, Claims: Map(s.Claims, AvailabilityClaimOf)}
}

// DayCell is one day of one resource.
type DayCell struct {
	Day       string              `json:"day"`
	State     string              `json:"state"`
	Capacity  int                 `json:"capacity"`
	FreeSlots int                 `json:"free_slots"`
	Claims    []AvailabilityClaim `json:"claims"`
}

// DayCellOf is s as the API answers it.
func DayCellOf(s store.DayCell) DayCell {
	return DayCell{Day: s.Day, State: s.State, Capacity: s.Capacity, FreeSlots: s.FreeSlots,
		Claims: Map(s.Claims, AvailabilityClaimOf)}
}

// AvailabilityClaim is one live claim as availability shows it.
type AvailabilityClaim struct {
	ID           string     `json:"id"`
	Slot         int        `json:"slot"`
	State        string     `json:"state"`
	From         string     `json:"from"`
	To           string     `json:"to"`
	ExpiresAt    *time.Time `json:"expires_at,omitempty"`
	HolderID     string     `json:"holder_id,omitempty"`
	HolderName   string     `json:"holder_name,omitempty"`
	CustomerName string     `json:"customer_name,omitempty"`
	ContractID   string     `json:"contract_id,omitempty"`
	ProposalID   string     `json:"proposal_id,omitempty"`
}

// AvailabilityClaimOf is s as the API answers it.
func AvailabilityClaimOf(s store.AvailabilityClaim) AvailabilityClaim { return AvailabilityClaim(s) }

// ResourceClaim is one claim on one slot of a media resource for a date
// range.
type ResourceClaim struct {
	ID            string     `json:"id"`
	ResourceID    string     `json:"resource_id"`
	Slot          int        `json:"slot"`
	StartsOn      string     `json:"starts_on"`
	EndsOn        string     `json:"ends_on"`
	State         string     `json:"state"`
	HolderID      string     `json:"holder_id,omitempty"`
	HolderName    string     `json:"holder_name,omitempty"`
	ProposalID    string     `json:"proposal_id,omitempty"`
	LineNo        int        `json:"line_no,omitempty"`
	ContractID    string     `json:"contract_id,omitempty"`
	CustomerID    string     `json:"customer_id,omitempty"`
	CustomerName  string     `json:"customer_name,omitempty"`
	ExpiresAt     *time.Time `json:"expires_at,omitempty"`
	Renewals      int        `json:"renewals"`
	CreatedAt     time.Time  `json:"created_at"`
	UpdatedAt     time.Time  `json:"updated_at"`
	ReleasedAt    *time.Time `json:"released_at,omitempty"`
	ReleaseReason string     `json:"release_reason,omitempty"`
}

// ResourceClaimOf is s as the API answers it.
func ResourceClaimOf(s store.ResourceClaim) ResourceClaim {
	return ResourceClaim{ID: s.ID, ResourceID: s.ResourceID, Slot: s.Slot, StartsOn: s.StartsOn, EndsOn: s.EndsOn,
		State: s.State, HolderID: s.HolderID, HolderName: s.HolderName, ProposalID: s.ProposalID, LineNo: s.LineNo,
		ContractID: s.ContractID, CustomerID: s.CustomerID, CustomerName: s.CustomerName, ExpiresAt: s.ExpiresAt,
		Renewals: s.Renewals, CreatedAt: s.CreatedAt, UpdatedAt: s.UpdatedAt, ReleasedAt: s.ReleasedAt,
		ReleaseReason: s.ReleaseReason}
}

// WaitlistEntry is one salesperson waiting for a resource's dates.
type WaitlistEntry struct {
	ID           int64      `json:"id"`
	ResourceID   string     `json:"resource_id"`
	StartsOn     string     `json:"from"`
	EndsOn       string     `json:"to"`
	UserID       string     `json:"user_id"`
	CustomerID   string     `json:"customer_id,omitempty"`
	State        string     `json:"state"`
	OfferClaimID string     `json:"offer_claim_id,omitempty"`
	OfferedUntil *time.Time `json:"offered_until,omitempty"`
	JoinedAt     time.Time  `json:"joined_at"`
	UpdatedAt    time.Time  `json:"updated_at"`
}

// WaitlistEntryOf is s as the API answers it.
func WaitlistEntryOf(s store.WaitlistEntry) WaitlistEntry { return WaitlistEntry(s) }
