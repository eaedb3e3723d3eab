package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"salesflow/policy"
	"salesflow/store"
	"salesflow/workflows"
)

// boardPage is the front desk's board: today's approved and departed
// visits, with the visit slip (depart) and return buttons (R3.5).
type boardPage struct {
	pageBase
	Day    time.Time
	Visits []store.Visit
	Key    string
}

func (p *pages) visitBoard(c *gin.Context) {
	ctx, cancel := p.ctx(c)
	defer cancel()
	today := time.Now().In(policy.Shanghai)
	list, _, err := p.s.store.ListVisits(ctx, store.VisitFilter{Day: today, Page: store.Page{Limit: 200},
		Statuses: []string{string(policy.VisitApproved), string(policy.VisitDeparted), string(policy.VisitReturned)}})
	if err != nil {
		p.fail(c, err)
		return
	}
	p.render(c, http.StatusOK, "visit_board", boardPage{pageBase: p.base(c, "board"), Day: today, Visits: list, Key: newFormKey()})
}

// visitStep is the form twin of the departure and return routes: the same
// Update, then back to the page the button was on.
func (p *pages) visitStep(name string) gin.HandlerFunc {
	return func(c *gin.Context) {
		u, _ := currentUser(c)
		ctx, cancel := p.ctx(c)
		defer cancel()
		back := localPath(c.PostForm("return"), "/visits/"+c.Param("id"))
		v, err := p.s.visibleVisit(ctx, u, c.Param("id"))
		if err != nil {
			p.fail(c, err)
			return
		}
		if err := p.s.svc.Update(ctx, formKey(c)+"."+name, v.WorkflowID, name, u, workflows.VisitActorRequest{Actor: actor(u)}, nil); err != nil {
			p.flashProblem(c, p.problemFor(c, visitClosed(err)))
		} else {
			p.setFlash(c, flash{Kind: "ok", Title: T(requestLang(c), "page.visit.done_"+name), Detail: v.CustomerName})
		}
		c.Redirect(http.StatusSeeOther, back)
	}
}

// visitReport is the form twin of POST /api/v1/visits/{id}/report (R3.8).
func (p *pages) visitReport(c *gin.Context) {
	u, _ := currentUser(c)
	ctx, cancel := p.ctx(c)
	defer cancel()
	decides := c.PostForm("is_decision_maker") == "yes"
	req := visitReportRequest{Notes: c.PostForm("notes"), MetName: c.PostForm("met_name"),
		MetTitle: c.PostForm("met_title"), Needs: c.PostForm("needs"), IsDecisionMaker: &decides}
	v, err := p.s.visibleVisit(ctx, u, c.Param("id"))
	if err != nil {
		p.fail(c, err)
		return
	}
	rep, err := req.check()
	if err == nil {
		err = p.s.svc.Update(ctx, formKey(c), v.WorkflowID, workflows.UpdateVisitReport, u,
			workflows.VisitReportRequest{Actor: actor(u), Report: rep}, nil)
	}
	if err != nil {
		pv := p.problemFor(c, visitClosed(err))
		p.renderVisit(c, pv.Status, v.ID, pv, req)
		return
	}
	p.setFlash(c, flash{Kind: "ok", Title: T(requestLang(c), "page.visit.reported")})
	c.Redirect(http.StatusSeeOther, "/visits/"+v.ID)
}

// activityView is the activity report as the page draws it: each row's
// bars are percentages of the target, capped at 100 for the bar width.
type activityView struct {
	pageBase
	R    activity
	Rows []activityBar
	From string
	To   string
}

type activityBar struct {
	Row               activityRow
	RecordPct, VisPct int
}

func (p *pages) activityPage(c *gin.Context) {
	u, _ := currentUser(c)
	ctx, cancel := p.ctx(c)
	defer cancel()
	from, to, err := reportPeriod(c, time.Now())
	if err != nil {
		p.fail(c, err)
		return
	}
	r, err := p.s.buildActivity(ctx, u, from, to)
	if err != nil {
		p.fail(c, err)
		return
	}
	view := activityView{pageBase: p.base(c, "activity"), R: r, From: r.From, To: r.To}
	for _, row := range append(r.People, r.Team) {
		view.Rows = append(view.Rows, activityBar{Row: row,
			RecordPct: pct(row.RecordsPerWorkingDay, r.Targets.RecordsPerWorkingDay),
			VisPct:    pct(row.VisitsPerWeek, r.Targets.VisitsPerWeek)})
	}
	p.render(c, http.StatusOK, "activity", view)
}

func pct(v float64, target int) int {
	if target <= 0 {
		return 0
	}
	return min(int(v*100/float64(target)+0.5), 100)
}
