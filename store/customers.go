package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"salesflow/policy"
)

// Customer is one customer information file (R1.5) as stored: the company,
// where the record came from (R1.1), its owner (R2) and follow-up class (R4.1).
type Customer struct {
	ID              string       `json:"id"`
	Name            string       `json:"name"`
	Channel         string       `json:"channel"`
	OwnerID         string       `json:"owner_id,omitempty"`
	OwnerName       string       `json:"owner_name,omitempty"`
	Class           string       `json:"class"`
	CollectedOn     string       `json:"collected_on"`
	EnteredAt       time.Time    `json:"entered_at"`
	CreatedBy       string       `json:"created_by"`
	Phone           string       `json:"phone"`
	Address         string       `json:"address"`
	Industry        string       `json:"industry"`
	Needs           string       `json:"needs"`
	Notes           string       `json:"notes"`
	NormalisedName  string       `json:"-"`
	NormalisedPhone string       `json:"-"`
	NameCore        string       `json:"-"`
	OwnerGeneration int          `json:"owner_generation"`
	OwnedSince      *time.Time   `json:"owned_since,omitempty"`
	ContactDueAt    *time.Time   `json:"contact_due_at,omitempty"`
	ContactedAt     *time.Time   `json:"contacted_at,omitempty"`
	UpdatedAt       time.Time    `json:"updated_at"`
	Hard            HardCustomer `json:"hard"`
}

// HardCustomer is R3.4's escalation as the customer file keeps it: the
// owner's reason and the plan the manager answered with.
type HardCustomer struct {
	Difficult        bool       `json:"difficult" db:"difficult"`
	DifficultyReason string     `json:"difficulty_reason" db:"difficulty_reason"`
	DifficultyBy     *string    `json:"difficulty_by" db:"difficulty_by"`
	DifficultyAt     *time.Time `json:"difficulty_at" db:"difficulty_at"`
	HardPlan         string     `json:"hard_plan" db:"hard_plan"`
	HardPlanBy       *string    `json:"hard_plan_by" db:"hard_plan_by"`
	HardPlanAt       *time.Time `json:"hard_plan_at" db:"hard_plan_at"`
}

type customerRow struct {
	ID              string         `db:"id"`
	Name            string         `db:"name"`
	Channel         string         `db:"channel"`
	OwnerID         sql.NullString `db:"owner_id"`
	OwnerName       string         `db:"owner_name"`
	Class           string         `db:"class"`
	CollectedOn     time.Time      `db:"collected_on"`
	EnteredAt       time.Time      `db:"entered_at"`
	CreatedBy       string         `db:"created_by"`
	Phone           string         `db:"phone"`
	Address         string         `db:"address"`
	Industry        string         `db:"industry"`
	Needs           string         `db:"needs"`
	Notes           string         `db:"notes"`
	NormalisedName  string         `db:"normalised_name"`
	NormalisedPhone string         `db:"normalised_phone"`
	NameCore        string         `db:"name_core"`
	OwnerGeneration int            `db:"owner_generation"`
	OwnedSince      sql.NullTime   `db:"owned_since"`
	ContactDueAt    sql.NullTime   `db:"contact_due_at"`
	ContactedAt     sql.NullTime   `db:"contacted_at"`
	UpdatedAt       time.Time      `db:"updated_at"`
	HardCustomer
}

func (r customerRow) toCustomer() Customer {
	return Customer{ID: r.ID, Name: r.Name, Channel: r.Channel, OwnerID: r.OwnerID.String,
		OwnerName: r.OwnerName, Class: r.Class, CollectedOn: r.CollectedOn.Format(time.DateOnly),
		EnteredAt: r.EnteredAt, CreatedBy: r.CreatedBy, Phone: r.Phone, Address: r.Address,
		Industry: r.Industry, Needs: r.Needs, Notes: r.Notes, NormalisedName: r.NormalisedName,
		NormalisedPhone: r.NormalisedPhone, NameCore: r.NameCore, OwnerGeneration: r.OwnerGeneration,
		OwnedSince: timePtr(r.OwnedSince), ContactDueAt: timePtr(r.ContactDueAt),
		ContactedAt: timePtr(r.ContactedAt), UpdatedAt: r.UpdatedAt, Hard: r.HardCustomer}
}

