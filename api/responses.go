package api

import (
	"time"

	"salesflow/httpx"
	"salesflow/policy"
	"salesflow/service"
	"salesflow/store"
)

// The answers below had been gin.H maps; they are named types so that the
// OpenAPI document reflects its schemas from what the handlers really write
// (openapi.go). Their JSON is what the maps wrote: the same names, a null
// where the map held nil.

// listPage is a keyset page: next_cursor is null on the last page.
type listPage[T any] struct {
	Items      []T     `json:"items"`
	NextCursor *string `json:"next_cursor"`
}

// page answers a page of list and the cursor of the next ("" when none).
func page[T any](list []T, next string) listPage[T] {
	return listPage[T]{Items: list, NextCursor: nullable(next)}
}

// itemList is a whole list, not paged.
type itemList[T any] struct {
	Items []T `json:"items"`
}

// nullable is s, or nil (JSON null) when it is empty.
func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// liveness is GET /livez.
type liveness struct {
	Status string `json:"status"`
}

// readiness is GET /readyz: "ok" or "unavailable" for each dependency.
type readiness struct {
	Postgres string `json:"postgres"`
	Temporal string `json:"temporal"`
}

// userView is the public view of a user.
type userView struct {
	ID                   string    `json:"id"`
	Username             string    `json:"username"`
	Name                 string    `json:"name"`
	Roles                []string  `json:"roles"`
	ManagerID            *string   `json:"manager_id"`
	DiscountAuthorityPct int       `json:"discount_authority_pct"`
	Active               bool      `json:"active"`
	CreatedAt            time.Time `json:"created_at"`
}

// sessionAnswer is a signed-in session: its token and its user.
type sessionAnswer struct {
	Token string   `json:"token"`
	User  userView `json:"user"`
}

// sessionView is a session as its owner sees it.
type sessionView struct {
	ID         string    `json:"id"`
	CreatedAt  time.Time `json:"created_at"`
	LastUsedAt time.Time `json:"last_used_at"`
	ExpiresAt  time.Time `json:"expires_at"`
	ClientIP   string    `json:"client_ip"`
	UserAgent  string    `json:"user_agent"`
	Current    bool      `json:"current"`
}

// loginThrottleView is one sign-in count as the admin sees it.
type loginThrottleView struct {
	Scope         string     `json:"scope"`
	Key           string     `json:"key"`
	Failures      int        `json:"failures"`
	LastAttemptAt time.Time  `json:"last_attempt_at"`
	BlockedUntil  *time.Time `json:"blocked_until"`
	Locked        bool       `json:"locked"`
}

// customerView is a customer with the fields derived for the API.
type customerView struct {
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
	store.HardCustomer
}

// customerFile is one customer's whole file. Warnings are there only when
// the answer was asked to carry them (a new customer's near-duplicates).
type customerFile struct {
	customerView
	Contacts     []store.Contact         `json:"contacts"`
	Interactions []store.Interaction     `json:"interactions"`
	Ownership    []store.OwnershipEvent  `json:"ownership"`
	ClassHistory []store.ClassEvent      `json:"class_history"`
	Warnings     []store.SimilarCustomer `json:"warnings,omitzero"`
}

// customerImportResult is a customer CSV import's rows by outcome.
type customerImportResult struct {
	Created   []httpx.ImportRow   `json:"created"`
	Duplicate []httpx.ImportRow   `json:"duplicate"`
	Invalid   []httpx.ImportRow   `json:"invalid"`
	Failed    []httpx.ImportRow   `json:"failed"`
	Counts    customerImportCount `json:"counts"`
}

// customerImportCount counts customerImportResult's lists.
type customerImportCount struct {
	Created   int `json:"created"`
	Duplicate int `json:"duplicate"`
	Invalid   int `json:"invalid"`
	Failed    int `json:"failed"`
}

// resourceImportAnswer is a resource CSV import's rows by outcome.
type resourceImportAnswer struct {
	Created  []httpx.ResourceImportRow `json:"created"`
	Existing []httpx.ResourceImportRow `json:"existing"`
	Invalid  []httpx.ResourceImportRow `json:"invalid"`
	Counts   resourceImportCount       `json:"counts"`
}

// resourceImportCount counts resourceImportAnswer's lists.
type resourceImportCount struct {
	Created  int `json:"created"`
	Existing int `json:"existing"`
	Invalid  int `json:"invalid"`
}

// assignmentPlan is the balanced assignment proposed (or applied).
type assignmentPlan struct {
	Items      []service.PlanItem `json:"items"`
	Candidates []policy.Candidate `json:"candidates"`
	Applied    bool               `json:"applied"`
}

// calendarDayView is what a day is: statutory and with the override.
type calendarDayView struct {
	Day              string                  `json:"day"`
	Working          bool                    `json:"working"`
	StatutoryWorking bool                    `json:"statutory_working"`
	Override         *store.CalendarOverride `json:"override"`
}

// verificationAnswer is a contract's document and seals checked again.
type verificationAnswer struct {
	Valid            bool                     `json:"valid"`
	Status           string                   `json:"status"`
	DocumentSHA256   *string                  `json:"document_sha256"`
	RecomputedSHA256 *string                  `json:"recomputed_sha256"`
	DocumentIntact   bool                     `json:"document_intact"`
	Signatures       []service.SignatureCheck `json:"signatures"`
}

// deliveryPage is a page of notification deliveries with the counts by state.
type deliveryPage struct {
	listPage[store.Delivery]
	Counts store.DeliveryCounts `json:"counts"`
}

// retriedCount is how many dead letters were queued again.
type retriedCount struct {
	Retried int `json:"retried"`
}

// resourceDaysView is one resource's days from..to.
type resourceDaysView struct {
	Resource store.MediaResource `json:"resource"`
	From     string              `json:"from"`
	To       string              `json:"to"`
	Days     []store.DayCell     `json:"days"`
}

// freeResourcePage is a page of the resources free from..to.
type freeResourcePage struct {
	listPage[store.FreeResource]
	From string `json:"from"`
	To   string `json:"to"`
}
