package payload

import "time"

// HoldOutcome is what holding a proposal's resource lines changed: the
// claims now held, and the claims released because their line is gone
// (for the waiting list).
type HoldOutcome struct {
	Held     []ResourceClaim `json:"held"`
	Released []string        `json:"released"`
}

// ResourceClaim is one claim on a slot of a media resource for a date
// range (issue 13), as a hold step reports it.
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

// Offer is a slot kept for one person of a waiting list until ExpiresAt.
type Offer struct {
	ClaimID    string    `json:"claim_id"`
	UserID     string    `json:"user_id"`
	ExpiresAt  time.Time `json:"expires_at"`
	WaitlistID int64     `json:"waitlist_id"`
}

// ClaimTaken is the details of an ErrTypeResourceTaken failure: every slot
// of the resource is claimed by someone else for dates overlapping the
// line's, until TakenUntil (nil for a booking) and by whom, which the API
// shows only to those who may see other people's customers.
type ClaimTaken struct {
	LineNo       int        `json:"line"`
	ResourceID   string     `json:"resource_id"`
	StartsOn     string     `json:"starts_on"`
	EndsOn       string     `json:"ends_on"`
	State        string     `json:"state"`
	TakenUntil   *time.Time `json:"taken_until,omitempty"`
	HolderID     string     `json:"holder_id"`
	HolderName   string     `json:"holder_name"`
	CustomerName string     `json:"customer_name"`
}

// HoldSet is what the workflow watching one submission's holds needs to
// know: how many are live, when the first lapses, and whether the
// proposal's contract is under way (its holds then do not lapse).
type HoldSet struct {
	Live            int        `json:"live"`
	ExpiresAt       *time.Time `json:"expires_at,omitempty"`
	ContractPending bool       `json:"contract_pending"`
}
