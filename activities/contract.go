package activities

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"

	"salesflow/policy"
	"salesflow/store"
	"salesflow/workflows/payload"
)

// DraftContractInput drafts a contract from the accepted proposal version
// (F2 起草).
type DraftContractInput struct {
	ContractID      string       `json:"contract_id"`
	WorkflowID      string       `json:"workflow_id"`
	ProposalID      string       `json:"proposal_id"`
	ProposalVersion int          `json:"proposal_version"`
	Owner           policy.Actor `json:"owner"`
}

// DraftContract writes version 1 with the proposal's items and agreed
// prices and links the proposal to it.
func (a *Activities) DraftContract(ctx context.Context, in DraftContractInput) (payload.ContractHead, error) {
	c := store.NewContract{ID: in.ContractID, WorkflowID: in.WorkflowID, ProposalID: in.ProposalID,
		ProposalVersion: in.ProposalVersion}
	step := store.Step{Key: in.WorkflowID + "/drafted", ActorID: in.Owner.ID, Action: "contract.drafted",
		Detail: map[string]any{"version": 1, "proposal_id": in.ProposalID, "proposal_version": in.ProposalVersion}}
	head, err := a.Store.DraftContract(ctx, c, step)
	return contractHead(head), classify(err)
}

// ReviseContractInput is a new version written by the author (F2 修改).
type ReviseContractInput struct {
	ContractID string                `json:"contract_id"`
	StepKey    string                `json:"step_key"`
	Actor      policy.Actor          `json:"actor"`
	Version    int                   `json:"version"`
	Draft      payload.ContractDraft `json:"draft"`
}

// ReviseContract keeps the new version, makes it current and voids every
// earlier approval.
func (a *Activities) ReviseContract(ctx context.Context, in ReviseContractInput) (payload.ContractHead, error) {
	step := store.Step{Key: in.StepKey, ActorID: in.Actor.ID, Action: "contract.revised",
		Detail: map[string]any{"version": in.Version}}
	head, err := a.Store.SaveContractRevision(ctx, in.ContractID, in.Version, in.Actor.ID, contractDraftRow(in.Draft), step)
	return contractHead(head), classify(err)
}

// OpenApprovalInput submits the current version for approval.
type OpenApprovalInput struct {
	ContractID string       `json:"contract_id"`
	WorkflowID string       `json:"workflow_id"`
	StepKey    string       `json:"step_key"`
	TaskID     string       `json:"task_id"`
	Round      int          `json:"round"`
	Version    int          `json:"version"`
	Author     policy.Actor `json:"author"`
	DueAt      time.Time    `json:"due_at"`
}

// OpenApproval judges the contract major or not against the owner's
// discount authority (R5.3), fixes the approvals it needs (R5.2) and opens
// the first step's task.
func (a *Activities) OpenApproval(ctx context.Context, in OpenApprovalInput) (payload.ApprovalRound, error) {
	step := store.Step{Key: in.StepKey, ActorID: in.Author.ID, Action: "contract.submitted",
		Detail: map[string]any{"version": in.Version, "round": in.Round, "task_id": in.TaskID}}
	round, err := a.Store.OpenApprovalRound(ctx, in.ContractID, step, func(first policy.Role) store.NewTask {
		return approvalTask(in.TaskID, in.ContractID, in.WorkflowID, in.Author.ID, in.Version, first, in.DueAt)
	})
	return approvalRound(round), classify(err)
}

func approvalTask(id, contractID, workflowID, authorID string, version int, role policy.Role, due time.Time) store.NewTask {
	return store.NewTask{ID: id, Kind: "contract_approval", SubjectType: "contract", SubjectID: contractID,
		SubjectVersion: version, WorkflowID: workflowID, AuthorID: authorID, AssigneeRole: string(role), DueAt: due}
}

// NextStep is the approval step opened after an approval, if any.
type NextStep struct {
	TaskID string      `json:"task_id"`
	Role   policy.Role `json:"role"`
	DueAt  time.Time   `json:"due_at"`
}

