package service

import (
	"context"
	"time"

	"salesflow/policy"
	"salesflow/store"
)

// DigestLines are the daily digest's figures (since..now) that actor may
// read: a manager their own team's salespeople, an admin everyone's.
func (s *Service) DigestLines(ctx context.Context, actor store.User, since, now time.Time) ([]store.DigestLine, error) {
	lines, err := s.store.DigestLines(ctx, since, now)
	if err != nil {
		return nil, err
	}
	var out []store.DigestLine
	for _, l := range lines {
		if l.ManagerID == actor.ID || policy.HasRole(actor.Roles, policy.RoleAdmin) {
			out = append(out, l)
		}
	}
	return out, nil
}
