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
	"time"

	"github.com/google/uuid"

	"salesflow/activities"
	"salesflow/policy"
	"salesflow/workflows/payload"
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
	// ErrTypeNotYet: the workflow is finishing a step of its own the request
	// waits on (a signing document being issued); the same request shortly
	// after will be accepted (503 still-running, Retry-After), where a 409
	// would tell the client to give up.
	ErrTypeNotYet = "NotYet"
)

// ProposalInput starts a proposal workflow.
type ProposalInput struct {
	ProposalID string                `json:"proposal_id"`
	CustomerID string                `json:"customer_id"`
	Owner      policy.Actor          `json:"owner"`
	Draft      payload.ProposalDraft `json:"draft"`
	// ContractTiming is handed to the contract workflow started on
	// acceptance (F2); absent in proposals started before F2.
	ContractTiming ContractTiming `json:"contract_timing,omitempty"`
	// HoldTiming is how long the holds of its resource lines last (issue
	// 13); zero: SALESFLOW_HOLD_WORKING_DAYS' default of 7 working days.
	HoldTiming HoldTiming `json:"hold_timing,omitempty"`
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
	// ContractID names the contract drafted from the accepted version
	// (F2), in the acceptance's answer once its workflow has started.
	ContractID string `json:"contract_id,omitempty"`
	// HoldRound is the submission whose resource lines are held (issue
	// 13; its HoldWorkflow is HoldWorkflowID(ProposalID, HoldRound)), 0
	// when none has been.
	HoldRound int `json:"hold_round,omitempty"`
}

