package api

import (
	"context"

	"salesflow/store"
)

// checkTeamMember allows assigning only to an active salesperson whose
// manager is u (service.CheckTeamMember, R2.3).
func (s *Server) checkTeamMember(ctx context.Context, u store.User, ownerID string) error {
	return s.svc.CheckTeamMember(ctx, u, ownerID)
}
