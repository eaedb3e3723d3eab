package store

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// GuidanceNote is one of a sales manager's daily guidance notes for a
// salesperson (R4.3); notes are append-only and timed by the server.
type GuidanceNote struct {
	ID              string    `json:"id" db:"id"`
	SalespersonID   string    `json:"salesperson_id" db:"salesperson_id"`
	SalespersonName string    `json:"salesperson_name" db:"salesperson_name"`
	ManagerID       string    `json:"manager_id" db:"manager_id"`
	ManagerName     string    `json:"manager_name" db:"manager_name"`
	Note            string    `json:"note" db:"note"`
	CreatedAt       time.Time `json:"created_at" db:"created_at"`
}

const guidanceSelect = `SELECT g.id, g.salesperson_id, sp.name AS salesperson_name, g.manager_id,
	m.name AS manager_name, g.note, g.created_at
	FROM guidance_notes g JOIN users sp ON sp.id = g.salesperson_id JOIN users m ON m.id = g.manager_id`

// AddGuidance stores a note, once per id, audited on the salesperson.
func (s *Store) AddGuidance(ctx context.Context, n GuidanceNote) (GuidanceNote, error) {
	step := Step{Key: "guidance/" + n.ID, ActorID: n.ManagerID, Action: "user.guidance_noted",
		Detail: map[string]any{"note_id": n.ID}}
	err := s.runStep(ctx, "user", n.SalespersonID, step, func(tx *sqlx.Tx) error {
		const q = `INSERT INTO guidance_notes (id, salesperson_id, manager_id, note) VALUES ($1, $2, $3, $4)`
		_, err := tx.ExecContext(ctx, q, n.ID, n.SalespersonID, n.ManagerID, n.Note)
		return mapErr(err)
	})
	if err != nil {
		return GuidanceNote{}, err
	}
	var out GuidanceNote
	err = s.db.GetContext(ctx, &out, guidanceSelect+` WHERE g.id = $1`, n.ID)
	return out, mapErr(err)
}

// GuidanceFor lists the notes for any of salespersonIDs, newest first.
func (s *Store) GuidanceFor(ctx context.Context, salespersonIDs []string, page Page) ([]GuidanceNote, string, error) {
	limit := page.clampLimit()
	before, beforeID := newestBefore(page.Cursor)
	q := guidanceSelect + ` WHERE g.salesperson_id = ANY($1) AND (g.created_at, g.id) < ($2, $3)
		ORDER BY g.created_at DESC, g.id DESC LIMIT $4`
	out := []GuidanceNote{}
	if err := s.db.SelectContext(ctx, &out, q, pq.StringArray(salespersonIDs), before, beforeID, limit+1); err != nil {
		return nil, "", err
	}
	return pageOf(out, limit, func(n GuidanceNote) string { return timeCursor(n.CreatedAt, n.ID) })
}
