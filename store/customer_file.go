package store

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"
)

// Contact is a person at the customer (R1.5, R3.3).
type Contact struct {
	Name            string `json:"name" db:"name"`
	Title           string `json:"title" db:"title"`
	IsDecisionMaker bool   `json:"is_decision_maker" db:"is_decision_maker"`
	Phone           string `json:"phone" db:"phone"`
	Email           string `json:"email" db:"email"`
}

func insertContacts(ctx context.Context, tx *sqlx.Tx, customerID string, contacts []Contact) error {
	const q = `INSERT INTO customer_contacts (customer_id, name, title, is_decision_maker, phone, email)
		VALUES ($1, $2, $3, $4, $5, $6)`
	for _, ct := range contacts {
		if _, err := tx.ExecContext(ctx, q, customerID, ct.Name, ct.Title, ct.IsDecisionMaker, ct.Phone, ct.Email); err != nil {
			return mapErr(err)
		}
	}
	return nil
}

// ContactsOf lists a customer's contacts in the order they were entered.
func (s *Store) ContactsOf(ctx context.Context, customerID string) ([]Contact, error) {
	out := []Contact{}
	const q = `SELECT name, title, is_decision_maker, phone, email FROM customer_contacts
		WHERE customer_id = $1 ORDER BY id`
	err := s.selectPrepared(ctx, &out, q, customerID)
	return out, err
}

// Interaction is one entry of the contact log (R1.5, R3.1, R3.8).
type Interaction struct {
	ID         string    `json:"id" db:"id"`
	CustomerID string    `json:"customer_id" db:"customer_id"`
	Kind       string    `json:"kind" db:"kind"`
	Summary    string    `json:"summary" db:"summary"`
	OccurredOn string    `json:"occurred_on" db:"occurred_on"`
	ActorID    string    `json:"actor_id" db:"actor_id"`
	ActorName  string    `json:"actor_name" db:"actor_name"`
	CreatedAt  time.Time `json:"created_at" db:"created_at"`
}

// AddInteraction logs an interaction at the server's time (R5.4), audited.
func (s *Store) AddInteraction(ctx context.Context, in Interaction) (Interaction, error) {
	step := Step{Key: "interaction/" + in.ID, ActorID: in.ActorID, Action: "customer.interaction_logged",
		Detail: map[string]any{"interaction_id": in.ID, "kind": in.Kind}}
	err := s.runStep(ctx, "customer", in.CustomerID, step, func(tx *sqlx.Tx) error {
		const q = `INSERT INTO customer_interactions (id, customer_id, kind, summary, occurred_on, actor_id)
			VALUES ($1, $2, $3, $4, $5, $6)`
		_, err := tx.ExecContext(ctx, q, in.ID, in.CustomerID, in.Kind, in.Summary, in.OccurredOn, in.ActorID)
		return mapErr(err)
	})
	if err != nil {
		return Interaction{}, err
	}
	var out Interaction
	err = s.db.GetContext(ctx, &out, interactionSelect+` WHERE i.id = $1`, in.ID)
	return out, mapErr(err)
}

const interactionSelect = `SELECT i.id, i.customer_id, i.kind, i.summary, to_char(i.occurred_on, 'YYYY-MM-DD') AS occurred_on,
	i.actor_id, u.name AS actor_name, i.created_at
	FROM customer_interactions i JOIN users u ON u.id = i.actor_id`

// InteractionsOf lists a customer's contact log, oldest first.
func (s *Store) InteractionsOf(ctx context.Context, customerID string) ([]Interaction, error) {
	out := []Interaction{}
	err := s.selectPrepared(ctx, &out, interactionSelect+` WHERE i.customer_id = $1 ORDER BY i.created_at, i.id`, customerID)
	return out, err
}

// CustomerPatch holds the fields of a PATCH; nil means unchanged. Contacts,
// when not nil, replace the list.
type CustomerPatch struct {
	Name, Phone, Address, Industry, Needs, Notes, Class *string
	Contacts                                            []Contact
	ClassReason                                         string // why the class changes (R4.1)
}

// UpdateCustomer applies p as one audited step; a new class is recorded in
// the class history (R4.1). A new name or phone that
// matches another record is a *DuplicateCustomerError (R2.2).
func (s *Store) UpdateCustomer(ctx context.Context, id string, p CustomerPatch, step Step) (Customer, error) {
	cur, err := s.CustomerByID(ctx, id)
	if err != nil {
		return Customer{}, err
	}
	next := applyPatch(cur, p)
	err = s.runStep(ctx, "customer", id, step, func(tx *sqlx.Tx) error {
		const q = `UPDATE customers SET name = $2, phone = $3, address = $4, industry = $5, needs = $6,
			notes = $7, normalised_name = $8, normalised_phone = $9, name_core = $10, updated_at = now()
			WHERE id = $1`
		if _, err := tx.ExecContext(ctx, q, id, next.Name, next.Phone, next.Address, next.Industry, next.Needs,
			next.Notes, next.NormalisedName, next.NormalisedPhone, next.NameCore); err != nil {
			return mapErr(err)
		}
		if p.Class != nil {
			if err := setClass(ctx, tx, classChange{CustomerID: id, ToClass: *p.Class, Source: ClassSourceManual,
				Reason: p.ClassReason, ActorID: step.ActorID}); err != nil {
				return err
			}
		}
		if p.Contacts == nil {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM customer_contacts WHERE customer_id = $1`, id); err != nil {
			return err
		}
		return insertContacts(ctx, tx, id, p.Contacts)
	})
	if err != nil {
		return Customer{}, s.duplicateOr(ctx, err, next)
	}
	return s.CustomerByID(ctx, id)
}

func applyPatch(c Customer, p CustomerPatch) Customer {
	for _, f := range []struct {
		dst *string
		src *string
	}{{&c.Name, p.Name}, {&c.Phone, p.Phone}, {&c.Address, p.Address}, {&c.Industry, p.Industry},
		{&c.Needs, p.Needs}, {&c.Notes, p.Notes}, {&c.Class, p.Class}} {
		if f.src != nil {
			*f.dst = *f.src
		}
	}
	return normalised(c)
}
