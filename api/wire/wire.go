// Package wire is the JSON the API answers and reads besides package
// service's inputs: the answers' named types, the problem body, the lists.
// The handlers (package api) fill them and the OpenAPI document (package
// api/openapi) reflects its schemas from them, so the two cannot drift.
// Their JSON is what the handlers wrote as maps before: the same names, a
// null where the map held nil.
//
// An answer about a row of package store is that row's twin here, field
// for field as far as the JSON goes, and XOf converts one to the other (a
// Go conversion where the fields are the same): a column renamed in store
// is then a compile error here, not a silent change of the API.
package wire

import (
	"time"

	"salesflow/httpx"
	"salesflow/policy"
	"salesflow/service"
	"salesflow/store"
)

// ListPage is a keyset page: next_cursor is null on the last page.
type ListPage[T any] struct {
	Items      []T     `json:"items"`
	NextCursor *string `json:"next_cursor"`
}

// PageOf answers a page of list and the cursor of the next ("" when none).
func PageOf[T any](list []T, next string) ListPage[T] {
	return ListPage[T]{Items: list, NextCursor: Nullable(next)}
}

// Map converts each of in with f. A nil list stays nil and an empty one
// empty, so an answer keeps its null or its [] as the store gave it.
func Map[S, T any](in []S, f func(S) T) []T {
	if in == nil {
		return nil
	}
	out := make([]T, len(in))
	for i, s := range in {
		out[i] = f(s)
	}
	return out
}

// mapPtr converts *p with f; nil stays nil (JSON null or absent).
func mapPtr[S, T any](p *S, f func(S) T) *T {
	if p == nil {
		return nil
	}
	t := f(*p)
	return &t
}

// ItemList is a whole list, not paged.
type ItemList[T any] struct {
	Items []T `json:"items"`
}

// Nullable is s, or nil (JSON null) when it is empty.
func Nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// Liveness is GET /livez.
type Liveness struct {
	Status string `json:"status"`
}

// Readiness is GET /readyz: "ok" or "unavailable" for each dependency.
type Readiness struct {
	Postgres string `json:"postgres"`
	Temporal string `json:"temporal"`
}

// UserView is the public view of a user.
type UserView struct {
	ID                   string    `json:"id"`
	Username             string    `json:"username"`
	Name                 string    `json:"name"`
	Roles                []string  `json:"roles"`
	ManagerID            *string   `json:"manager_id"`
	DiscountAuthorityPct int       `json:"discount_authority_pct"`
	Active               bool      `json:"active"`
	CreatedAt            time.Time `json:"created_at"`
}

// SessionAnswer is a signed-in session: its token and its user.
type SessionAnswer struct {
	Token string   `json:"token"`
	User  UserView `json:"user"`
}

// SessionView is a session as its owner sees it.
type SessionView struct {
	ID         string    `json:"id"`
	CreatedAt  time.Time `json:"created_at"`
	LastUsedAt time.Time `json:"last_used_at"`
	ExpiresAt  time.Time `json:"expires_at"`
	ClientIP   string    `json:"client_ip"`
	UserAgent  string    `json:"user_agent"`
	Current    bool      `json:"current"`
}

// LoginThrottleView is one sign-in count as the admin sees it.
type LoginThrottleView struct {
	Scope         string     `json:"scope"`
	Key           string     `json:"key"`
	Failures      int        `json:"failures"`
	LastAttemptAt time.Time  `json:"last_attempt_at"`
	BlockedUntil  *time.Time `json:"blocked_until"`
	Locked        bool       `json:"locked"`
}

// CustomerView is a customer with the fields derived for the API.
type CustomerView struct {
	ID           string     `json:"id"`
	Name         string     `json:"name"`
	Channel      string     `json:"channel"`
	OwnerID      *string    `json:"owner_id"`
	OwnerName    *string    `json:"owner_name"`
	Class        string     `json:"class"`
	CollectedOn  string     `json:"collected_on"`
	EnteredAt    time.Time  `json:"entered_at"`
	EnteredLate  bool       `json:"entered_late"`
	Phone        string     `json:"phone"`
	Address      string     `json:"address"`
	Industry     string     `json:"industry"`
	Needs        string     `json:"needs"`
	Notes        string     `json:"notes"`
	OwnedSince   *time.Time `json:"owned_since"`
	ContactDueAt *time.Time `json:"contact_due_at"`
	ContactedAt  *time.Time `json:"contacted_at"`
	UpdatedAt    time.Time  `json:"updated_at"`
	HardCustomer
}

