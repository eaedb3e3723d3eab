package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"salesflow/policy"
)

// listAudit returns audit events. Admins read everything; others read the
// trail of a proposal they may see.
func (s *Server) listAudit(c *gin.Context) {
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	subjectType, subjectID := c.Query("subject_type"), c.Query("subject_id")
	if !policy.HasRole(u.Roles, policy.RoleAdmin) {
		if subjectType != "proposal" || subjectID == "" {
			s.fail(c, errForbiddenRole(roleAdmin))
			return
		}
		if _, err := s.visibleProposal(ctx, u, subjectID); err != nil {
			s.fail(c, err)
			return
		}
	}
	events, next, err := s.store.EventsFor(ctx, subjectType, subjectID, pageParams(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": events, "next_cursor": nilIfEmpty(next)})
}

// verifyAudit re-hashes the whole chain.
func (s *Server) verifyAudit(c *gin.Context) {
	ctx, cancel := s.ctx(c)
	defer cancel()
	report, err := s.store.VerifyChain(ctx)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, report)
}
