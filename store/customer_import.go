package store

import (
	"context"
	"fmt"
	"time"

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
// transaction and a handful of statements, each over the whole file: one
// query probes the unique keys of every row against the registry; rows
// naming a company an earlier row of the file recorded are its duplicates
// (the earlier row wins, R2.2); the rest are inserted in batches from
// arrays, then their contacts, ownership events and audit events COPYed
// in. An owned row is left in the contact-deadline outbox
// (contact_outbox.go) exactly as RecordCustomer leaves it (R2.5); a pool
// lead has no deadline (R2.4). A row whose ID is recorded already (an
// import sent again with its key) is reported recorded. The outcomes are
// in the order of rows.
//
// The rows travel as arrays (unnest) rather than through a staging table:
// a temporary table's DDL, COPY and ANALYZE cost more than every query
// over it for a file of 1,000 rows.
func (s *Store) ImportCustomers(ctx context.Context, rows []NewCustomer) ([]ImportOutcome, error) {
	if len(rows) == 0 {
		return []ImportOutcome{}, nil
	}
	var out []ImportOutcome
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		var err error
		out, err = importCustomersTx(ctx, tx, rows)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// importCustomersTx is ImportCustomers inside tx, for the caller that
// writes more in the same transaction (an import job's batch, which also
// records its rows' outcomes).
func importCustomersTx(ctx context.Context, tx *sqlx.Tx, rows []NewCustomer) ([]ImportOutcome, error) {
	out := make([]ImportOutcome, len(rows))
	if len(rows) == 0 {
		return out, nil
	}
	staged := make([]Customer, len(rows))
	for i, r := range rows {
		staged[i] = normalised(r.Customer)
	}
	now, err := indexProbes(ctx, tx)
	if err != nil {
		return nil, err
	}
	first, err := importFirstRecords(ctx, tx, staged)
	if err != nil {
		return nil, err
	}
	plan := planImport(staged, first)
	inserted, err := insertImported(ctx, tx, rows, staged, plan, now)
	if err != nil {
		return nil, err
	}
	if err := plan.resolve(ctx, tx, staged, inserted, out); err != nil {
		return nil, err
	}
	return out, importWarnings(ctx, tx, staged, out)
}

// indexProbes sets the import's transaction to probe customers by index
// once per row, with sequential scans off: the planner, not counting the
// rows this transaction adds (nor, on a young registry, knowing its
// size), would otherwise rescan customers for every row. JIT is off too:
// with sequential scans priced out, a plan's cost says nothing about its
// time, and compiling one takes longer than running it. It answers the
// transaction's time, now() of every statement in it (R5.4).
func indexProbes(ctx context.Context, tx *sqlx.Tx) (time.Time, error) {
	var seqscan, jit string
	var now time.Time
	err := tx.QueryRowxContext(ctx, `SELECT set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true),
		now()`).Scan(&seqscan, &jit, &now)
	return now, err
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

// importFirst is a row's first record in the registry: its own row when
// its ID is recorded already, else the earliest customer with its
// normalised name or phone (the probe RecordCustomer makes, for all rows
// at once).
type importFirst struct {
	Ord       int    `db:"ord"`
	ID        string `db:"id"`
	OwnerName string `db:"owner_name"`
	Own       bool   `db:"own"`
}

// importFirstRecords probes the unique keys of every row in one query;
// each key compared with the empty string again lets the partial unique
// indexes (WHERE key <> empty) answer.
func importFirstRecords(ctx context.Context, tx *sqlx.Tx, staged []Customer) (map[int]importFirst, error) {
	const q = `SELECT s.n - 1 AS ord, f.id, f.owner_name, f.id = s.id AS own
		FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS s(id, normalised_name, normalised_phone, n)
		CROSS JOIN LATERAL (SELECT c.id, COALESCE(u.name, '') AS owner_name, c.entered_at
			FROM customers c LEFT JOIN users u ON u.id = c.owner_id
			WHERE c.id = s.id
			   OR (c.normalised_name = s.normalised_name AND c.normalised_name <> '')
			   OR (c.normalised_phone = s.normalised_phone AND c.normalised_phone <> '')
			ORDER BY (c.id = s.id) DESC, c.entered_at, c.id LIMIT 1) f`
	ids, names, phones := make([]string, len(staged)), make([]string, len(staged)), make([]string, len(staged))
	for i, c := range staged {
		ids[i], names[i], phones[i] = c.ID, c.NormalisedName, c.NormalisedPhone
	}
	var found []importFirst
	if err := tx.SelectContext(ctx, &found, q, pq.StringArray(ids), pq.StringArray(names),
		pq.StringArray(phones)); err != nil {
		return nil, err
	}
	out := make(map[int]importFirst, len(found))
	for _, f := range found {
		out[f.Ord] = f
	}
	return out, nil
}

// importPlan says what becomes of each row: inserted, a duplicate of a
// registry record (first), or of an earlier row of the file (dupOf).
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

// resolve fills the outcomes: recorded rows get their ID; a duplicate of
// the registry names its first record; a duplicate of an earlier row
// names that row's outcome. A planned row that was not inserted lost a
// race to a concurrent writer: it is probed again.
func (p importPlan) resolve(ctx context.Context, tx *sqlx.Tx, staged []Customer, inserted map[string]bool, out []ImportOutcome) error {
	for i, c := range staged {
		f, found := p.first[i]
		if _, isDup := p.dupOf[i]; isDup {
			continue // after its winner, below
		}
		switch {
		case found && f.Own, !found && inserted[c.ID]:
			out[i].ID = c.ID
		case found:
			out[i].Duplicate = &DuplicateCustomerError{ExistingID: f.ID, OwnerName: f.OwnerName}
		default: // beaten to a key meanwhile
			d, err := firstRecordIn(ctx, tx, c)
			switch {
			case err != nil:
				return err
			case d.ExistingID == c.ID: // by the same import sent again at once
				out[i].ID = c.ID
			default:
				out[i].Duplicate = d
			}
		}
	}
	if len(p.dupOf) == 0 {
		return nil
	}
	owners, err := ownerNames(ctx, tx, staged)
	if err != nil {
		return err
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

// ownerNames maps the owners named by the rows to their names.
func ownerNames(ctx context.Context, tx *sqlx.Tx, staged []Customer) (map[string]string, error) {
	seen := map[string]bool{}
	var ids []string
	for _, c := range staged {
		if c.OwnerID != "" && !seen[c.OwnerID] {
			seen[c.OwnerID] = true
			ids = append(ids, c.OwnerID)
		}
	}
	var rows []struct {
		ID   string `db:"id"`
		Name string `db:"name"`
	}
	if err := tx.SelectContext(ctx, &rows, `SELECT id, name FROM users WHERE id = ANY($1)`,
		pq.StringArray(ids)); err != nil {
		return nil, err
	}
	out := map[string]string{"": ""} // the pool has no owner to name
	for _, r := range rows {
		out[r.ID] = r.Name
	}
	return out, nil
}

// firstRecordIn is firstRecord inside tx: the record that beat c to a key,
// c's own row first (committed meanwhile by the same rows sent again).
func firstRecordIn(ctx context.Context, tx *sqlx.Tx, c Customer) (*DuplicateCustomerError, error) {
	const q = `SELECT c.id, COALESCE(u.name, '') FROM customers c LEFT JOIN users u ON u.id = c.owner_id
		WHERE c.id = $3 OR (c.normalised_name = $1 AND $1 <> '') OR (c.normalised_phone = $2 AND $2 <> '')
		ORDER BY (c.id = $3) DESC, c.entered_at, c.id LIMIT 1`
	var d DuplicateCustomerError
	if err := tx.QueryRowxContext(ctx, q, c.NormalisedName, c.NormalisedPhone, c.ID).Scan(&d.ExistingID, &d.OwnerName); err != nil {
		return nil, fmt.Errorf("import row %s lost its key and no first record was found: %w", c.ID, err)
	}
	return &d, nil
}
