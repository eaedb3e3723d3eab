package service

import (
	"cmp"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"

	"salesflow/store"
)

// CustomerImport is a customer file read into rows (R1.1, R2.2): each data
// row's record and the line it starts on, and the file's SHA-256, which
// with the idempotency key names each row's customer.
type CustomerImport struct {
	Rows []ImportLine
	Sum  [sha256.Size]byte
}

// ImportLine is one data row of an import file.
type ImportLine struct {
	Line     int
	Customer CustomerInput
}

// ImportedRow is what became of one row: created (ID, Warnings), a
// duplicate (ExistingID, OwnerName unless the pool holds it), invalid or
// failed (Fields say why).
type ImportedRow struct {
	Line       int
	Name       string // as the file gave it
	ID         string
	ExistingID string
	OwnerName  *string
	Warnings   []store.SimilarCustomer
	Fields     []FieldError
}

// ImportResult is what one import did, row by row. Failed rows were not
// recorded because of a fault on our side (the database away, the time up):
// the same file again with the same key records them, and finds the others
// recorded already.
type ImportResult struct {
	Created, Duplicate, Invalid, Failed []ImportedRow
}

// importOutcome is what recording one row gave.
type importOutcome struct {
	id       string
	warnings []store.SimilarCustomer
	err      error
}

// ImportCustomers records the rows of a file as actor's customers, each
// checked as RecordCustomer checks one; a bad row never stops the others.
// The contact deadlines of the owned rows wait in the outbox for
// RunOutboxes (R2.5). With a key each row's customer ID is derived
// from actor, the key, the file and the row, so the same upload sent twice
// records each customer once and answers the same (the store treats a
// record it already holds as recorded). Only when every row failed is the
// fault the answer: then nothing was written.
func (s *Service) ImportCustomers(ctx context.Context, actor store.User, key string, in CustomerImport) (ImportResult, error) {
	ids := importRowIDs(actor, key, in)
	res := ImportResult{Created: []ImportedRow{}, Duplicate: []ImportedRow{}, Invalid: []ImportedRow{}, Failed: []ImportedRow{}}
	var fault error
	for i, o := range s.recordRows(ctx, actor, in.Rows, ids) {
		if err := res.add(in.Rows[i], o); err != nil {
			s.log.ErrorContext(ctx, "import row not recorded", "line", in.Rows[i].Line, "error", err)
			fault = err
		}
	}
	if fault != nil && len(res.Failed) == len(in.Rows) {
		return ImportResult{}, fault
	}
	return res, nil
}

// importRowIDs names each row's customer from actor, the key, the file and
// the row when there is a key ("" each when there is none), so a file sent
// again records nobody twice, at once or as a job.
func importRowIDs(actor store.User, key string, in CustomerImport) []string {
	ids := make([]string, len(in.Rows))
	if key != "" {
		file := fmt.Sprintf("salesflow:customer-import:%s:%s:%x", actor.ID, key, in.Sum)
		for i, r := range in.Rows {
			ids[i] = fileRowID(file, r.Line)
		}
	}
	return ids
}

// recordRows checks every row and records the valid ones as one set
// (store.ImportCustomers: COPY into a staging table, the duplicate keys
// probed for all rows at once, batched inserts); the outcomes are in row
// order. Of two rows naming one company the earlier wins (R2.2). A fault
// of the database fails every valid row of the file, none half-written.
func (s *Service) recordRows(ctx context.Context, actor store.User, rows []ImportLine, ids []string) []importOutcome {
	out := make([]importOutcome, len(rows))
	var valid []store.NewCustomer
	var at []int
	for i, r := range rows {
		n, err := s.NewCustomer(actor, cmp.Or(ids[i], FreshID()), r.Customer)
		if err != nil {
			out[i].err = err
			continue
		}
		valid, at = append(valid, n), append(at, i)
	}
	recorded, err := s.store.ImportCustomers(ctx, valid)
	for k, i := range at {
		switch {
		case err != nil:
			out[i].err = err
		case recorded[k].Duplicate != nil:
			out[i].err = recorded[k].Duplicate
		default:
			out[i] = importOutcome{id: recorded[k].ID, warnings: recorded[k].Warnings}
		}
	}
	return out
}

// failedRowFields say why a row was not recorded: a fault on our side,
// mended by sending the same file again with the same key.
func failedRowFields() []FieldError { return []FieldError{{Field: "row", Key: "import.row_failed"}} }

// add files one row's outcome under created, duplicate, invalid or failed,
// and returns the fault of a failed row (for the log; its text is never
// shown).
func (r *ImportResult) add(in ImportLine, o importOutcome) error {
	row := ImportedRow{Line: in.Line, Name: in.Customer.Name}
	var dup *store.DuplicateCustomerError
	var e *Error
	switch {
	case o.err == nil:
		row.ID, row.Warnings = o.id, o.warnings
		r.Created = append(r.Created, row)
	case errors.As(o.err, &dup):
		row.ExistingID = dup.ExistingID
		if dup.OwnerName != "" { // the pool has no owner to name
			row.OwnerName = &dup.OwnerName
		}
		r.Duplicate = append(r.Duplicate, row)
	case errors.As(o.err, &e) && e.Kind == KindInvalid:
		row.Fields = e.Fields
		r.Invalid = append(r.Invalid, row)
	default:
		row.Fields = failedRowFields()
		r.Failed = append(r.Failed, row)
		return o.err
	}
	return nil
}
