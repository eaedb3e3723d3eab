// Package payload holds the types the workflows put in their histories:
// workflow inputs, Update arguments, Query results and the arguments and
// results of the activities they run. The workflows own them, not store/:
// a store row is free to rename a column, while a payload's JSON is part of
// every recorded history and changes only with a replay test beside it.
// Each type encodes exactly as the store row it replaced did, so histories
// recorded before this package existed still decode
// (workflows/replay_test.go).
//
// It is a package of its own, under workflows/, because workflows imports
// activities (to name the activities it runs), and activities must convert
// these payloads to and from store rows: the types cannot sit in package
// workflows without an import cycle. It imports nothing of ours but policy.
package payload

import (
	"time"

	"salesflow/policy"
)

// ProposalDraft is the content of one proposal version as the author wrote
// it.
type ProposalDraft struct {
	Title string        `json:"title"`
	Body  string        `json:"body"`
	Lines []policy.Line `json:"lines"`
}

// ContractDraft is the content of one contract version as the author wrote
// it: lines priced in fen, service terms (R5.1) and the period.
type ContractDraft struct {
	Lines        []policy.Line       `json:"lines"`
	ServiceTerms policy.ServiceTerms `json:"service_terms"`
	StartsOn     string              `json:"starts_on,omitempty"`
	EndsOn       string              `json:"ends_on,omitempty"`
}

// ContractHead is what the contract workflow keeps of the current version.
type ContractHead struct {
	Version         int    `json:"version"`
	ContentHash     string `json:"content_hash"`
	HasServiceTerms bool   `json:"has_service_terms"`
}

// ApprovalRound is what opening an approval round decided: whether the
// contract is major (R5.3) and the approvals it needs, in order (R5.2).
type ApprovalRound struct {
	Major    bool          `json:"major"`
	Required []policy.Role `json:"required"`
}

// VisitReport is what the salesperson learnt at the meeting (R3.3, R3.8).
type VisitReport struct {
	Notes           string    `json:"notes"`
	MetName         string    `json:"met_name"`
	MetTitle        string    `json:"met_title"`
	IsDecisionMaker bool      `json:"is_decision_maker"`
	Needs           string    `json:"needs"`
	AuthorID        string    `json:"author_id"`
	CreatedAt       time.Time `json:"created_at"`
	Late            bool      `json:"late"`
}

// ContactStatus is what the contact-deadline workflow checks before it
// reminds or escalates (R2.5).
type ContactStatus struct {
	Current   bool   `json:"current"`   // the ownership is still the asked-for one
	Contacted bool   `json:"contacted"` // an interaction was logged since it began
	OwnerID   string `json:"owner_id"`
	ManagerID string `json:"manager_id"`
	Name      string `json:"name"`
}
