package service

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"

	"salesflow/policy"
	"salesflow/store"
	"salesflow/workflows"
)

// The lists the JSON API and the pages both show, each with its filter's
// rule (a value the list does not know is refused naming the parameter
// and the values it takes) and the visibility of package visibility.go.

// ProposalStatuses are the steps of F1 in order: the values a proposal
// list's status filter takes.
var ProposalStatuses = []string{string(policy.ProposalDraft), string(policy.ProposalInReview),
	string(policy.ProposalRevising), string(policy.ProposalApproved), string(policy.ProposalAccepted)}

// ContractStatuses are the values a contract list's status filter takes.
var ContractStatuses = []string{string(policy.ContractDrafting), string(policy.ContractInApproval),
	string(policy.ContractRevising), string(policy.ContractApproved), string(policy.ContractSigned)}

// TaskStatuses are the values of an inbox's status filter ("all": any).
var TaskStatuses = []string{"open", "decided", "cancelled", "all"}

// VisitStatuses are the stages a visit list's status filter may name,
// comma-separated.
var VisitStatuses = []string{string(policy.VisitPendingApproval), string(policy.VisitApproved),
	string(policy.VisitRejected), string(policy.VisitDeparted), string(policy.VisitReturned),
	string(policy.VisitReported)}

// CheckStatus adds a problem unless every comma-separated value of param
// is one of allowed; "" (no filter) is always allowed.
func CheckStatus(v *Validation, param, value string, allowed []string) []string {
	if value == "" {
		return nil
	}
	values := strings.Split(value, ",")
	for _, s := range values {
		if !slices.Contains(allowed, s) {
			v.Add(param, "field.status", strings.Join(allowed, ", "))
			return nil
		}
	}
	return values
}

// proposalOwners is whose proposals actor sees in a list: reviewers and
// admins everyone's (nil), others what VisibleOwners allows (their own, or
// their team's).
func (s *Service) proposalOwners(ctx context.Context, actor store.User) ([]string, error) {
	if policy.HasRole(actor.Roles, policy.RoleAdmin) || policy.HasRole(actor.Roles, policy.RoleReviewer) {
		return nil, nil
	}
	owners, _, err := s.VisibleOwners(ctx, actor)
	return owners, err
}

// Proposals is a page of the proposals actor sees, newest first; status
// is one of ProposalStatuses or "".
func (s *Service) Proposals(ctx context.Context, actor store.User, status string, page store.Page) ([]store.Proposal, string, error) {
	var v Validation
	CheckStatus(&v, "status", status, ProposalStatuses)
	if err := v.Err(); err != nil {
		return nil, "", err
	}
	owners, err := s.proposalOwners(ctx, actor)
	if err != nil {
		return nil, "", err
	}
	return s.store.ListProposals(ctx, store.ProposalFilter{OwnerIDs: owners, Status: status, Page: page})
}

// Contracts is a page of the contracts actor sees: every contract for
// those who see any (SeesAllContracts), else their own and, for a sales
// manager, the team's; newest change first.
func (s *Service) Contracts(ctx context.Context, actor store.User, status string, page store.Page) ([]store.Contract, string, error) {
	if status != "" && !slices.Contains(ContractStatuses, status) {
		var v Validation
		v.Add("status", "field.contract_status")
		return nil, "", v.Err()
	}
	var owners []string
	if !SeesAllContracts(actor.Roles) {
		var err error
		if owners, _, err = s.VisibleOwners(ctx, actor); err != nil {
			return nil, "", err
		}
	}
	return s.store.ListContracts(ctx, store.ContractFilter{OwnerIDs: owners, Status: status, Page: page})
}

// AwaitContract waits until the contract drafted from the accepted
// proposal has its first version stored, so an answer carries a contract
// that reads back. The acceptance's Update answers once the contract's
// workflow has started, so its "drafted" Update finds it and waits inside
// the workflow for what it reports: no polling. A proposal whose workflow
// predates that starts the contract a moment after answering; then the
// Update finds no workflow yet and the contract simply shows a moment
// later. Failure only delays the contract in the answer, so it is logged,
// not returned.
func (s *Service) AwaitContract(ctx context.Context, proposalID string) {
	wfID := workflows.ContractWorkflowID(workflows.ContractIDFor(proposalID))
	err := s.updateAndWait(ctx, client.UpdateWorkflowOptions{WorkflowID: wfID, UpdateID: "drafted",
		UpdateName: workflows.UpdateContractDrafted, WaitForStage: client.WorkflowUpdateStageCompleted}, nil)
	var notFound *serviceerror.NotFound
	if err != nil && !errors.As(err, &notFound) {
		s.log.WarnContext(ctx, "contract draft not confirmed", "proposal", proposalID, "error", err)
	}
}

// CustomerQuery is a customer list's filter: ?owner=&class=&q= and the
// page.
type CustomerQuery struct {
	Owner, Class, Query string
	Page                store.Page
}

// Customers is a page of the customers actor sees matching q (the
// registry search: a name fragment or a phone).
func (s *Service) Customers(ctx context.Context, actor store.User, q CustomerQuery) ([]store.Customer, string, error) {
	var v Validation
	if q.Class != "" && !policy.ValidClass(q.Class) {
		v.Add("class", "field.class")
	}
	if len([]rune(q.Query)) > 200 {
		v.Add("q", "field.too_long", 200)
	}
	if err := v.Err(); err != nil {
		return nil, "", err
	}
	f := store.CustomerFilter{Owner: q.Owner, Class: q.Class, Query: q.Query, Page: q.Page}
	var err error
	if f.OwnerIDs, f.WithPool, err = s.VisibleOwners(ctx, actor); err != nil {
		return nil, "", err
	}
	return s.store.SearchCustomers(ctx, f)
}

// EnteredLate: the record was entered more than two working days after it
// was collected (R1.3), over the calendar with its overrides.
func EnteredLate(cal policy.Calendar, c store.Customer) bool {
	collected, _ := time.ParseInLocation(time.DateOnly, c.CollectedOn, policy.Shanghai)
	return policy.EnteredLate(cal, collected, c.EnteredAt)
}

// VisitQuery is a visit list's filter: stages (comma-separated
// VisitStatuses), a day (YYYY-MM-DD) and the page.
type VisitQuery struct {
	Status, Day string
	Page        store.Page
}

// Visits is a page of the visits actor sees: admins and the front desk
// every visit, others those of the customers' owners they see (their own,
// a manager their team's).
func (s *Service) Visits(ctx context.Context, actor store.User, q VisitQuery) ([]store.Visit, string, error) {
	f := store.VisitFilter{Page: q.Page}
	var v Validation
	f.Statuses = CheckStatus(&v, "status", q.Status, VisitStatuses)
	if q.Day != "" {
		f.Day, _ = CheckDay(&v, "day", q.Day, BusinessDays(time.Now()))
	}
	if err := v.Err(); err != nil {
		return nil, "", err
	}
	if !policy.HasRole(actor.Roles, policy.RoleAdmin) && !policy.HasRole(actor.Roles, policy.RoleFrontDesk) {
		owners, _, err := s.VisibleOwners(ctx, actor)
		if err != nil {
			return nil, "", err
		}
		f.OwnerIDs = owners
	}
	return s.store.ListVisits(ctx, f)
}

// OwnCustomers are a page of actor's own customers, the choices of a form
// whose work only the owner does (a proposal, a visit: R2.1).
func (s *Service) OwnCustomers(ctx context.Context, actor store.User, page store.Page) ([]store.Customer, string, error) {
	return s.store.ListCustomers(ctx, []string{actor.ID}, false, page)
}
