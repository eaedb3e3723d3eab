package store

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// ImportOutcome is what ImportCustomers did with one row: ID when the
// customer is recorded (now, or by an earlier send of the same import),
// with its near-duplicate warnings; Duplicate naming the first record when
// the row repeats one (R2.2).
type ImportOutcome struct {
	ID        string
	Duplicate *DuplicateCustomerError
	Warnings  []SimilarCustomer
}

// importBatch is how many rows one INSERT … SELECT writes.
const importBatch = 1000

// ImportCustomers records rows (in file order) as a set, in one
// transaction: the normalised rows are COPYed into a staging table; one
// query probes the unique keys of every row against the registry; rows
// naming a company an earlier row of the file recorded are its duplicates
// (the earlier row wins, R2.2); the rest are inserted in batches with
// their contacts, ownership events and audit events. An owned row is left
// in the contact-deadline outbox (contact_outbox.go) exactly as
// RecordCustomer leaves it (R2.5); a pool lead has no deadline (R2.4).
// A row whose ID is recorded already (an import sent again with its key)
// is reported recorded. The outcomes are in the order of rows.
func (s *Store) ImportCustomers(ctx context.Context, rows []NewCustomer) ([]ImportOutcome, error) {
	out := make([]ImportOutcome, len(rows))
	if len(rows) == 0 {
		return out, nil
	}
	staged := make([]Customer, len(rows))
	for i, r := range rows {
		staged[i] = normalised(r.Customer)
	}
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		if err := stageImport(ctx, tx, rows, staged); err != nil {
			return err
		}
		first, err := importFirstRecords(ctx, tx)
		if err != nil {
			return err
		}
		plan := planImport(staged, first)
		if err := insertImported(ctx, tx, staged, plan); err != nil {
			return err
		}
		if err := plan.resolve(ctx, tx, staged, out); err != nil {
			return err
		}
		return indexProbes(ctx, tx, func() error { return importWarnings(ctx, tx, out) })
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// importRowColumns are the staging table's columns, in COPY order.
var importRowColumns = []string{"ord", "id", "name", "channel", "owner_id", "collected_on", "created_by", "phone",
	"address", "industry", "needs", "notes", "normalised_name", "normalised_phone", "name_core", "core_prefixes", "deadline_secs"}

// stageImport creates the transaction's staging tables (dropped at
// COMMIT) and COPYs the rows and their contacts into them.
func stageImport(ctx context.Context, tx *sqlx.Tx, rows []NewCustomer, staged []Customer) error {
	const ddl = `CREATE TEMP TABLE customer_import_rows (ord int PRIMARY KEY, id text NOT NULL UNIQUE,
			name text, channel text, owner_id text, collected_on date, created_by text, phone text, address text,
			industry text, needs text, notes text, normalised_name text, normalised_phone text, name_core text,
			core_prefixes text[], deadline_secs float8) ON COMMIT DROP;
		CREATE TEMP TABLE customer_import_contacts (ord int, pos int, name text, title text,
			is_decision_maker boolean, phone text, email text) ON COMMIT DROP`
	if _, err := tx.ExecContext(ctx, ddl); err != nil {
		return err
	}
	err := copyRows(ctx, tx, "customer_import_rows", importRowColumns, len(staged), func(i int) []any {
		c := staged[i]
		return []any{i, c.ID, c.Name, c.Channel, c.OwnerID, c.CollectedOn, c.CreatedBy, c.Phone, c.Address,
			c.Industry, c.Needs, c.Notes, c.NormalisedName, c.NormalisedPhone, c.NameCore,
			pq.StringArray(corePrefixes(c.NameCore)), rows[i].ContactDeadline.Seconds()}
	})
	if err != nil {
		return err
	}
	type contactAt struct{ ord, pos int }
	var at []contactAt
	for i, r := range rows {
		for j := range r.Contacts {
			at = append(at, contactAt{i, j})
		}
	}
	if err := copyRows(ctx, tx, "customer_import_contacts",
		[]string{"ord", "pos", "name", "title", "is_decision_maker", "phone", "email"}, len(at), func(k int) []any {
			ct := rows[at[k].ord].Contacts[at[k].pos]
			return []any{at[k].ord, at[k].pos, ct.Name, ct.Title, ct.IsDecisionMaker, ct.Phone, ct.Email}
		}); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `ANALYZE customer_import_rows`)
	return err
}

// indexProbes runs fn, whose queries probe customers by index once per
// staged row, with sequential scans off: the planner, not counting the
// rows this transaction added (nor, on a young registry, knowing its
// size), would otherwise rescan customers for every row.
func indexProbes(ctx context.Context, tx *sqlx.Tx, fn func() error) error {
	if _, err := tx.ExecContext(ctx, `SET LOCAL enable_seqscan = off`); err != nil {
		return err
	}
	if err := fn(); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `SET LOCAL enable_seqscan = on`)
	return err
}

