package api

import (
	"cmp"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"net/http"

	"github.com/google/uuid"

	"salesflow/service"
	"salesflow/store"
)

// importOutcome is what recording one row gave.
type importOutcome struct {
	id       string
	warnings []store.SimilarCustomer
	err      error
}

// recordRows checks every row and records the valid ones as one set
// (store.ImportCustomers: COPY into a staging table, the duplicate keys
// probed for all rows at once, batched inserts); the outcomes are in row
// order. Of two rows naming one company the earlier wins (R2.2). A fault
// of the database fails every valid row of the file, none half-written.
func (s *Server) recordRows(ctx context.Context, u store.User, rows []importInput) []importOutcome {
	out := make([]importOutcome, len(rows))
	var valid []store.NewCustomer
	var at []int
	for i, r := range rows {
		n, err := s.svc.NewCustomer(u, cmp.Or(r.id, uuid.NewString()), r.req)
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

// importResult is what one import did, row by row. Failed rows were not
// recorded because of a fault on our side (the database away, the time up):
// the same file again with the same Idempotency-Key records them, and
// finds the others recorded already.
type importResult struct {
	Created, Duplicate, Invalid, Failed []importRow
}

// runImport parses a file and records its rows: the import of the API and
// of the import page alike. The contact deadlines of the owned rows wait
// in the outbox for RunContactOutbox (R2.5). With an idempotency key each row's customer ID
// is derived from the user, the key, the file and the row, so the same
// upload sent twice records each customer once and answers the same (the
// store treats a record it already holds as recorded).
func (s *Server) runImport(ctx context.Context, u store.User, lang Lang, body []byte, key string) (importResult, error) {
	rows, err := parseImport(body)
	if err != nil {
		return importResult{}, err
	}
	if key != "" {
		sum := sha256.Sum256(body)
		for i := range rows {
			name := fmt.Sprintf("salesflow:customer-import:%s:%s:%x:%d", u.ID, key, sum, rows[i].line)
			rows[i].id = uuid.NewSHA1(uuid.NameSpaceURL, []byte(name)).String()
		}
	}
	res := importResult{Created: []importRow{}, Duplicate: []importRow{}, Invalid: []importRow{}, Failed: []importRow{}}
	var fault error
	for i, o := range s.recordRows(ctx, u, rows) {
		if err := res.add(lang, rows[i], o); err != nil {
			s.log.ErrorContext(ctx, "import row not recorded", "line", rows[i].line, "error", err)
			fault = err
		}
	}
	if fault != nil && len(res.Failed) == len(rows) {
		return importResult{}, fault // nothing was written: the fault is the answer
	}
	return res, nil
}

// add files one row's outcome under created, duplicate, invalid or failed,
// and returns the fault of a failed row (for the log; its text is never
// shown).
func (r *importResult) add(lang Lang, in importInput, o importOutcome) error {
	row := importRow{Row: in.line, Name: in.req.Name}
	var dup *store.DuplicateCustomerError
	var ae *apiError
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
	case errors.As(o.err, &ae) && statusOf[ae.Kind] == http.StatusUnprocessableEntity:
		for _, f := range ae.Fields {
			row.Errors = append(row.Errors, FieldError{Field: f.Field, Message: service.Text(lang, f.Key, f.Args)})
		}
		r.Invalid = append(r.Invalid, row)
	default:
		row.Errors = []FieldError{{Field: "row", Message: T(lang, "import.row_failed")}}
		r.Failed = append(r.Failed, row)
		return o.err
	}
	return nil
}
