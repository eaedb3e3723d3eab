package service

import (
	"context"
	"slices"

	"salesflow/store"
)

// GuidanceInput is one guidance note of a sales manager for one of their
// salespeople (R4.3).
type GuidanceInput struct {
	SalespersonID string `json:"salesperson_id"`
	Note          string `json:"note" text:"block,max=4000"`
}

// Check refuses a missing salesperson and a missing or overlong note; the
// note is trimmed.
func (r *GuidanceInput) Check() error {
	var v Validation
	CheckText(&v, r)
	if r.SalespersonID == "" {
		v.Add("salesperson_id", "field.required")
	}
	RequiredText(&v, "note", &r.Note, 4000)
	return v.Err()
}

// AddGuidance records actor's note for a salesperson of their team at the
// server's time (R4.3); notes are append-only. key names the note, so a
// retry writes it once.
func (s *Service) AddGuidance(ctx context.Context, actor store.User, key string, in GuidanceInput) (store.GuidanceNote, error) {
	err := in.Check()
	if err == nil {
		err = s.CheckTeamMember(ctx, actor, in.SalespersonID)
	}
	if err != nil {
		return store.GuidanceNote{}, err
	}
	return s.store.AddGuidance(ctx, store.GuidanceNote{ID: newID("guidance", actor.ID, key),
		SalespersonID: in.SalespersonID, ManagerID: actor.ID, Note: in.Note})
}

// GuidanceAudience is whose notes actor may read (R4.3) — a salesperson
// their own, a manager their team's, an admin everyone's — narrowed to one
// salesperson when asked; someone else's salesperson is not found.
func (s *Service) GuidanceAudience(ctx context.Context, actor store.User, salespersonID string) ([]string, error) {
	people, err := s.ReportPeople(ctx, actor)
	if err != nil {
		return nil, err
	}
	ids := PersonIDs(people)
	if salespersonID == "" {
		return ids, nil
	}
	if !slices.Contains(ids, salespersonID) {
		return nil, NotFound("salesperson " + salespersonID)
	}
	return []string{salespersonID}, nil
}

// Guidance is a page of the notes actor may read (GuidanceAudience, R4.3),
// newest first, narrowed to salesperson salespersonID when not "".
func (s *Service) Guidance(ctx context.Context, actor store.User, salespersonID string, page store.Page) ([]store.GuidanceNote, string, error) {
	ids, err := s.GuidanceAudience(ctx, actor, salespersonID)
	if err != nil {
		return nil, "", err
	}
	return s.store.GuidanceFor(ctx, ids, page)
}