// customerColumns are a customer's columns (c) with its owner's name (u)
// and the first contact logged since the current owner took it (R2.5).
const customerColumns = `c.id, c.name, c.channel, c.owner_id, COALESCE(u.name, '') AS owner_name,
	c.class, c.collected_on, c.entered_at, c.created_by, c.phone, c.address, c.industry, c.needs, c.notes,
	c.normalised_name, c.normalised_phone, c.name_core, c.owner_generation, c.owned_since, c.contact_due_at,
	(SELECT min(i.created_at) FROM customer_interactions i
	  WHERE i.customer_id = c.id AND i.created_at >= c.owned_since) AS contacted_at, c.updated_at,
	c.difficult, c.difficulty_reason, c.difficulty_by, c.difficulty_at, c.hard_plan, c.hard_plan_by, c.hard_plan_at`

// customerSelect reads customers with customerColumns.
const customerSelect = `SELECT ` + customerColumns + ` FROM customers c LEFT JOIN users u ON u.id = c.owner_id`

// DuplicateCustomerError is R2.2's answer to a second record of the same
// customer: which record came first and who owns it — nothing more.
type DuplicateCustomerError struct {
	ExistingID string
	OwnerName  string
}

func (e *DuplicateCustomerError) Error() string {
	return "duplicate of customer " + e.ExistingID
}

// Unwrap makes errors.Is(err, ErrDuplicate) hold.
func (e *DuplicateCustomerError) Unwrap() error { return ErrDuplicate }

// NewCustomer is a record to enter: the customer, its contacts, and how long
// the owner has to make first contact (R2.5).
type NewCustomer struct {
	Customer
	Contacts        []Contact
	ContactDeadline time.Duration
}

// CreateCustomer records c with the default one-week contact deadline; the
// creator is the actor of the audit event.
func (s *Store) CreateCustomer(ctx context.Context, c Customer) (Customer, error) {
	cust, _, err := s.RecordCustomer(ctx, NewCustomer{Customer: c, ContactDeadline: 7 * 24 * time.Hour})
	return cust, err
}

// normalised fills the duplicate keys of c (R2.2).
func normalised(c Customer) Customer {
	c.Name, c.Phone = strings.TrimSpace(c.Name), strings.TrimSpace(c.Phone)
	c.NormalisedName = policy.NormaliseCompanyName(c.Name)
	c.NormalisedPhone = policy.NormalisePhone(c.Phone)
	c.NameCore = policy.CompanyNameCore(c.Name)
	return c
}

// duplicateOr turns a unique violation on a duplicate key into the first
// record's id and owner. It runs after the failed transaction has rolled
// back, when the winner of a race has committed and is visible.
func (s *Store) duplicateOr(ctx context.Context, err error, c Customer) error {
	if !errors.Is(err, ErrDuplicate) {
		return err
	}
	d, qerr := s.FirstRecordOf(ctx, c)
	if qerr != nil || d == nil {
		return fmt.Errorf("%w (looking up the first record: %v)", err, qerr)
	}
	return d
}

// FirstRecordOf finds the record c would duplicate (R2.2): the earliest
// other customer with c's normalised name or phone, as the 409 names it;
// nil when there is none. The new-customer form asks it as the user types.
func (s *Store) FirstRecordOf(ctx context.Context, c Customer) (*DuplicateCustomerError, error) {
	return s.firstOtherRecord(ctx, c)
}

func (s *Store) firstOtherRecord(ctx context.Context, c Customer) (*DuplicateCustomerError, error) {
	c = normalised(c)
	q := `SELECT c.id, COALESCE(u.name, '') FROM customers c LEFT JOIN users u ON u.id = c.owner_id
		WHERE ((c.normalised_name = $1 AND $1 <> '') OR (c.normalised_phone = $2 AND $2 <> ''))
		AND c.id <> $3 ORDER BY c.entered_at, c.id LIMIT 1`
	var d DuplicateCustomerError
	err := s.db.QueryRowContext(ctx, q, c.NormalisedName, c.NormalisedPhone, c.ID).Scan(&d.ExistingID, &d.OwnerName)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &d, nil
}

// CustomerByID returns one customer.
func (s *Store) CustomerByID(ctx context.Context, id string) (Customer, error) {
	var r customerRow
	if err := s.getPrepared(ctx, &r, customerSelect+` WHERE c.id = $1`, id); err != nil {
		return Customer{}, mapErr(err)
	}
	return r.toCustomer(), nil
}

// TeamOf returns the ids of the users whose manager is managerID.
func (s *Store) TeamOf(ctx context.Context, managerID string) ([]string, error) {
	ids := []string{}
	err := s.db.SelectContext(ctx, &ids, `SELECT id FROM users WHERE manager_id = $1 ORDER BY id`, managerID)
	return ids, err
}

func timePtr(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	return &t.Time
}