// CustomerFile is one customer's whole file. Warnings are there only when
// the answer was asked to carry them (a new customer's near-duplicates).
type CustomerFile struct {
	CustomerView
	Contacts     []Contact         `json:"contacts"`
	Interactions []Interaction     `json:"interactions"`
	Ownership    []OwnershipEvent  `json:"ownership"`
	ClassHistory []ClassEvent      `json:"class_history"`
	Warnings     []SimilarCustomer `json:"warnings,omitzero"`
}

// CustomerImportResult is a customer CSV import's rows by outcome.
type CustomerImportResult struct {
	Created   []ImportRow         `json:"created"`
	Duplicate []ImportRow         `json:"duplicate"`
	Invalid   []ImportRow         `json:"invalid"`
	Failed    []ImportRow         `json:"failed"`
	Counts    CustomerImportCount `json:"counts"`
}

// ImportRow is one row of a customer import and what became of it.
type ImportRow struct {
	Row        int               `json:"row"`
	ID         string            `json:"id,omitempty"`
	ExistingID string            `json:"existing_customer_id,omitempty"`
	OwnerName  *string           `json:"owner_name,omitempty"` // duplicates only
	Errors     []FieldError      `json:"errors,omitempty"`
	Warnings   []SimilarCustomer `json:"warnings,omitempty"`
}

// ImportRowOf is r as the API answers it.
func ImportRowOf(r httpx.ImportRow) ImportRow {
	return ImportRow{Row: r.Row, ID: r.ID, ExistingID: r.ExistingID, OwnerName: r.OwnerName, Errors: r.Errors,
		Warnings: Map(r.Warnings, SimilarCustomerOf)}
}

// CustomerImportCount counts CustomerImportResult's lists.
type CustomerImportCount struct {
	Created   int `json:"created"`
	Duplicate int `json:"duplicate"`
	Invalid   int `json:"invalid"`
	Failed    int `json:"failed"`
}

// CustomerImportJob is an import job (POST /api/v1/customers/imports):
// how many of its file's rows are done and how they ended so far; state
// is running until every row is done.
type CustomerImportJob struct {
	ID         string              `json:"id"`
	State      string              `json:"state" jsonschema:"enum=running,enum=done"`
	FileName   string              `json:"file_name"`
	RowsTotal  int                 `json:"rows_total"`
	RowsDone   int                 `json:"rows_done"`
	Counts     CustomerImportCount `json:"counts"`
	Attempt    int                 `json:"attempt"`
	CreatedAt  time.Time           `json:"created_at"`
	FinishedAt *time.Time          `json:"finished_at"`
}

// CustomerImportJobOf is j as the API answers it.
func CustomerImportJobOf(j store.ImportJob) CustomerImportJob {
	return CustomerImportJob{ID: j.ID, State: j.State, FileName: j.FileName, RowsTotal: j.RowsTotal, RowsDone: j.RowsDone,
		Counts:  CustomerImportCount{Created: j.Created, Duplicate: j.Duplicate, Invalid: j.Invalid, Failed: j.Failed},
		Attempt: j.Attempt, CreatedAt: j.CreatedAt, FinishedAt: j.FinishedAt}
}

// CustomerImportJobRow is one done row of an import job.
type CustomerImportJobRow struct {
	Outcome string `json:"outcome" jsonschema:"enum=created,enum=duplicate,enum=invalid,enum=failed"`
	Name    string `json:"name"`
	ImportRow
}

// ResourceImportAnswer is a resource CSV import's rows by outcome.
type ResourceImportAnswer struct {
	Created  []httpx.ResourceImportRow `json:"created"`
	Existing []httpx.ResourceImportRow `json:"existing"`
	Invalid  []httpx.ResourceImportRow `json:"invalid"`
	Counts   ResourceImportCount       `json:"counts"`
}

