package api

import (
	"context"
	"crypto/sha256"

	"salesflow/service"
	"salesflow/store"
)

// importResult is what one import did, row by row, as the API answers and
// the import page shows it: the service's result with each field error in
// the reader's language.
type importResult struct {
	Created, Duplicate, Invalid, Failed []importRow
}

// runImport reads a file and records its rows (service.ImportCustomers):
// the import of the API and of the import page alike. Reading the CSV —
// its encoding, its header in Chinese or English, the row limit — is input
// reading like binding a JSON body or a form, so it stays here, shared with
// the resource import; the service gets the rows as CustomerInputs.
func (s *Server) runImport(ctx context.Context, u store.User, lang Lang, body []byte, key string) (importResult, error) {
	rows, err := parseImport(body)
	if err != nil {
		return importResult{}, err
	}
	res, err := s.svc.ImportCustomers(ctx, u, key, service.CustomerImport{Rows: rows, Sum: sha256.Sum256(body)})
	if err != nil {
		return importResult{}, err
	}
	return importResult{Created: importRows(lang, res.Created), Duplicate: importRows(lang, res.Duplicate),
		Invalid: importRows(lang, res.Invalid), Failed: importRows(lang, res.Failed)}, nil
}

// importRows is rows in lang ([] rather than null).
func importRows(lang Lang, rows []service.ImportedRow) []importRow {
	out := make([]importRow, len(rows))
	for i, r := range rows {
		out[i] = importRow{Row: r.Line, ID: r.ID, ExistingID: r.ExistingID, OwnerName: r.OwnerName,
			Warnings: r.Warnings, Name: r.Name}
		for _, f := range r.Fields {
			out[i].Errors = append(out[i].Errors, FieldError{Field: f.Field, Message: service.Text(lang, f.Key, f.Args)})
		}
	}
	return out
}