// ApprovalDecisionInput is one decision of an approval step.
type ApprovalDecisionInput struct {
	ContractID  string       `json:"contract_id"`
	WorkflowID  string       `json:"workflow_id"`
	StepKey     string       `json:"step_key"`
	TaskID      string       `json:"task_id"`
	Version     int          `json:"version"`
	ContentHash string       `json:"content_hash"`
	Round       int          `json:"round"`
	Role        policy.Role  `json:"role"`
	AuthorID    string       `json:"author_id"`
	Actor       policy.Actor `json:"actor"`
	OnBehalfOf  string       `json:"on_behalf_of,omitempty"`
	// Authority is how the actor may decide: "" in their own role,
	// "delegated" or "escalated" (the audit says which).
	Authority string                `json:"authority,omitempty"`
	Approve   bool                  `json:"approve"`
	Comment   string                `json:"comment"`
	NewStatus policy.ContractStatus `json:"new_status"`
	Next      *NextStep             `json:"next,omitempty"`
}

// RecordApprovalDecision stores the decision with the content hash it
// decided on, closes the task and opens the next step's, if any.
func (a *Activities) RecordApprovalDecision(ctx context.Context, in ApprovalDecisionInput) error {
	decision, action := "reject", "contract.approval_rejected"
	if in.Approve {
		decision, action = "approve", "contract.approval_approved"
	}
	step := store.Step{Key: in.StepKey, ActorID: in.Actor.ID, OnBehalfOf: in.OnBehalfOf, Action: action,
		Detail: map[string]any{"version": in.Version, "role": in.Role, "task_id": in.TaskID,
			"content_hash": in.ContentHash, "comment": in.Comment, "authority": authorityOf(in.Authority)}}
	d := store.ApprovalDecision{ContractID: in.ContractID, ContentHash: in.ContentHash, TaskID: in.TaskID,
		Version: in.Version, Round: in.Round, Role: in.Role, DecidedBy: in.Actor.ID, OnBehalfOf: in.OnBehalfOf,
		Decision: decision, Comment: in.Comment}
	var next *store.NewTask
	if in.Next != nil {
		t := approvalTask(in.Next.TaskID, in.ContractID, in.WorkflowID, in.AuthorID, in.Version, in.Next.Role, in.Next.DueAt)
		next = &t
	}
	return classify(a.Store.RecordApprovalDecision(ctx, d, in.NewStatus, next, step))
}

// RecallInput takes a submitted contract back (撤回).
type RecallInput struct {
	ContractID string       `json:"contract_id"`
	StepKey    string       `json:"step_key"`
	TaskID     string       `json:"task_id"`
	Actor      policy.Actor `json:"actor"`
}

// RecallContract withdraws the open task and sends the contract back to
// revising.
func (a *Activities) RecallContract(ctx context.Context, in RecallInput) error {
	step := store.Step{Key: in.StepKey, ActorID: in.Actor.ID, Action: "contract.recalled",
		Detail: map[string]any{"task_id": in.TaskID}}
	return classify(a.Store.SetContractStatus(ctx, in.ContractID, policy.ContractRevising, step, func(tx *sqlx.Tx) error {
		return store.CancelTask(ctx, tx, in.TaskID)
	}))
}

// WaitingStepInput names an approval task that has waited too long.
type WaitingStepInput struct {
	ContractID string      `json:"contract_id"`
	StepKey    string      `json:"step_key"`
	TaskID     string      `json:"task_id"`
	Role       policy.Role `json:"role"`
}

// RemindApprover flags the task as reminded and writes the reminder to the
// contract's trail, where the inbox and the history show it.
func (a *Activities) RemindApprover(ctx context.Context, in WaitingStepInput) error {
	step := store.Step{Key: in.StepKey, Action: "contract.approval_reminded",
		Detail: map[string]any{"task_id": in.TaskID, "role": in.Role}}
	return classify(a.Store.MarkTaskReminded(ctx, in.ContractID, in.TaskID, step))
}

// EscalateApproval re-offers the task to the manager of the role's holders
// (or an admin) and returns who that is.
func (a *Activities) EscalateApproval(ctx context.Context, in WaitingStepInput) (string, error) {
	step := store.Step{Key: in.StepKey, Action: "contract.approval_escalated",
		Detail: map[string]any{"task_id": in.TaskID, "role": in.Role}}
	target, err := a.Store.EscalateTask(ctx, in.ContractID, in.TaskID, in.Role, step)
	return target, classify(err)
}

// authorityOf names, for the audit, on what authority an approval was
// given: the role itself, a delegation or an escalation to the approvers'
// manager (issue 11: an escalated decision says so).
func authorityOf(a string) string {
	if a == "" {
		return "role"
	}
	return a
}
