package api

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"net/http"
	"sync"

	"github.com/google/uuid"

	"salesflow/policy"
	"salesflow/store"
)

// importWorkers is how many rows of one file are recorded at once. Each row
// is a transaction, a near-duplicate search and a workflow start; running
// them side by side keeps a 1,000-row file from taking a row's latency
// times a thousand.
const importWorkers = 8

// importOutcome is what recording one row gave.
type importOutcome struct {
	cust     store.Customer
	warnings []store.SimilarCustomer
	err      error
}

// recordRows records every row and returns the outcomes in row order. Rows
// that name the same company (by normalised name, else phone) form one
// group and are recorded in file order by one worker, so within a file the
// earlier row still wins (R2.2); groups run in parallel.
func (s *Server) recordRows(ctx context.Context, u store.User, rows []importInput) []importOutcome {
	out := make([]importOutcome, len(rows))
	jobs := make(chan []int)
	var wg sync.WaitGroup
	for range importWorkers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for group := range jobs {
				for _, i := range group {
					cust, warnings, err := s.recordCustomer(ctx, u, rows[i].req)
					out[i] = importOutcome{cust, warnings, err}
				}
			}
		}()
	}
	for _, g := range groupRows(rows) {
		jobs <- g
	}
	close(jobs)
	wg.Wait()
	return out
}

// groupRows groups row indices by the company they name, groups ordered by
// their first row. A row with no usable key is a group of its own.
func groupRows(rows []importInput) [][]int {
	var groups [][]int
	byKey := map[string]int{}
	for i, r := range rows {
		keys := []string{"n:" + policy.NormaliseCompanyName(r.req.Name), "p:" + policy.NormalisePhone(r.req.Phone)}
		g := -1
		for _, k := range keys {
			if gi, ok := byKey[k]; ok && len(k) > 2 {
				g = gi
				break
			}
		}
		if g < 0 {
			g = len(groups)
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], i)
		for _, k := range keys {
			if _, ok := byKey[k]; !ok && len(k) > 2 {
				byKey[k] = g
			}
		}
	}
	return groups
}

// importResult is what one import did, row by row. Failed rows were not
// recorded because of a fault on our side (the database away, the time up):
// the same file again with the same Idempotency-Key records them, and
// finds the others recorded already.
type importResult struct {
	Created, Duplicate, Invalid, Failed []importRow
}

// runImport parses a file and records its rows: the import of the API and
// of the import page alike. With an idempotency key each row's customer ID
// is derived from the user, the key, the file and the row, so the same
// upload sent twice records each customer once and answers the same (the
// store treats a record it already holds as recorded).
func (s *Server) runImport(ctx context.Context, u store.User, lang Lang, body []byte, key string) (importResult, error) {
	rows, err := parseImport(body)
	if err != nil {
		return importResult{}, err
	}
	for i := range rows {
		rows[i].req.deferDeadline = true // the outbox starts them (RunContactOutbox)
	}
	if key != "" {
		sum := sha256.Sum256(body)
		for i := range rows {
			name := fmt.Sprintf("salesflow:customer-import:%s:%s:%x:%d", u.ID, key, sum, rows[i].line)
			rows[i].req.id = uuid.NewSHA1(uuid.NameSpaceURL, []byte(name)).String()
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
		row.ID, row.Warnings = o.cust.ID, o.warnings
		r.Created = append(r.Created, row)
	case errors.As(o.err, &dup):
		row.ExistingID = dup.ExistingID
		if dup.OwnerName != "" { // the pool has no owner to name
			row.OwnerName = &dup.OwnerName
		}
		r.Duplicate = append(r.Duplicate, row)
	case errors.As(o.err, &ae) && ae.status == http.StatusUnprocessableEntity:
		for _, f := range ae.fields {
			row.Errors = append(row.Errors, FieldError{Field: f.field, Message: T(lang, f.msgID, f.args...)})
		}
		r.Invalid = append(r.Invalid, row)
	default:
		row.Errors = []FieldError{{Field: "row", Message: T(lang, "import.row_failed")}}
		r.Failed = append(r.Failed, row)
		return o.err
	}
	return nil
}
