package api

import (
	"context"
	"net/http"
	"salesflow/api/wire"

	"github.com/gin-gonic/gin"

	"salesflow/httpx"
	"salesflow/policy"
	"salesflow/session"
	"salesflow/store"
)

// listAudit returns audit events. Admins read everything; others read the
// trail of a proposal they may see.
func (s *Server) listAudit(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	subjectType, subjectID := c.Query("subject_type"), c.Query("subject_id")
	if !policy.HasRole(u.Roles, policy.RoleAdmin) {
		if err := s.checkAuditSubject(ctx, u, subjectType, subjectID); err != nil {
			s.fail(c, err)
			return
		}
	}
	events, next, err := s.store.EventsFor(ctx, subjectType, subjectID, httpx.Page(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, wire.PageOf(wire.Map(events, wire.EventOf), next))
}

// checkAuditSubject lets a non-admin read the trail of one proposal or
// contract they may see.
func (s *Server) checkAuditSubject(ctx context.Context, u store.User, subjectType, subjectID string) error {
	if subjectID == "" {
		return session.ErrRole(session.RoleAdmin)
	}
	switch subjectType {
	case "proposal":
		_, err := s.svc.Proposal(ctx, u, subjectID)
		return err
	case "contract":
		_, err := s.svc.Contract(ctx, u, subjectID)
		return err
	}
	return session.ErrRole(session.RoleAdmin)
}

// verifyAudit verifies the audit trail from the newest sealed checkpoint:
// its seal with the trusted keys, its heads against the chains, and a
// re-hash of the events after it. ?full=true re-hashes everything (slow
// on a large trail; `salesflow audit verify -full` does it off-request).
func (s *Server) verifyAudit(c *gin.Context) {
	ctx, cancel := s.ctx(c)
	defer cancel()
	report, err := s.store.VerifyAudit(ctx, s.cfg.SigningKeys.VerifyMessage, c.Query("full") == "true")
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, wire.ChainReportOf(report))
}
