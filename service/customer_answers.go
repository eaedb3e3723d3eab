package service

import (
	"context"
	"errors"
	"strings"
	"unicode"

	"github.com/google/uuid"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"

	"salesflow/activities"
	"salesflow/policy"
	"salesflow/store"
	"salesflow/workflows"
)

// The customer's side of a customer link (R5.5, F1; issue 11): whoever
// holds the link, with no account, reads what is to be signed or answered,
// has a one-time code mailed to the contact the link was sent to, and with
// the signatory's name and that code records the customer's signature or
// answer through the workflow's own Update.

// OpenedLink is a customer link with what it is for: the contract or the
// proposal (one of them, when read).
type OpenedLink struct {
	Link     store.CustomerLink
	Contract *store.Contract
	Proposal *store.Proposal
}

// LinkAnswerInput is the customer's answer through a link: the name they
// sign with, a note to a proposal's answer, the code mailed to them, and
// the request it came in as evidence (R5.5).
type LinkAnswerInput struct {
	SignatoryName string
	Note          string
	Code          string
	Accepted      bool // a proposal's answer
	ClientIP      string
	ForwardedFor  string
	UserAgent     string
}

// LinkGone is a link that cannot be used any more, and why: used,
// expired, revoked, changed (its document or version moved on) or closed
// (its subject no longer waits for the customer).
type LinkGone struct{ Reason string }

func (g LinkGone) Error() string { return "customer link " + g.Reason }

// Refusals of the customer's page.
var (
	ErrLinkUnknown  = NewError(KindNotFound, "not-found", "problem.link_unknown", "detail.link_unknown")
	ErrTooManyCodes = NewError(KindTooMany, "too-many-codes", "problem.too_many_codes", "detail.too_many_codes")
	errCodeLocked   = NewError(KindTooMany, "code-locked", "problem.code_locked", "detail.code_locked").
			WithField("code", "field.code_locked")
)

// OpenLink finds the link of token and what it is for, refusing one that
// cannot be used: unknown (ErrLinkUnknown), or used, expired, revoked,
// bound to a document that changed, or whose subject has moved on
// (LinkGone). What was read is returned with the refusal.
func (s *Service) OpenLink(ctx context.Context, token string) (OpenedLink, error) {
	var o OpenedLink
	l, err := s.store.CustomerLinkByToken(ctx, token)
	if errors.Is(err, store.ErrNotFound) {
		return o, ErrLinkUnknown
	}
	if err != nil {
		return o, err
	}
	o.Link = l
	if l.State != store.LinkOpen {
		return o, LinkGone{l.State}
	}
	if l.Purpose == store.LinkContractSign {
		return o, s.openContractLink(ctx, &o)
	}
	pr, err := s.store.ProposalByID(ctx, l.ProposalID)
	if err != nil {
		return o, err
	}
	o.Proposal = &pr
	switch {
	case pr.Version != l.ProposalVersion || ProposalHash(pr) != l.DocumentSHA256:
		return o, LinkGone{"changed"}
	case pr.Status != string(policy.ProposalApproved):
		return o, LinkGone{"closed"}
	}
	return o, nil
}

func (s *Service) openContractLink(ctx context.Context, o *OpenedLink) error {
	k, err := s.store.ContractByID(ctx, o.Link.ContractID)
	if err != nil {
		return err
	}
	o.Contract = &k
	doc, err := s.store.SigningDocumentOf(ctx, k.ID)
	if err != nil {
		return err
	}
	switch {
	case doc.SHA256 != o.Link.DocumentSHA256:
		return LinkGone{"changed"}
	case k.Status != string(policy.ContractApproved) || ContractSteps(k).SignedBy(policy.SignerCustomer):
		return LinkGone{"closed"}
	}
	return nil
}

// SendLinkCode mails a new one-time code to the contact of token's link,
// through the worker; a link has only so many codes (ErrTooManyCodes).
func (s *Service) SendLinkCode(ctx context.Context, token string) (OpenedLink, error) {
	o, err := s.OpenLink(ctx, token)
	if err != nil {
		return o, err
	}
	codeID := uuid.NewString()
	if err = s.store.NewLinkCode(ctx, o.Link.ID, codeID); errors.Is(err, store.ErrTooManyCodes) {
		return o, ErrTooManyCodes
	} else if err != nil {
		return o, err
	}
	return o, s.sendCustomerMail(ctx, workflows.CustomerMailCodeWorkflowID(codeID), activities.CustomerMailInput{CodeID: codeID})
}

