package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// Ownership event kinds (R2.1, R2.3, R2.4, R2.5, R2.6).
const (
	OwnershipCollected = "collected"          // the collector owns (R2.1)
	OwnershipAssigned  = "assigned"           // the manager decides (R2.3, R2.6)
	OwnershipPlanned   = "planned"            // balanced assignment (R2.4)
	OwnershipOverdue   = "reassigned_overdue" // no contact within the week (R2.5)
)

type ownershipEvent struct {
	CustomerID      string
	Generation      int
	OwnerID         string
	PreviousOwnerID string
	Kind            string
	Reason          string
	ActorID         string
}

func insertOwnership(ctx context.Context, tx *sqlx.Tx, e ownershipEvent) error {
	const q = `INSERT INTO customer_ownership_events (customer_id, generation, owner_id, previous_owner_id, kind, reason, actor_id)
		VALUES ($1, $2, NULLIF($3, ''), NULLIF($4, ''), $5, $6, $7)`
	_, err := tx.ExecContext(ctx, q, e.CustomerID, e.Generation, e.OwnerID, e.PreviousOwnerID, e.Kind, e.Reason, e.ActorID)
	return mapErr(err)
}

// Assignment gives a customer a new owner.
type Assignment struct {
	CustomerID string
	OwnerID    string
	Kind       string
	Reason     string
	// ExpectGeneration, when not 0, refuses the change (ErrConflict) if the
	// ownership moved on meanwhile.
	ExpectGeneration int
	ContactDeadline  time.Duration
	// RefuseIfContacted refuses the change (ErrContactMade) when the
	// current owner has logged contact: an overdue reassignment (R2.5).
	RefuseIfContacted bool
}

// AssignCustomer makes a.OwnerID the owner as one audited step: the next
// ownership generation, a fresh contact deadline (R2.5), the ownership event,
// extra (deciding the task that asked for it) and the cancellation of any
// other open contact_overdue task of the customer. Giving a customer to its
// current owner is ErrConflict.
func (s *Store) AssignCustomer(ctx context.Context, a Assignment, step Step, extra func(tx *sqlx.Tx) error) (Customer, error) {
	err := s.runStep(ctx, "customer", a.CustomerID, step, func(tx *sqlx.Tx) error {
		previous, generation, err := lockOwner(ctx, tx, a.CustomerID)
		if err != nil {
			return err
		}
		if previous == a.OwnerID || (a.ExpectGeneration != 0 && a.ExpectGeneration != generation) {
			return ErrConflict
		}
		if a.RefuseIfContacted {
			if err := RequireNoContact(ctx, tx, a.CustomerID, generation); err != nil {
				return err
			}
		}
		const q = `UPDATE customers SET owner_id = $2, owner_generation = $3, owned_since = now(),
			contact_due_at = now() + make_interval(secs => $4), updated_at = now() WHERE id = $1`
		if _, err := tx.ExecContext(ctx, q, a.CustomerID, a.OwnerID, generation+1, a.ContactDeadline.Seconds()); err != nil {
			return mapErr(err)
		}
		if err := insertOwnership(ctx, tx, ownershipEvent{CustomerID: a.CustomerID, Generation: generation + 1,
			OwnerID: a.OwnerID, PreviousOwnerID: previous, Kind: a.Kind, Reason: a.Reason, ActorID: step.ActorID}); err != nil {
			return err
		}
		// The deadline workflow that reassigns an overdue customer starts
		// the next one as its child (durably): not the outbox's to start.
		if _, err := tx.ExecContext(ctx, outboxNewOwnership, a.CustomerID, generation+1,
			a.Kind != OwnershipOverdue); err != nil {
			return err
		}
		if extra != nil {
			if err := extra(tx); err != nil {
				return err
			}
		}
		const qCancel = `UPDATE tasks SET status = 'cancelled' WHERE subject_type = 'customer' AND subject_id = $1
			AND kind = 'contact_overdue' AND status = 'open'`
		_, err = tx.ExecContext(ctx, qCancel, a.CustomerID)
		return err
	})
	if err != nil {
		return Customer{}, err
	}
	return s.CustomerByID(ctx, a.CustomerID)
}

// lockOwner locks the customer's row for an ownership change and returns
// its owner ("" for the pool) and ownership generation.
func lockOwner(ctx context.Context, tx *sqlx.Tx, customerID string) (string, int, error) {
	var cur struct {
		Owner      sql.NullString `db:"owner_id"`
		Generation int            `db:"owner_generation"`
	}
	const q = `SELECT owner_id, owner_generation FROM customers WHERE id = $1 FOR UPDATE`
	if err := tx.GetContext(ctx, &cur, q, customerID); err != nil {
		return "", 0, mapErr(err)
	}
	return cur.Owner.String, cur.Generation, nil
}

