package pages

import (
	"net/http"
	"net/url"
	"time"

	"github.com/gin-gonic/gin"

	"salesflow/httpx"
	"salesflow/i18n"
	"salesflow/pages/site"
	"salesflow/policy"
	"salesflow/service"
	"salesflow/session"
	"salesflow/store"
)

// The waiting list's pages (issue 13): the grid's 加入候补 on a held or
// booked week and /waitlist (我的候补), each the form twin of the JSON
// handler, calling the same use case (service.JoinWaitlist, WithdrawWaitlist).

func (p *Server) waitlistPageRoutes(in *gin.RouterGroup) {
	in.POST("/inventory/waitlist", p.RequireRole(session.RoleSalesperson), p.joinWaitlistForm)
	in.GET("/waitlist", p.RequireRole(session.RoleSalesperson), p.waitlistPage)
	in.POST("/waitlist/:id/withdraw", p.RequireRole(session.RoleSalesperson), p.withdrawWaitlistForm)
}

// joinWaitlistForm queues the salesperson for the grid cell's resource
// and dates: the dates the cell would be as a proposal line (cellLines),
// so the proposal that uses the offer takes it.
func (p *Server) joinWaitlistForm(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	lines, err := p.cellLines(ctx, []string{c.PostForm("cell")})
	if err == nil && len(lines) != 1 {
		err = service.NotFound("resource " + c.PostForm("cell"))
	}
	if err == nil {
		_, err = p.Svc.JoinWaitlist(ctx, u, lines[0].ResourceID, service.JoinWaitlistInput{From: lines[0].StartsOn, To: lines[0].EndsOn})
	}
	var ok string
	if err == nil {
		ok = i18n.T(httpx.Lang(c), "page.waitlist.joined", lines[0].Resource, lines[0].StartsOn, lines[0].EndsOn)
	}
	p.backToWaitlist(c, err, ok)
}

// backToWaitlist answers a waiting-list form: the outcome as a flash on
// /waitlist (a problem beside nothing else to show), a defect as the
// problem page.
func (p *Server) backToWaitlist(c *gin.Context, err error, ok string) {
	if err != nil {
		pv := p.ProblemFor(c, err)
		if pv.Status >= 500 {
			p.Fail(c, err)
			return
		}
		p.FlashProblem(c, pv)
	} else {
		p.SetFlash(c, site.Flash{Kind: "ok", Title: ok})
	}
	c.Redirect(http.StatusSeeOther, "/waitlist")
}

// waitlistRow is one of the user's entries with its resource.
type waitlistRow struct {
	store.WaitlistEntry
	Resource string
	UseHref  string // the new-proposal form prefilled with the line; only for a live offer
}

type waitlistPage struct {
	site.Base
	Rows []waitlistRow
}

// waitlistPage lists the user's own entries, every state.
func (p *Server) waitlistPage(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	list, err := p.Svc.OwnWaitlist(ctx, u)
	var known map[string]store.MediaResource
	if err == nil {
		ids := make([]string, 0, len(list))
		for _, e := range list {
			ids = append(ids, e.ResourceID)
		}
		known, err = p.Svc.ResourcesByID(ctx, ids)
	}
	if err != nil {
		p.Fail(c, err)
		return
	}
	page := waitlistPage{Base: p.Base(c, "waitlist")}
	for _, e := range list {
		row := waitlistRow{WaitlistEntry: e, Resource: e.ResourceID}
		if r, ok := known[e.ResourceID]; ok {
			row.Resource = r.Code + " " + r.Name
		}
		if e.State == "offered" {
			row.UseHref = useOfferHref(e)
		}
		page.Rows = append(page.Rows, row)
	}
	p.Render(c, http.StatusOK, "waitlist", page)
}

// useOfferHref opens the new-proposal form with the entry's resource and
// dates as a line, through the grid's own prefill (?cell= per week from
// the entry's first day, each week inside its dates), and its customer.
func useOfferHref(e store.WaitlistEntry) string {
	from, err1 := time.Parse(policy.DateLayout, e.StartsOn)
	to, err2 := time.Parse(policy.DateLayout, e.EndsOn)
	q := url.Values{}
	if e.CustomerID != "" {
		q.Set("customer_id", e.CustomerID)
	}
	if err1 == nil && err2 == nil {
		for d := from; d.Equal(from) || !d.AddDate(0, 0, 6).After(to); d = d.AddDate(0, 0, 7) {
			q.Add("cell", e.ResourceID+"|"+d.Format(policy.DateLayout))
		}
	}
	return "/proposals/new?" + q.Encode()
}

// withdrawWaitlistForm takes the user's entry out of the queue.
func (p *Server) withdrawWaitlistForm(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	_, err := p.Svc.WithdrawWaitlist(ctx, u, site.FormKey(c), c.Param("id"))
	p.backToWaitlist(c, err, i18n.T(httpx.Lang(c), "page.waitlist.withdrawn"))
}
