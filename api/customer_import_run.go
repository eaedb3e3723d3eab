package api

import (
	"context"
	"errors"
	"net/http"
	"sync"

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
					cust, warnings, err := s.recordCustomer(ctx, u, "", rows[i].req)
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

// sortOutcome files one row's outcome under created, duplicate or invalid;
// any other error is returned (the import fails as a whole, already
// recorded rows stay recorded and are found as duplicates on a retry).
func sortOutcome(lang Lang, line int, o importOutcome, created, duplicate, invalid *[]importRow) error {
	row := importRow{Row: line}
	var dup *store.DuplicateCustomerError
	var ae *apiError
	switch {
	case o.err == nil:
		row.ID, row.Warnings = o.cust.ID, o.warnings
		*created = append(*created, row)
	case errors.As(o.err, &dup):
		row.ExistingID = dup.ExistingID
		if dup.OwnerName != "" { // the pool has no owner to name
			row.OwnerName = &dup.OwnerName
		}
		*duplicate = append(*duplicate, row)
	case errors.As(o.err, &ae) && ae.status == http.StatusUnprocessableEntity:
		for _, f := range ae.fields {
			row.Errors = append(row.Errors, FieldError{Field: f.field, Message: T(lang, f.msgID, f.args...)})
		}
		*invalid = append(*invalid, row)
	default:
		return o.err
	}
	return nil
}
