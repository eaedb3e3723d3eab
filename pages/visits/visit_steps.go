package visits

import (
	"errors"
	"net/http"
	"strings"
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

// boardPage is the front desk's board: today's approved and departed
// visits, with the visit slip (depart) and return buttons (R3.5).
type boardPage struct {
	site.Base
	Day    time.Time
	Visits []store.Visit
	Key    string
}

func (p *Server) visitBoard(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	today := time.Now().In(policy.Shanghai)
	// The front desk sees every visit (service.Visits): the board is theirs.
	list, _, err := p.Svc.Visits(ctx, u, service.VisitQuery{Day: policy.DateKey(today), Page: store.Page{Limit: 200},
		Status: strings.Join([]string{string(policy.VisitApproved), string(policy.VisitDeparted), string(policy.VisitReturned)}, ",")})
	if err != nil {
		p.Fail(c, err)
		return
	}
	p.Render(c, http.StatusOK, "visit_board", boardPage{Base: p.Base(c, "board"), Day: today, Visits: list, Key: site.NewFormKey()})
}

// visitStep is the form twin of the departure and return routes: the same
// step, then back to the page the button was on.
func (p *Server) visitStep(step service.VisitStep) gin.HandlerFunc {
	return func(c *gin.Context) {
		u, _ := session.User(c)
		ctx, cancel := p.Ctx(c)
		defer cancel()
		back := site.LocalPath(c.PostForm("return"), "/visits/"+c.Param("id"))
		v, err := p.Svc.TakeVisitStep(ctx, u, site.FormKey(c)+"."+step.StepName(), c.Param("id"), step)
		switch {
		case unseen(err):
			p.Fail(c, err)
			return
		case err != nil:
			p.FlashProblem(c, p.ProblemFor(c, err))
		default:
			p.SetFlash(c, site.Flash{Kind: "ok", Title: i18n.T(httpx.Lang(c), "page.visit.done_"+step.StepName()), Detail: v.CustomerName})
		}
		c.Redirect(http.StatusSeeOther, back)
	}
}

// unseen reports whether err says the object is not the user's to see:
// the page answers it as its own 404, not as a refusal beside a form.
func unseen(err error) bool {
	var e *service.Error
	return errors.As(err, &e) && (e.Kind == service.KindNotFound || e.Kind == service.KindForbidden)
}

// visitReport is the form twin of POST /api/v1/visits/{id}/report (R3.8).
func (p *Server) visitReport(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	decides := c.PostForm("is_decision_maker") == "yes"
	req := service.VisitReportInput{Notes: c.PostForm("notes"), MetName: c.PostForm("met_name"),
		MetTitle: c.PostForm("met_title"), Needs: c.PostForm("needs"), IsDecisionMaker: &decides}
	v, err := p.Svc.TakeVisitStep(ctx, u, site.FormKey(c), c.Param("id"), service.Report(req))
	if unseen(err) {
		p.Fail(c, err)
		return
	}
	if err != nil {
		pv := p.ProblemFor(c, err)
		p.renderVisit(c, pv.Status, v.ID, pv, req)
		return
	}
	p.Done(c, "page.visit.reported", "/visits/"+v.ID)
}

// activityView is the activity report as the page draws it: each row's
// bars are percentages of the target, capped at 100 for the bar width.
type activityView struct {
	site.Base
	R    service.Activity
	Rows []activityBar
	From string
	To   string
}

type activityBar struct {
	Row               service.ActivityRow
	RecordPct, VisPct int
}

func (p *Server) activityPage(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	from, to, err := service.ReportPeriod(c.Query("from"), c.Query("to"), time.Now())
	if err != nil {
		p.Fail(c, err)
		return
	}
	r, err := p.Svc.ActivityReport(ctx, u, from, to)
	if err != nil {
		p.Fail(c, err)
		return
	}
	view := activityView{Base: p.Base(c, "activity"), R: r, From: r.From, To: r.To}
	for _, row := range append(r.People, r.Team) {
		view.Rows = append(view.Rows, activityBar{Row: row,
			RecordPct: pct(row.RecordsPerWorkingDay, r.Targets.RecordsPerWorkingDay),
			VisPct:    pct(row.VisitsPerWeek, r.Targets.VisitsPerWeek)})
	}
	p.Render(c, http.StatusOK, "activity", view)
}

func pct(v float64, target int) int {
	if target <= 0 {
		return 0
	}
	return min(int(v*100/float64(target)+0.5), 100)
}
