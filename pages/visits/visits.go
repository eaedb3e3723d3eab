package visits

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"salesflow/pages/site"
	"salesflow/policy"
	"salesflow/service"
	"salesflow/session"
	"salesflow/store"
)

// visitPageRoutes mounts the visit pages (R3.5–R3.8, R4.2) and the
// activity report page.
func (p *Server) visitPageRoutes(in *gin.RouterGroup) {
	in.GET("/visits", p.visitList)
	in.GET("/visits/new", p.RequireRole(session.RoleSalesperson), p.newVisit)
	in.POST("/visits", p.RequireRole(session.RoleSalesperson), p.createVisit)
	in.GET("/visits/board", p.RequireRole(string(policy.RoleFrontDesk)), p.visitBoard)
	in.GET("/visits/:id", p.visit)
	in.POST("/visits/:id/departure", p.RequireRole(string(policy.RoleFrontDesk)), p.visitStep(service.Depart()))
	in.POST("/visits/:id/return", p.visitStep(service.Return()))
	in.POST("/visits/:id/report", p.visitReport)
	in.GET("/reports/activity", p.RequireRole(session.RoleSalesperson, session.RoleSalesManager, session.RoleAdmin), p.activityPage)
}

// visitsPage lists the visits the user may see.
type visitsPage struct {
	site.Base
	Visits []store.Visit
}

func (p *Server) visitList(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	list, _, err := p.Svc.Visits(ctx, u, service.VisitQuery{Page: store.Page{Limit: 200}})
	if err != nil {
		p.Fail(c, err)
		return
	}
	p.Render(c, http.StatusOK, "visits", visitsPage{Base: p.Base(c, "visits"), Visits: list})
}

// visitForm is the plan form (R3.5), with the progress report a revisit
// needs (R4.2).
type visitForm struct {
	site.Base
	Key       string
	Customers []store.Customer
	Req       service.VisitPlanInput
	Start     string // datetime-local values, Asia/Shanghai
	Return    string
}

func (p *Server) newVisit(c *gin.Context) {
	now := time.Now().In(policy.Shanghai).Truncate(time.Hour).Add(time.Hour)
	f := visitForm{Base: p.Base(c, "new_visit"), Key: site.NewFormKey(),
		Start: now.Format(site.LocalMinute), Return: now.Add(2 * time.Hour).Format(site.LocalMinute),
		Req: service.VisitPlanInput{CustomerID: c.Query("customer_id")}} // from the customer's page
	p.renderVisitForm(c, http.StatusOK, f)
}

func (p *Server) renderVisitForm(c *gin.Context, status int, f visitForm) {
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	list, _, err := p.Svc.OwnCustomers(ctx, u, store.Page{Limit: 200})
	if err != nil {
		p.Fail(c, err)
		return
	}
	f.Customers = list
	p.Render(c, status, "visit_form", f)
}

// createVisit is the form twin of POST /api/v1/visits: the same checks and
// the same workflow start; the form's key names the visit, so a double
// click plans one.
func (p *Server) createVisit(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	f := visitForm{Base: p.Base(c, "new_visit"), Key: site.FormKey(c), Start: c.PostForm("planned_start"),
		Return: c.PostForm("planned_return"), Req: service.VisitPlanInput{CustomerID: c.PostForm("customer_id"),
			Goals: c.PostForm("goals"), ProgressReport: c.PostForm("progress_report")}}
	f.Req.PlannedStart, f.Req.PlannedReturn = localToRFC3339(f.Start), localToRFC3339(f.Return)
	id, err := p.Svc.PlanVisit(ctx, u, f.Key, f.Req)
	if err == nil {
		p.Done(c, "page.visit.planned", "/visits/"+id)
		return
	}
	f.Problem = p.ProblemFor(c, err)
	p.renderVisitForm(c, f.Problem.Status, f)
}

// localToRFC3339 reads a datetime-local value as Asia/Shanghai time.
func localToRFC3339(v string) string {
	t, err := time.ParseInLocation(site.LocalMinute, v, policy.Shanghai)
	if err != nil {
		return v // the plan's check reports it
	}
	return t.Format(time.RFC3339)
}

// visitPage is one visit with what the user may do next.
type visitPage struct {
	site.Base
	V         store.Visit
	Key       string
	CanReport bool
	CanReturn bool
	CanDepart bool
	Report    service.VisitReportInput
	Decides   bool
}

func (p *Server) visit(c *gin.Context) {
	p.renderVisit(c, http.StatusOK, c.Param("id"), nil, service.VisitReportInput{})
}

func (p *Server) renderVisit(c *gin.Context, status int, id string, pv *site.Problem, rep service.VisitReportInput) {
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	v, err := p.Svc.Visit(ctx, u, id)
	if err != nil {
		p.Fail(c, err)
		return
	}
	page := visitPage{Base: p.Base(c, "visits"), V: v, Key: site.NewFormKey(), Report: rep,
		CanReport: v.OwnerID == u.ID && v.Status == string(policy.VisitReturned),
		CanReturn: v.Status == string(policy.VisitDeparted) && (v.OwnerID == u.ID || policy.HasRole(u.Roles, policy.RoleFrontDesk)),
		CanDepart: v.Status == string(policy.VisitApproved) && policy.HasRole(u.Roles, policy.RoleFrontDesk)}
	page.Problem = pv
	page.Decides = rep.IsDecisionMaker != nil && *rep.IsDecisionMaker
	p.Render(c, status, "visit", page)
}
