package store

import (
	"context"
	"errors"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// customerCopyColumns are the columns copyCustomers writes.
var customerCopyColumns = []string{"id", "name", "channel", "owner_id", "collected_on", "created_by", "phone",
	"address", "industry", "needs", "notes", "normalised_name", "normalised_phone", "name_core", "owner_generation",
	"owned_since", "contact_due_at"}

// copyCustomers COPYs the rows at ords into customers, with the columns
// and R2.5 deadline of RecordCustomer's insert at the transaction's time
// now, and returns the IDs it inserted: all of them. COPY has no ON
// CONFLICT and is a fifth cheaper than an INSERT with it, and the keys
// were probed in this transaction, so only a writer that took one
// meanwhile makes it fail; then the COPY is undone to its savepoint and
// the rows go by insertCustomers, which leaves that row out.
func copyCustomers(ctx context.Context, tx *sqlx.Tx, rows []NewCustomer, staged []Customer, ords []int, now time.Time) (map[string]bool, error) {
	if _, err := tx.ExecContext(ctx, `SAVEPOINT import_copy`); err != nil {
		return nil, err
	}
	err := copyRows(ctx, tx, "customers", customerCopyColumns, len(ords), func(k int) []any {
		c := staged[ords[k]]
		var owner, since, due any
		generation := 0
		if c.OwnerID != "" {
			owner, since, due, generation = c.OwnerID, now, now.Add(rows[ords[k]].ContactDeadline), 1
		}
		return []any{c.ID, c.Name, c.Channel, owner, c.CollectedOn, c.CreatedBy, c.Phone, c.Address, c.Industry,
			c.Needs, c.Notes, c.NormalisedName, c.NormalisedPhone, c.NameCore, generation, since, due}
	})
	if errors.Is(err, ErrDuplicate) {
		if _, err := tx.ExecContext(ctx, `ROLLBACK TO SAVEPOINT import_copy`); err != nil {
			return nil, err
		}
		return insertCustomers(ctx, tx, rows, staged, ords)
	}
	if err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `RELEASE SAVEPOINT import_copy`); err != nil {
		return nil, err
	}
	out := make(map[string]bool, len(ords))
	for _, i := range ords {
		out[staged[i].ID] = true
	}
	return out, nil
}

// insertImported writes the planned rows in batches, at the transaction's
// time now, and returns the ones it inserted; a row a concurrent writer
// beat to one of its keys (or its ID) is left out and looked up again by
// resolve. The inserted rows' contacts, first ownership events and audit
// events follow by COPY: nothing else can hold their keys before this
// transaction commits their customers.
func insertImported(ctx context.Context, tx *sqlx.Tx, rows []NewCustomer, staged []Customer, p importPlan, now time.Time) (map[string]bool, error) {
	inserted := make(map[string]bool, len(p.insert))
	for lo := 0; lo < len(p.insert); lo += importBatch {
		batch := p.insert[lo:min(lo+importBatch, len(p.insert))]
		ids, err := copyCustomers(ctx, tx, rows, staged, batch, now)
		if err != nil {
			return nil, err
		}
		var done []int
		for _, i := range batch {
			if ids[staged[i].ID] {
				inserted[staged[i].ID] = true
				done = append(done, i)
			}
		}
		if err := importedRows(ctx, tx, rows, staged, done, now); err != nil {
			return nil, err
		}
		if err := auditImported(ctx, tx, staged, done); err != nil {
			return nil, err
		}
	}
	return inserted, nil
}

// insertCustomers inserts the rows at ords from arrays, with the same
// columns and R2.5 deadline as RecordCustomer's insert, leaving out a row
// whose key or ID another writer took (ON CONFLICT), and returns the IDs
// it inserted.
func insertCustomers(ctx context.Context, tx *sqlx.Tx, rows []NewCustomer, staged []Customer, ords []int) (map[string]bool, error) {
	const q = `INSERT INTO customers (id, name, channel, owner_id, collected_on, created_by, phone, address,
			industry, needs, notes, normalised_name, normalised_phone, name_core, owner_generation, owned_since,
			contact_due_at)
		SELECT id, name, channel, NULLIF(owner_id, ''), collected_on::date, created_by, phone, address, industry,
			needs, notes, normalised_name, normalised_phone, name_core,
			CASE WHEN owner_id = '' THEN 0 ELSE 1 END, CASE WHEN owner_id = '' THEN NULL ELSE now() END,
			CASE WHEN owner_id = '' THEN NULL ELSE now() + make_interval(secs => deadline_secs) END
		FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
			$9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::float8[])
			WITH ORDINALITY AS r(id, name, channel, owner_id, collected_on, created_by, phone, address, industry,
				needs, notes, normalised_name, normalised_phone, name_core, deadline_secs, n)
		ORDER BY n
		ON CONFLICT DO NOTHING RETURNING id`
	const cols = 14
	var text [cols][]string
	for k := range text {
		text[k] = make([]string, len(ords))
	}
	secs := make([]float64, len(ords))
	for j, i := range ords {
		c := staged[i]
		for k, v := range [cols]string{c.ID, c.Name, c.Channel, c.OwnerID, c.CollectedOn, c.CreatedBy, c.Phone,
			c.Address, c.Industry, c.Needs, c.Notes, c.NormalisedName, c.NormalisedPhone, c.NameCore} {
			text[k][j] = v
		}
		secs[j] = rows[i].ContactDeadline.Seconds()
	}
	args := make([]any, 0, cols+1)
	for k := range text {
		args = append(args, pq.StringArray(text[k]))
	}
	var ids []string
	if err := tx.SelectContext(ctx, &ids, q, append(args, pq.Float64Array(secs))...); err != nil {
		return nil, mapErr(err)
	}
	out := make(map[string]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}

// importedRows COPYs the contacts (in file order), the first ownership
// event and the contact deadline's outbox row (R2.5) of the customers just
// inserted, at ords, owned since the transaction's time now.
func importedRows(ctx context.Context, tx *sqlx.Tx, rows []NewCustomer, staged []Customer, ords []int, now time.Time) error {
	type contactAt struct{ ord, pos int }
	var at []contactAt
	var owned []int
	for _, i := range ords {
		for j := range rows[i].Contacts {
			at = append(at, contactAt{i, j})
		}
		if staged[i].OwnerID != "" {
			owned = append(owned, i)
		}
	}
	if err := copyRows(ctx, tx, "customer_contacts",
		[]string{"customer_id", "name", "title", "is_decision_maker", "phone", "email"}, len(at), func(k int) []any {
			ct := rows[at[k].ord].Contacts[at[k].pos]
			return []any{staged[at[k].ord].ID, ct.Name, ct.Title, ct.IsDecisionMaker, ct.Phone, ct.Email}
		}); err != nil {
		return err
	}
	if err := copyRows(ctx, tx, "customer_ownership_events",
		[]string{"customer_id", "generation", "owner_id", "kind", "reason", "actor_id"}, len(owned), func(k int) []any {
			c := staged[owned[k]]
			return []any{c.ID, 1, c.OwnerID, "collected", "", c.CreatedBy}
		}); err != nil {
		return err
	}
	return copyRows(ctx, tx, "contact_deadline_outbox", []string{"customer_id", "generation", "owned_since"},
		len(owned), func(k int) []any { return []any{staged[owned[k]].ID, 1, now} })
}