// CustomerStep runs write as one audited step on a customer (activities use
// it to open tasks and notifications once per workflow step).
func (s *Store) CustomerStep(ctx context.Context, customerID string, step Step, write func(tx *sqlx.Tx) error) error {
	return s.runStep(ctx, "customer", customerID, step, write)
}

// ContactStatus is what the contact-deadline workflow checks before it
// reminds or escalates (R2.5).
type ContactStatus struct {
	Current   bool   `json:"current" db:"current"`     // the ownership is still the asked-for one
	Contacted bool   `json:"contacted" db:"contacted"` // an interaction was logged since it began
	OwnerID   string `json:"owner_id" db:"owner_id"`
	ManagerID string `json:"manager_id" db:"manager_id"`
	Name      string `json:"name" db:"name"`
}

// ContactStatusOf reports on ownership generation of a customer.
func (s *Store) ContactStatusOf(ctx context.Context, customerID string, generation int) (ContactStatus, error) {
	const q = `SELECT c.owner_generation = $2 AS current, c.name, COALESCE(c.owner_id, '') AS owner_id,
		COALESCE(u.manager_id, '') AS manager_id,
		EXISTS (SELECT 1 FROM customer_interactions i WHERE i.customer_id = c.id AND i.created_at >= c.owned_since) AS contacted
		FROM customers c LEFT JOIN users u ON u.id = c.owner_id WHERE c.id = $1`
	var st ContactStatus
	err := s.db.GetContext(ctx, &st, q, customerID, generation)
	return st, mapErr(err)
}

// ErrContactMade refuses an overdue-contact decision (R2.5) once the owner
// has made contact after all.
var ErrContactMade = errors.New("the owner made contact")

// RequireNoContact locks the customer's row and refuses with
// ErrContactMade when an interaction was logged since the ownership
// began: a manager's extension or reassignment of an overdue customer
// (R2.5) must not take the customer from an owner who did call, even when
// the workflow never heard of the call.
func RequireNoContact(ctx context.Context, tx *sqlx.Tx, customerID string, generation int) error {
	const q = `SELECT EXISTS (SELECT 1 FROM customer_interactions i WHERE i.customer_id = c.id
		AND i.created_at >= c.owned_since) FROM customers c WHERE c.id = $1 AND c.owner_generation = $2 FOR UPDATE OF c`
	var contacted bool
	if err := tx.GetContext(ctx, &contacted, q, customerID, generation); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return ErrConflict // the ownership moved on
		}
		return err
	}
	if contacted {
		return ErrContactMade
	}
	return nil
}

// SetContactDue moves the contact deadline of the current ownership inside tx
// (a manager's extension, R2.5).
func SetContactDue(ctx context.Context, tx *sqlx.Tx, customerID string, generation int, due time.Time) error {
	const q = `UPDATE customers SET contact_due_at = $3, updated_at = now() WHERE id = $1 AND owner_generation = $2`
	_, err := tx.ExecContext(ctx, q, customerID, generation, due)
	return err
}

// OpenCustomerLoads counts the customers each of ownerIDs holds that are not
// yet signed — the load balanced assignment evens out (R2.4).
func (s *Store) OpenCustomerLoads(ctx context.Context, ownerIDs []string) (map[string]int, error) {
	loads := map[string]int{}
	rows, err := s.db.QueryxContext(ctx, `SELECT owner_id, count(*) FROM customers
		WHERE owner_id = ANY($1) AND class <> 'signed' GROUP BY owner_id`, pq.StringArray(ownerIDs))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		loads[id] = n
	}
	return loads, rows.Err()
}

// OwnershipEvent is one change of owner as the customer file shows it.
type OwnershipEvent struct {
	Generation      int       `json:"generation" db:"generation"`
	OwnerID         *string   `json:"owner_id" db:"owner_id"`
	OwnerName       *string   `json:"owner_name" db:"owner_name"`
	PreviousOwnerID *string   `json:"previous_owner_id" db:"previous_owner_id"`
	Kind            string    `json:"kind" db:"kind"`
	Reason          string    `json:"reason" db:"reason"`
	ActorID         string    `json:"actor_id" db:"actor_id"`
	CreatedAt       time.Time `json:"created_at" db:"created_at"`
}

// OwnershipHistory lists a customer's owners, oldest first (R1.5: the
// customer's development over time; R2.3: who decided).
func (s *Store) OwnershipHistory(ctx context.Context, customerID string) ([]OwnershipEvent, error) {
	const q = `SELECT e.generation, e.owner_id, u.name AS owner_name, e.previous_owner_id, e.kind, e.reason,
		e.actor_id, e.created_at
		FROM customer_ownership_events e LEFT JOIN users u ON u.id = e.owner_id
		WHERE e.customer_id = $1 ORDER BY e.generation`
	out := []OwnershipEvent{}
	err := s.selectPrepared(ctx, &out, q, customerID)
	return out, err
}
