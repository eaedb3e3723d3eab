// Package workflows holds the Temporal workflows that drive the policy's loops
// and deadlines: one file per workflow, and this file as the contract the API
// and the worker share — task queue, workflow IDs, Update and Query names,
// payloads and the error types validators return.
//
// Workflow code is deterministic: time comes from workflow.Now and timers,
// I/O happens only in activities, and every human decision is an Update with
// a validator so a wrong or stale request is refused without touching history.
package workflows

import (
	"salesflow/policy"
	"salesflow/store"
)

// DefaultTaskQueue is the task queue the worker polls unless configured
// otherwise (tests use their own so they never meet a running dev worker).
const DefaultTaskQueue = "salesflow"

// Search attributes registered on the server (see scripts/temporal.sh) so an
// admin can filter workflows in the Temporal UI.
const (
	SearchAttrCustomerID = "CustomerID"
	SearchAttrOwnerID    = "OwnerID"
	SearchAttrStage      = "Stage"
)

// ProposalWorkflowID is the workflow ID of proposal id: one workflow per
// proposal, so its history is the proposal's whole story.
func ProposalWorkflowID(proposalID string) string { return "proposal-" + proposalID }

// Update and Query names of the proposal workflow (F1).
const (
	UpdateProposalCreated  = "created"           // waits for version 1 to be stored
	UpdateProposalRevise   = "revise"            // author: new version (draft, revising)
	UpdateProposalSubmit   = "submit"            // author: send to review
	UpdateProposalDecide   = "decide"            // reviewer: approve or reject
	UpdateProposalResponse = "customer-response" // author: customer's answer
	QueryProposalState     = "state"
)

// Error types returned by validators and handlers; the API maps each to a
// problem type and HTTP status.
const (
	ErrTypeForbidden  = "Forbidden"  // the actor may not do this (403)
	ErrTypeSelfReview = "SelfReview" // author deciding their own work (403)
	ErrTypeConflict   = "Conflict"   // not possible in the current state (409)
	ErrTypeInvalid    = "Invalid"    // the request itself is malformed (422)
)

// ProposalInput starts a proposal workflow.
type ProposalInput struct {
	ProposalID string              `json:"proposal_id"`
	CustomerID string              `json:"customer_id"`
	Owner      policy.Actor        `json:"owner"`
	Draft      store.ProposalDraft `json:"draft"`
	// Resume carries the state across continue-as-new; nil on a new proposal.
	Resume *ProposalState `json:"resume,omitempty"`
}

// ProposalState is the live state of a proposal, as the Query returns it.
type ProposalState struct {
	ProposalID  string                  `json:"proposal_id"`
	Status      policy.ProposalStatus   `json:"status"`
	Version     int                     `json:"version"`
	Submissions int                     `json:"submissions"`
	OpenTaskID  string                  `json:"open_task_id,omitempty"`
	Review      policy.ReviewAssignment `json:"review"`
	LastComment string                  `json:"last_comment,omitempty"`
}

// ReviseRequest is a new version from the author.
type ReviseRequest struct {
	Actor policy.Actor        `json:"actor"`
	Draft store.ProposalDraft `json:"draft"`
}

// SubmitRequest sends the current version to review.
type SubmitRequest struct {
	Actor policy.Actor `json:"actor"`
}

// Decision values of a review or approval task.
const (
	DecisionApprove = "approve"
	DecisionReject  = "reject"
)

// DecideRequest answers the open review task.
type DecideRequest struct {
	Actor    policy.Actor `json:"actor"`
	TaskID   string       `json:"task_id"`
	Decision string       `json:"decision"`
	Comment  string       `json:"comment"`
}

// CustomerResponseRequest records the customer's answer to an approved
// proposal.
type CustomerResponseRequest struct {
	Actor    policy.Actor `json:"actor"`
	Accepted bool         `json:"accepted"`
	Note     string       `json:"note"`
}

// ProposalResult is what a finished proposal workflow returns: the accepted
// version, which the contract loop (F2) drafts from.
type ProposalResult struct {
	ProposalID string `json:"proposal_id"`
	Version    int    `json:"version"`
}