// copyRows COPYs n rows, row(i) giving each one's values, into table.
func copyRows(ctx context.Context, tx *sqlx.Tx, table string, cols []string, n int, row func(i int) []any) error {
	if n == 0 {
		return nil
	}
	stmt, err := tx.PrepareContext(ctx, pq.CopyIn(table, cols...))
	if err != nil {
		return err
	}
	defer stmt.Close()
	for i := range n {
		if _, err := stmt.ExecContext(ctx, row(i)...); err != nil {
			return mapErr(err)
		}
	}
	_, err = stmt.ExecContext(ctx)
	return mapErr(err)
}

// importFirst is a staged row's first record in the registry: its own row
// when its ID is recorded already, else the earliest customer with its
// normalised name or phone (the probe RecordCustomer makes, for all rows
// at once).
type importFirst struct {
	Ord       int    `db:"ord"`
	ID        string `db:"id"`
	OwnerName string `db:"owner_name"`
	Own       bool   `db:"own"`
}

// importFirstRecords probes the unique keys of every staged row in one
// query; each key compared with the empty string again lets the partial
// unique indexes (WHERE key <> empty) answer.
func importFirstRecords(ctx context.Context, tx *sqlx.Tx) (map[int]importFirst, error) {
	const q = `SELECT s.ord, f.id, f.owner_name, f.id = s.id AS own FROM customer_import_rows s
		CROSS JOIN LATERAL (SELECT c.id, COALESCE(u.name, '') AS owner_name, c.entered_at
			FROM customers c LEFT JOIN users u ON u.id = c.owner_id
			WHERE c.id = s.id
			   OR (c.normalised_name = s.normalised_name AND c.normalised_name <> '')
			   OR (c.normalised_phone = s.normalised_phone AND c.normalised_phone <> '')
			ORDER BY (c.id = s.id) DESC, c.entered_at, c.id LIMIT 1) f`
	var found []importFirst
	if err := tx.SelectContext(ctx, &found, q); err != nil {
		return nil, err
	}
	out := make(map[int]importFirst, len(found))
	for _, f := range found {
		out[f.Ord] = f
	}
	return out, nil
}

// importPlan says what becomes of each staged row: inserted, a duplicate
// of a registry record (first), or of an earlier row of the file (dupOf).
type importPlan struct {
	first  map[int]importFirst
	dupOf  map[int]int
	insert []int
}

// planImport decides the rows in file order, as recording them one by one
// would: a row is new unless the registry holds its keys or an earlier
// row that is itself recorded does. Only recorded rows claim keys, so a
// row repeating a duplicate row's other key is still new.
func planImport(staged []Customer, first map[int]importFirst) importPlan {
	p := importPlan{first: first, dupOf: map[int]int{}}
	claimed := map[string]int{}
	keys := func(c Customer) []string {
		var k []string
		if c.NormalisedName != "" {
			k = append(k, "n:"+c.NormalisedName)
		}
		if c.NormalisedPhone != "" {
			k = append(k, "p:"+c.NormalisedPhone)
		}
		return k
	}
	for i, c := range staged {
		if f, ok := first[i]; ok && !f.Own {
			continue
		}
		winner := -1
		for _, k := range keys(c) {
			if w, ok := claimed[k]; ok && (winner < 0 || w < winner) {
				winner = w
			}
		}
		if winner >= 0 {
			p.dupOf[i] = winner
			continue
		}
		for _, k := range keys(c) {
			claimed[k] = i
		}
		if _, own := first[i]; !own {
			p.insert = append(p.insert, i)
		}
	}
	return p
}

// insertImported writes the planned rows in batches; a row a concurrent
// writer beat to one of its keys (or its ID) is left out by ON CONFLICT
// and looked up again by resolve.
func insertImported(ctx context.Context, tx *sqlx.Tx, staged []Customer, p importPlan) error {
	for lo := 0; lo < len(p.insert); lo += importBatch {
		batch := pq.Array(p.insert[lo:min(lo+importBatch, len(p.insert))])
		// The same columns and R2.5 deadline as RecordCustomer's insert.
		const q = `INSERT INTO customers (id, name, channel, owner_id, collected_on, created_by, phone, address,
			industry, needs, notes, normalised_name, normalised_phone, name_core, owner_generation, owned_since,
			contact_due_at)
			SELECT id, name, channel, NULLIF(owner_id, ''), collected_on, created_by, phone, address, industry,
				needs, notes, normalised_name, normalised_phone, name_core,
				CASE WHEN owner_id = '' THEN 0 ELSE 1 END, CASE WHEN owner_id = '' THEN NULL ELSE now() END,
				CASE WHEN owner_id = '' THEN NULL ELSE now() + make_interval(secs => deadline_secs) END
			FROM customer_import_rows WHERE ord = ANY($1) ORDER BY ord
			ON CONFLICT DO NOTHING RETURNING id`
		var ids []string
		if err := tx.SelectContext(ctx, &ids, q, batch); err != nil {
			return mapErr(err)
		}
		if err := importedRows(ctx, tx, ids); err != nil {
			return err
		}
		if err := auditImported(ctx, tx, ids); err != nil {
			return err
		}
	}
	return nil
}