// SignByLink records the customer's signature of the contract of token's
// link (R5.5).
func (s *Service) SignByLink(ctx context.Context, token string, in LinkAnswerInput) (OpenedLink, error) {
	return s.answerByLink(ctx, token, store.LinkContractSign, in, func(answer *workflows.CustomerAnswer) (string, any) {
		return workflows.UpdateContractSign, workflows.SignRequest{SignerRole: policy.SignerCustomer,
			SignatoryName: in.SignatoryName, Customer: answer}
	})
}

// AnswerByLink records the customer's answer to the proposal of token's
// link (F1).
func (s *Service) AnswerByLink(ctx context.Context, token string, in LinkAnswerInput) (OpenedLink, error) {
	return s.answerByLink(ctx, token, store.LinkProposalResponse, in, func(answer *workflows.CustomerAnswer) (string, any) {
		return workflows.UpdateProposalResponse, workflows.CustomerResponseRequest{Accepted: in.Accepted,
			Note: in.Note, Customer: answer}
	})
}

// answerByLink is the shape of both answers: open the link, check the
// name and the code (a wrong code counts a try), send the Update with the
// link's context.
func (s *Service) answerByLink(ctx context.Context, token, purpose string, in LinkAnswerInput, build func(*workflows.CustomerAnswer) (string, any)) (OpenedLink, error) {
	o, err := s.OpenLink(ctx, token)
	if err == nil && o.Link.Purpose != purpose {
		err = ErrLinkUnknown
	}
	var answer *workflows.CustomerAnswer
	if err == nil {
		answer, err = s.customerAnswer(ctx, o.Link, in)
	}
	if err == nil {
		name, arg := build(answer)
		err = s.customerUpdate(ctx, o, name, arg)
	}
	return o, err
}

// customerAnswer checks the answer and the code and gathers the link's
// context for the workflow and the audit.
func (s *Service) customerAnswer(ctx context.Context, l store.CustomerLink, in LinkAnswerInput) (*workflows.CustomerAnswer, error) {
	var v Validation
	checkSignatory(&v, "signatory_name", in.SignatoryName)
	CheckLen(&v, "note", in.Note, 2000)
	code := strings.TrimSpace(in.Code)
	if len(code) != 6 || strings.Trim(code, "0123456789") != "" {
		v.Add("code", "field.code_format")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	check, left, err := s.store.CheckLinkCode(ctx, l.ID, code)
	if err != nil {
		return nil, codeProblem(err, left)
	}
	subject := l.ContractID
	if l.Purpose == store.LinkProposalResponse {
		subject = l.ProposalID
	}
	return &workflows.CustomerAnswer{SubjectID: subject, ProposalVersion: l.ProposalVersion,
		CustomerEvidence: activities.CustomerEvidence{LinkID: l.ID, DocumentSHA256: l.DocumentSHA256,
			ContactName: l.ContactName, ContactEmail: l.ContactEmail, Code: check, ClientIP: in.ClientIP,
			ForwardedFor: in.ForwardedFor, UserAgent: in.UserAgent}}, nil
}

// codeProblem maps a refused code to what the customer reads beside it.
func codeProblem(err error, left int) error {
	var v Validation
	switch {
	case errors.Is(err, store.ErrCodeWrong):
		v.Add("code", "field.code_wrong", left)
	case errors.Is(err, store.ErrCodeLocked):
		return errCodeLocked
	case errors.Is(err, store.ErrCodeExpired):
		v.Add("code", "field.code_expired")
	case errors.Is(err, store.ErrNoCode):
		v.Add("code", "field.code_none")
	default:
		return err
	}
	return v.Err()
}

// checkSignatory: the name the customer signs with, as a person writes
// it — no control or direction-changing characters.
func checkSignatory(v *Validation, field, name string) {
	CheckName(v, field, name)
	for _, r := range name {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			v.Add(field, "field.signatory_printable")
			return
		}
	}
}

// customerUpdate sends the customer's answer. Its Update ID is the link's:
// a link answers once, so a repeated submit is the same decision.
// A refusal for the state (the other party or a paper answer came first,
// the link was spent by a racing request) says the link is closed.
func (s *Service) customerUpdate(ctx context.Context, o OpenedLink, name string, arg any) error {
	workflowID := ""
	if o.Contract != nil {
		workflowID = o.Contract.WorkflowID
	} else if o.Proposal != nil {
		workflowID = o.Proposal.WorkflowID
	}
	err := s.updateAndWait(ctx, client.UpdateWorkflowOptions{WorkflowID: workflowID,
		UpdateID: name + ":link:" + o.Link.ID, UpdateName: name, Args: []any{arg},
		WaitForStage: client.WorkflowUpdateStageCompleted}, nil)
	var appErr *temporal.ApplicationError
	if IsWorkflowGone(err) || errors.As(err, &appErr) && appErr.Type() == workflows.ErrTypeConflict {
		return LinkGone{"closed"}
	}
	return err
}