// ReviseRequest is a new version from the author.
type ReviseRequest struct {
	Actor policy.Actor          `json:"actor"`
	Draft payload.ProposalDraft `json:"draft"`
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
// proposal: given by the customer through a customer link (Customer set,
// no Actor), or on paper and recorded by the author (Paper).
type CustomerResponseRequest struct {
	Actor    policy.Actor    `json:"actor"`
	Accepted bool            `json:"accepted"`
	Note     string          `json:"note"`
	Customer *CustomerAnswer `json:"customer,omitempty"`
	Paper    bool            `json:"paper,omitempty"`
}

// ProposalResult is what a finished proposal workflow returns: the accepted
// version, which the contract loop (F2) drafts from.
type ProposalResult struct {
	ProposalID string `json:"proposal_id"`
	Version    int    `json:"version"`
	ContractID string `json:"contract_id,omitempty"`
}

// ContractIDFor is the ID of the contract drafted from proposal id: derived,
// not random, so workflow code stays deterministic and the API can find the
// contract of an accepted proposal at once.
func ContractIDFor(proposalID string) string {
	return uuid.NewSHA1(uuid.NameSpaceURL, []byte("salesflow:contract:"+proposalID)).String()
}

// ContractWorkflowID is the workflow ID of contract id: one workflow per
// contract, a child of its proposal's workflow (F1 → F2).
func ContractWorkflowID(contractID string) string { return "contract-" + contractID }

// Update and Query names of the contract workflow (F2).
const (
	UpdateContractDrafted = "drafted" // waits for version 1 to be stored
	UpdateContractRevise  = "revise"  // author: new version (drafting, revising)
	UpdateContractSubmit  = "submit"  // author: send to approval (R5.1 terms needed)
	UpdateContractDecide  = "decide"  // approver or delegate: approve or reject
	UpdateContractRecall  = "recall"  // author: take back before anyone decided (撤回)
	UpdateContractSign    = "sign"    // company approver/delegate; the customer by link, or the owner for paper (R5.5)
	QueryContractState    = "state"
)

// ErrTypeNoServiceTerms refuses a submit without service terms (R5.1, 422).
const ErrTypeNoServiceTerms = "NoServiceTerms"

// ContractTiming sets when a waiting approval step reminds its approver and
// when it is escalated. Zero values mean the policy defaults: one and three
// working days (ReminderWorkingDays, EscalationWorkingDays).
type ContractTiming struct {
	RemindAfter   time.Duration `json:"remind_after,omitempty"`
	EscalateAfter time.Duration `json:"escalate_after,omitempty"`
}

// Default waiting times of an approval step, in working days.
const (
	ReminderWorkingDays   = 1
	EscalationWorkingDays = 3
)

// ContractInput starts a contract workflow: the accepted proposal version it
// is drafted from.
type ContractInput struct {
	ContractID      string         `json:"contract_id"`
	ProposalID      string         `json:"proposal_id"`
	ProposalVersion int            `json:"proposal_version"`
	CustomerID      string         `json:"customer_id"`
	Owner           policy.Actor   `json:"owner"`
	Timing          ContractTiming `json:"timing"`
}

// ApprovalRecord is one approval counted in the current round.
type ApprovalRecord struct {
	Role        policy.Role `json:"role"`
	DecidedBy   string      `json:"decided_by"`
	OnBehalfOf  string      `json:"on_behalf_of,omitempty"`
	ContentHash string      `json:"content_hash"`
}

// ContractState is the live state of a contract, as the Query returns it.
type ContractState struct {
	ContractID      string                `json:"contract_id"`
	Status          policy.ContractStatus `json:"status"`
	Drafted         bool                  `json:"drafted"`
	Version         int                   `json:"version"`
	ContentHash     string                `json:"content_hash"`
	HasServiceTerms bool                  `json:"has_service_terms"`
	Round           int                   `json:"round"`
	Major           bool                  `json:"major"`
	Required        []policy.Role         `json:"required_approvals"`
	Step            int                   `json:"step"`
	OpenTaskID      string                `json:"open_task_id,omitempty"`
	EscalatedTo     string                `json:"escalated_to,omitempty"`
	Approvals       []ApprovalRecord      `json:"approvals"`
	// DocumentIssued: the signing document is stored, so the parties can
	// sign (R5.5).
	DocumentIssued bool `json:"document_issued"`
	// DocumentSHA256 is the issued document's hash, which a customer
	// link must be bound to; "" in runs that issued it before it was kept.
	DocumentSHA256 string              `json:"document_sha256,omitempty"`
	Signed         []policy.SignerRole `json:"signed"`
	LastComment    string              `json:"last_comment,omitempty"`
}

// ContractReviseRequest is a new contract version from the author.
type ContractReviseRequest struct {
	Actor policy.Actor          `json:"actor"`
	Draft payload.ContractDraft `json:"draft"`
}

// ContractDecideRequest answers the open approval step. OnBehalfOf is the
// delegator (with their roles) when the API resolved an active delegation
// for the actor (R5.5); the validator checks the roles, never the database.
type ContractDecideRequest struct {
	Actor      policy.Actor  `json:"actor"`
	OnBehalfOf *policy.Actor `json:"on_behalf_of,omitempty"`
	TaskID     string        `json:"task_id"`
	Decision   string        `json:"decision"`
	Comment    string        `json:"comment"`
}

// RecallRequest takes a submitted contract back before anyone decided.
type RecallRequest struct {
	Actor policy.Actor `json:"actor"`
}

// SignRequest is one party's signature (R5.5): the company's by a company
// approver or their delegate; the customer's by the customer's contact
// through a customer link (Customer set, no Actor), or, for a signature
// given on paper, recorded by the owner with the signed scan's SHA-256.
type SignRequest struct {
	Actor         policy.Actor      `json:"actor"`
	OnBehalfOf    *policy.Actor     `json:"on_behalf_of,omitempty"`
	SignerRole    policy.SignerRole `json:"signer_role"`
	SignatoryName string            `json:"signatory_name,omitempty"`
	// Customer is the customer link the customer signed through.
	Customer *CustomerAnswer `json:"customer,omitempty"`
	// PaperScanSHA256 is the stored scan of a signature given on paper.
	PaperScanSHA256 string `json:"paper_scan_sha256,omitempty"`
}

// How a signature or a customer's answer was given (issue 11).
const (
	MethodAccount = "account" // a signed-in user: the company's signature
	MethodLink    = "link"    // the customer's contact, through a customer link and a mailed code
	MethodPaper   = "paper"   // given on paper, recorded by the owner
)

// CustomerAnswer is the context of an answer the customer gave through a
// customer link, as the API established it from the database before
// asking the workflow: the link, whom it was sent to, what it is bound to
// (the signing document's SHA-256, or the proposal version), the check of
// the one-time code and where the request came from. The validator checks
// that it fits this workflow; the activity spends the link in the same
// transaction as the answer.
type CustomerAnswer struct {
	activities.CustomerEvidence
	SubjectID       string `json:"subject_id"`
	ProposalVersion int    `json:"proposal_version,omitempty"`
}