// ResourceImportCount counts ResourceImportAnswer's lists.
type ResourceImportCount struct {
	Created  int `json:"created"`
	Existing int `json:"existing"`
	Invalid  int `json:"invalid"`
}

// AssignmentPlan is the balanced assignment proposed (or applied).
type AssignmentPlan struct {
	Items      []service.PlanItem `json:"items"`
	Candidates []policy.Candidate `json:"candidates"`
	Applied    bool               `json:"applied"`
}

// CalendarDayView is what a day is: statutory and with the override.
type CalendarDayView struct {
	Day              string            `json:"day"`
	Working          bool              `json:"working"`
	StatutoryWorking bool              `json:"statutory_working"`
	Override         *CalendarOverride `json:"override"`
}

// VerificationAnswer is a contract's document and seals checked again.
type VerificationAnswer struct {
	Valid            bool                     `json:"valid"`
	Status           string                   `json:"status"`
	DocumentSHA256   *string                  `json:"document_sha256"`
	RecomputedSHA256 *string                  `json:"recomputed_sha256"`
	DocumentIntact   bool                     `json:"document_intact"`
	Signatures       []service.SignatureCheck `json:"signatures"`
}

// DeliveryPage is a page of notification deliveries with the counts by state.
type DeliveryPage struct {
	ListPage[Delivery]
	Counts DeliveryCounts `json:"counts"`
}

// RetriedCount is how many dead letters were queued again.
type RetriedCount struct {
	Retried int `json:"retried"`
}

// ResourceDaysView is one resource's days from..to.
type ResourceDaysView struct {
	Resource MediaResource `json:"resource"`
	From     string        `json:"from"`
	To       string        `json:"to"`
	Days     []DayCell     `json:"days"`
}

// FreeResourcePage is a page of the resources free from..to.
type FreeResourcePage struct {
	ListPage[FreeResource]
	From string `json:"from"`
	To   string `json:"to"`
}

// ContractSummary is a contract in a list: its head without lines,
// approvals, signatures or history (GET /api/v1/contracts/{id} has those).
// It repeats Contract's head fields on purpose: it is the list's
// JSON contract, which should not grow when the single contract does.
type ContractSummary struct {
	ID                string    `json:"id"`
	ProposalID        string    `json:"proposal_id"`
	CustomerID        string    `json:"customer_id"`
	CustomerName      string    `json:"customer_name"`
	OwnerID           string    `json:"owner_id"`
	OwnerName         string    `json:"owner_name"`
	Status            string    `json:"status"`
	Version           int       `json:"version"`
	WorkflowID        string    `json:"workflow_id"`
	Major             bool      `json:"major"`
	RequiredApprovals []string  `json:"required_approvals"`
	TotalFen          int64     `json:"total_fen"`
	StartsOn          *string   `json:"starts_on"`
	EndsOn            *string   `json:"ends_on"`
	CreatedAt         time.Time `json:"created_at"`
	UpdatedAt         time.Time `json:"updated_at"`
	OpenTaskID        *string   `json:"open_task_id"`
}

// LoginRequest is the body of POST /api/v1/session.
type LoginRequest struct {
	Username string `json:"username" text:"max=64"`
	Password string `json:"password" text:"secret"`
}

// ChangePasswordRequest is the body of PUT /api/v1/me/password
// (session.PasswordChange, as JSON).
type ChangePasswordRequest struct {
	CurrentPassword string `json:"current_password"`
	NewPassword     string `json:"new_password"`
}

// Problem is an RFC 9457 problem detail, the body of every error answer.
type Problem struct {
	Type   string       `json:"type"`
	Title  string       `json:"title"`
	Status int          `json:"status"`
	Detail string       `json:"detail,omitempty"`
	Errors []FieldError `json:"errors,omitempty"`
	// Extra members some problems carry (e.g. existing_customer_id).
	Extra map[string]any `json:"-"`
}

// FieldError names one invalid input field, in the reader's language.
type FieldError = httpx.FieldMessage