// importedRows writes the contacts (in file order) and the first
// ownership event of the customers just inserted.
func importedRows(ctx context.Context, tx *sqlx.Tx, ids []string) error {
	const qc = `INSERT INTO customer_contacts (customer_id, name, title, is_decision_maker, phone, email)
		SELECT s.id, ct.name, ct.title, ct.is_decision_maker, ct.phone, ct.email
		FROM customer_import_contacts ct JOIN customer_import_rows s ON s.ord = ct.ord
		WHERE s.id = ANY($1) ORDER BY ct.ord, ct.pos`
	if _, err := tx.ExecContext(ctx, qc, pq.StringArray(ids)); err != nil {
		return mapErr(err)
	}
	const qo = `INSERT INTO customer_ownership_events (customer_id, generation, owner_id, previous_owner_id, kind, reason, actor_id)
		SELECT id, 1, owner_id, NULL, 'collected', '', created_by FROM customer_import_rows
		WHERE id = ANY($1) AND owner_id <> '' ORDER BY ord`
	_, err := tx.ExecContext(ctx, qo, pq.StringArray(ids))
	return mapErr(err)
}

// resolve fills the outcomes: recorded rows get their ID; a duplicate of
// the registry names its first record; a duplicate of an earlier row
// names that row's outcome. A planned row that is not in the registry
// now lost a race to a concurrent writer: it is probed again.
func (p importPlan) resolve(ctx context.Context, tx *sqlx.Tx, staged []Customer, out []ImportOutcome) error {
	var inserted []string
	if err := tx.SelectContext(ctx, &inserted, `SELECT s.id FROM customer_import_rows s
		JOIN customers c ON c.id = s.id WHERE s.ord = ANY($1)`, pq.Array(p.insert)); err != nil {
		return err
	}
	have := make(map[string]bool, len(inserted))
	for _, id := range inserted {
		have[id] = true
	}
	owners, err := ownerNames(ctx, tx, staged)
	if err != nil {
		return err
	}
	for i, c := range staged {
		f, found := p.first[i]
		if _, isDup := p.dupOf[i]; isDup {
			continue // after its winner, below
		}
		switch {
		case found && f.Own, !found && have[c.ID]:
			out[i].ID = c.ID
		case found:
			out[i].Duplicate = &DuplicateCustomerError{ExistingID: f.ID, OwnerName: f.OwnerName}
		default: // beaten to a key meanwhile
			d, err := firstRecordIn(ctx, tx, c)
			if err != nil {
				return err
			}
			out[i].Duplicate = d
		}
	}
	for i := range staged {
		w, isDup := p.dupOf[i]
		if !isDup {
			continue
		}
		if d := out[w].Duplicate; d != nil {
			out[i].Duplicate = d
		} else {
			out[i].Duplicate = &DuplicateCustomerError{ExistingID: out[w].ID, OwnerName: owners[staged[w].OwnerID]}
		}
	}
	return nil
}

// ownerNames maps the owners named by the staged rows to their names.
func ownerNames(ctx context.Context, tx *sqlx.Tx, staged []Customer) (map[string]string, error) {
	var rows []struct {
		ID   string `db:"id"`
		Name string `db:"name"`
	}
	if err := tx.SelectContext(ctx, &rows, `SELECT id, name FROM users
		WHERE id IN (SELECT DISTINCT owner_id FROM customer_import_rows)`); err != nil {
		return nil, err
	}
	out := map[string]string{"": ""} // the pool has no owner to name
	for _, r := range rows {
		out[r.ID] = r.Name
	}
	return out, nil
}

// firstRecordIn is firstRecord inside tx: the record that beat c to a key.
func firstRecordIn(ctx context.Context, tx *sqlx.Tx, c Customer) (*DuplicateCustomerError, error) {
	const q = `SELECT c.id, COALESCE(u.name, '') FROM customers c LEFT JOIN users u ON u.id = c.owner_id
		WHERE (c.normalised_name = $1 AND $1 <> '') OR (c.normalised_phone = $2 AND $2 <> '')
		ORDER BY c.entered_at, c.id LIMIT 1`
	var d DuplicateCustomerError
	if err := tx.QueryRowxContext(ctx, q, c.NormalisedName, c.NormalisedPhone).Scan(&d.ExistingID, &d.OwnerName); err != nil {
		return nil, fmt.Errorf("import row %s lost its key and no first record was found: %w", c.ID, err)
	}
	return &d, nil
}
