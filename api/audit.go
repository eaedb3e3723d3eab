package api

import (
	"net/http"
	"salesflow/api/wire"

	"github.com/gin-gonic/gin"

	"salesflow/httpx"
	"salesflow/session"
)

// listAudit returns audit events. Admins read everything; others read the
// trail of a proposal they may see.
func (s *Server) listAudit(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	events, next, err := s.svc.AuditEvents(ctx, u, c.Query("subject_type"), c.Query("subject_id"), httpx.Page(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, wire.PageOf(wire.Map(events, wire.EventOf), next))
}

// verifyAudit verifies the audit trail from the newest sealed checkpoint:
// its seal with the trusted keys, its heads against the chains, and a
// re-hash of the events after it. ?full=true re-hashes everything (slow
// on a large trail; `salesflow audit verify -full` does it off-request).
func (s *Server) verifyAudit(c *gin.Context) {
	ctx, cancel := s.ctx(c)
	defer cancel()
	report, err := s.svc.VerifyAudit(ctx, c.Query("full") == "true")
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, wire.ChainReportOf(report))
}
