package pages

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"salesflow/policy"
	"salesflow/session"
	"salesflow/store"
)

// The daily digest page (R4.3): what the 09:00 digest tells a manager,
// live — per salesperson of their team, since the previous working day —
// with a link to write each one a guidance note. Admins see every team.

// digestPage is the data of the digest page.
type digestPage struct {
	pageBase
	Since time.Time
	Lines []store.DigestLine
}

func (p *Server) digest(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := p.ctx(c)
	defer cancel()
	cal, err := p.svc.Calendar(ctx)
	if err != nil {
		p.fail(c, err)
		return
	}
	now := time.Now()
	since := policy.PreviousWorkingDay(cal, now, policy.Shanghai)
	lines, err := p.store.DigestLines(ctx, since, now)
	if err != nil {
		p.fail(c, err)
		return
	}
	page := digestPage{pageBase: p.base(c, "digest"), Since: since}
	for _, l := range lines {
		if l.ManagerID == u.ID || policy.HasRole(u.Roles, policy.RoleAdmin) {
			page.Lines = append(page.Lines, l)
		}
	}
	p.render(c, http.StatusOK, "digest", page)
}
