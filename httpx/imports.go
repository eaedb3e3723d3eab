package httpx

import (
	"salesflow/i18n"
	"salesflow/service"
	"salesflow/store"
)

// What an import did, row by row, in the reader's language: the JSON
// API's answer and what the import pages show.

// ImportRow is one row of a customer import.
type ImportRow struct {
	Row        int                     `json:"row"`
	ID         string                  `json:"id,omitempty"`
	ExistingID string                  `json:"existing_customer_id,omitempty"`
	OwnerName  *string                 `json:"owner_name,omitempty"` // duplicates only
	Errors     []FieldMessage          `json:"errors,omitempty"`
	Warnings   []store.SimilarCustomer `json:"warnings,omitempty"`
	Name       string                  `json:"-"` // as the file gave it, for the import page
}

// CustomerImport is a customer import's rows by what became of them.
type CustomerImport struct {
	Created, Duplicate, Invalid, Failed []ImportRow
}

// CustomerImportIn is res in lang.
func CustomerImportIn(lang i18n.Lang, res service.ImportResult) CustomerImport {
	rows := func(rows []service.ImportedRow) []ImportRow {
		out := make([]ImportRow, len(rows)) // [] rather than null
		for i, r := range rows {
			out[i] = ImportRowIn(lang, r)
		}
		return out
	}
	return CustomerImport{Created: rows(res.Created), Duplicate: rows(res.Duplicate), Invalid: rows(res.Invalid),
		Failed: rows(res.Failed)}
}

// ImportRowIn is one row's outcome in lang.
func ImportRowIn(lang i18n.Lang, r service.ImportedRow) ImportRow {
	return ImportRow{Row: r.Line, ID: r.ID, ExistingID: r.ExistingID, OwnerName: r.OwnerName,
		Warnings: r.Warnings, Name: r.Name, Errors: FieldMessages(lang, r.Fields)}
}

// ResourceImportRow is one row of a media resource import.
type ResourceImportRow struct {
	Row    int            `json:"row"`
	Code   string         `json:"code"`
	ID     string         `json:"id,omitempty"`
	Errors []FieldMessage `json:"errors,omitempty"`
}

// ResourceImport is a resource import's rows by what became of them.
type ResourceImport struct {
	Created  []ResourceImportRow `json:"created"`
	Existing []ResourceImportRow `json:"existing"`
	Invalid  []ResourceImportRow `json:"invalid"`
}

// ResourceImportIn is res in lang.
func ResourceImportIn(lang i18n.Lang, res service.ResourceImport) ResourceImport {
	rows := func(rows []service.ResourceImportRow) []ResourceImportRow {
		out := make([]ResourceImportRow, len(rows))
		for i, r := range rows {
			out[i] = ResourceImportRow{Row: r.Line, Code: r.Code, ID: r.ID, Errors: FieldMessages(lang, r.Fields)}
		}
		return out
	}
	return ResourceImport{Created: rows(res.Created), Existing: rows(res.Existing), Invalid: rows(res.Invalid)}
}
