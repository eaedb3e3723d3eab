package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

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

// customerSelect reads a customer with its owner's name and the first
// contact logged since the current owner took it (R2.5).
const customerSelect = `SELECT c.id, c.name, c.channel, c.owner_id, COALESCE(u.name, '') AS owner_name,
	c.class, c.collected_on, c.entered_at, c.created_by, c.phone, c.address, c.industry, c.needs, c.notes,
	c.normalised_name, c.normalised_phone, c.name_core, c.owner_generation, c.owned_since, c.contact_due_at,
	(SELECT min(i.created_at) FROM customer_interactions i
	  WHERE i.customer_id = c.id AND i.created_at >= c.owned_since) AS contacted_at, c.updated_at,
	c.difficult, c.difficulty_reason, c.difficulty_by, c.difficulty_at, c.hard_plan, c.hard_plan_by, c.hard_plan_at
	FROM customers c LEFT JOIN users u ON u.id = c.owner_id`

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
	return s.RecordCustomer(ctx, NewCustomer{Customer: c, ContactDeadline: 7 * 24 * time.Hour})
}

// RecordCustomer inserts the customer, its contacts and, when it has an
// owner, the first ownership event, audited as one step; entered_at is the
// server's time (R5.4). The unique duplicate keys make the first record win
// (R2.2): a later one fails with *DuplicateCustomerError. The duplicate is
// looked up first — one probe of the unique indexes — so a refused record
// costs no transaction, no audit work and no index writes; the unique
// indexes still decide a race between two records the probe let through.
func (s *Store) RecordCustomer(ctx context.Context, n NewCustomer) (Customer, error) {
	c := normalised(n.Customer)
	if d, err := s.firstRecord(ctx, c); err != nil {
		return Customer{}, err
	} else if d != nil && d.ExistingID == c.ID {
		return s.CustomerByID(ctx, c.ID) // a resent request: recorded already
	} else if d != nil {
		return Customer{}, d
	}
	step := Step{Key: "customer/" + c.ID + "/created", ActorID: c.CreatedBy, Action: "customer.created",
		Detail: map[string]any{"name": c.Name, "channel": c.Channel, "owner_id": c.OwnerID}}
	err := s.runStep(ctx, "customer", c.ID, step, func(tx *sqlx.Tx) error {
		const q = `INSERT INTO customers (id, name, channel, owner_id, collected_on, created_by, phone, address,
			industry, needs, notes, normalised_name, normalised_phone, name_core, owner_generation, owned_since,
			contact_due_at)
			VALUES ($1, $2, $3, NULLIF($4, ''), $5, $6, $7, $8, $9, $10, $11, $12, $13, $15,
			CASE WHEN $4 = '' THEN 0 ELSE 1 END, CASE WHEN $4 = '' THEN NULL ELSE now() END,
			CASE WHEN $4 = '' THEN NULL ELSE now() + make_interval(secs => $14) END)`
		if _, err := tx.ExecContext(ctx, q, c.ID, c.Name, c.Channel, c.OwnerID, c.CollectedOn, c.CreatedBy,
			c.Phone, c.Address, c.Industry, c.Needs, c.Notes, c.NormalisedName, c.NormalisedPhone,
			n.ContactDeadline.Seconds(), c.NameCore); err != nil {
			return mapErr(err)
		}
		if err := insertContacts(ctx, tx, c.ID, n.Contacts); err != nil {
			return err
		}
		if c.OwnerID == "" {
			return nil
		}
		return insertOwnership(ctx, tx, ownershipEvent{CustomerID: c.ID, Generation: 1, OwnerID: c.OwnerID,
			Kind: "collected", ActorID: c.CreatedBy})
	})
	if errors.Is(err, ErrDuplicate) {
		// The same record (its ID derived from an idempotency key) committed
		// meanwhile by a resent request: it is recorded, as a retry finds.
		if same, gerr := s.CustomerByID(ctx, c.ID); gerr == nil {
			return same, nil
		}
	}
	if err != nil {
		return Customer{}, s.duplicateOr(ctx, err, c)
	}
	return s.CustomerByID(ctx, c.ID)
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

// firstRecord probes the unique duplicate keys of the normalised c: c's own
// row when it is recorded already (a retry), else the earliest other match.
func (s *Store) firstRecord(ctx context.Context, c Customer) (*DuplicateCustomerError, error) {
	return s.duplicateQuery(ctx, `ORDER BY (c.id = $3) DESC, c.entered_at, c.id LIMIT 1`, c)
}

func (s *Store) firstOtherRecord(ctx context.Context, c Customer) (*DuplicateCustomerError, error) {
	return s.duplicateQuery(ctx, `AND c.id <> $3 ORDER BY c.entered_at, c.id LIMIT 1`, normalised(c))
}

func (s *Store) duplicateQuery(ctx context.Context, tail string, c Customer) (*DuplicateCustomerError, error) {
	q := `SELECT c.id, COALESCE(u.name, '') FROM customers c LEFT JOIN users u ON u.id = c.owner_id
		WHERE ((c.normalised_name = $1 AND $1 <> '') OR (c.normalised_phone = $2 AND $2 <> '')) ` + tail
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
	if err := s.db.GetContext(ctx, &r, customerSelect+` WHERE c.id = $1`, id); err != nil {
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
