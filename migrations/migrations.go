// Package migrations holds the numbered, append-only SQL migrations of the
// Salesflow database, embedded so the binary can migrate without files.
package migrations

import "embed"

// FS holds every migration file; goose reads them in numeric order.
//
//go:embed *.sql
var FS embed.FS
