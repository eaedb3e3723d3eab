package customers

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"salesflow/pages/site"
	"salesflow/policy"
	"salesflow/session"
	"salesflow/store"
)

// The daily digest page (R4.3): what the 09:00 digest tells a manager,
// live — per salesperson of their team, since the previous working day —
// with a link to write each one a guidance note. Admins see every team.

// digestPage is the data of the digest page.
type digestPage struct {
	site.Base
	Since time.Time
	Lines []store.DigestLine
}

func (p *Server) digest(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	cal, err := p.Svc.Calendar(ctx)
	if err != nil {
		p.Fail(c, err)
		return
	}
	now := time.Now()
	since := policy.PreviousWorkingDay(cal, now, policy.Shanghai)
	lines, err := p.Svc.DigestLines(ctx, u, since, now)
	if err != nil {
		p.Fail(c, err)
		return
	}
	page := digestPage{Base: p.Base(c, "digest"), Since: since, Lines: lines}
	p.Render(c, http.StatusOK, "digest", page)
}
