package api

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"

	"salesflow/policy"
	"salesflow/service"
	"salesflow/store"
	"salesflow/workflows"
)

const roleFrontDesk = string(policy.RoleFrontDesk)

// visitRoutes adds the visit (R3.5–R3.8, R4.2), notification and report
// routes to the signed-in group.
func (s *Server) visitRoutes(authed *gin.RouterGroup) {
	authed.POST("/visits", s.requireRole(roleSalesperson), s.createVisit)
	authed.GET("/visits", s.listVisits)
	authed.GET("/visits/:id", s.getVisit)
	authed.POST("/visits/:id/departure", s.requireRole(roleFrontDesk), s.departVisit)
	authed.POST("/visits/:id/expected-return", s.expectedReturn)
	authed.POST("/visits/:id/return", s.returnVisit)
	authed.POST("/visits/:id/report", s.reportVisit)
	authed.GET("/notifications", s.listNotifications)
	authed.POST("/notifications/:id/read", s.readNotification)
	authed.GET("/reports/activity", s.requireRole(roleSalesperson, roleSalesManager, roleAdmin), s.activityReport)
	authed.GET("/reports/pipeline", s.requireRole(roleSalesperson, roleSalesManager, roleAdmin), s.pipelineReport)
}

type createVisitRequest struct {
	CustomerID     string `json:"customer_id"`
	Goals          string `json:"goals" text:"block,max=4000"`
	PlannedStart   string `json:"planned_start"`
	PlannedReturn  string `json:"planned_return"`
	ProgressReport string `json:"progress_report" text:"block,max=4000"`
}

// plan checks the request and returns the plan the workflow carries.
func (r createVisitRequest) plan(now time.Time) (workflows.VisitPlan, error) {
	var v validation
	service.CheckText(&v, r)
	if strings.TrimSpace(r.Goals) == "" {
		v.Add("goals", "field.required")
	} else if len([]rune(r.Goals)) > 4000 {
		v.Add("goals", "field.too_long", 4000)
	}
	if len([]rune(r.ProgressReport)) > 4000 {
		v.Add("progress_report", "field.too_long", 4000)
	}
	from, to := service.PlannedTimes(now)
	start, okS := service.CheckTime(&v, "planned_start", r.PlannedStart, from, to)
	back, errR := time.Parse(time.RFC3339, r.PlannedReturn)
	switch {
	case errR != nil:
		v.Add("planned_return", "field.timestamp")
	case okS && !back.After(start):
		v.Add("planned_return", "field.return_after_start")
	case !back.After(now):
		v.Add("planned_return", "field.return_in_past")
	case okS && back.Sub(start) > service.MaxVisit:
		v.Add("planned_return", "field.visit_too_long", int(service.MaxVisit.Hours()))
	case !okS && back.After(to):
		v.Add("planned_return", "field.time_range", service.ShanghaiMinute(now), service.ShanghaiMinute(to))
	}
	return workflows.VisitPlan{Goals: strings.TrimSpace(r.Goals), PlannedStart: start, PlannedReturn: back,
		ProgressReport: strings.TrimSpace(r.ProgressReport)}, v.Err()
}

// createVisit starts the visit's workflow with an Update that answers once
// the plan is stored; the plan goes to the salesperson's manager (R3.5). A
// revisit needs a progress report (R4.2). The same Idempotency-Key from the
// same user names the same visit.
func (s *Server) createVisit(c *gin.Context) {
	var req createVisitRequest
	if err := bindJSON(c, &req); err != nil {
		s.fail(c, err)
		return
	}
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	plan, err := s.checkVisitPlan(ctx, u, req)
	if err != nil {
		s.fail(c, err)
		return
	}
	key, err := idempotencyKey(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	id := uuid.NewString()
	if key != "" {
		id = uuid.NewSHA1(uuid.NameSpaceURL, []byte("salesflow:visit:"+u.ID+":"+key)).String()
	}
	if _, err := s.store.VisitByID(ctx, id); err == nil { // a key used before (see createProposal)
		if err := s.awaitCreatedKnown(ctx, workflows.VisitWorkflowID(id), workflows.UpdateVisitCreated); err != nil {
			s.fail(c, err)
			return
		}
		s.respondVisit(c, ctx, id, http.StatusCreated)
		return
	}
	in := workflows.VisitInput{VisitID: id, CustomerID: req.CustomerID, Owner: actor(u), ManagerID: u.ManagerID,
		Plan: plan, Timing: s.cfg.VisitTiming}
	if err := s.startVisit(ctx, in); err != nil && !service.StartedBefore(err) {
		s.fail(c, err)
		return
	}
	s.respondVisit(c, ctx, id, http.StatusCreated)
}

// checkVisitPlan: the customer is the caller's (like a proposal, R2.1), the
// plan is well formed, and a revisit carries its progress report (R4.2).
func (s *Server) checkVisitPlan(ctx context.Context, u store.User, req createVisitRequest) (workflows.VisitPlan, error) {
	if err := service.TextErr(req); err != nil {
		return workflows.VisitPlan{}, err
	}
	if err := s.checkOwnCustomer(ctx, u, req.CustomerID, "problem.not_visit_owner"); err != nil {
		return workflows.VisitPlan{}, err
	}
	plan, err := req.plan(time.Now())
	if err != nil {
		return plan, err
	}
	earlier, err := s.store.EarlierVisits(ctx, req.CustomerID)
	if err != nil {
		return plan, err
	}
	if policy.RevisitNeedsProgressReport(earlier, plan.ProgressReport) {
		e := problemErr(http.StatusUnprocessableEntity, "/problems/progress-report-required",
			"problem.progress_report_required", "detail.progress_report_required", earlier)
		e.Fields = []fieldErr{{Field: "progress_report", Key: "field.progress_report"}}
		return plan, e
	}
	return plan, nil
}

func (s *Server) startVisit(ctx context.Context, in workflows.VisitInput) error {
	return s.startCreated(ctx, createdStart{workflowID: workflows.VisitWorkflowID(in.VisitID), customerID: in.CustomerID,
		ownerID: in.Owner.ID, stage: string(policy.VisitPendingApproval), workflow: workflows.VisitWorkflow, input: in,
		created: workflows.UpdateVisitCreated})
}

// respondVisit answers with the visit as stored.
func (s *Server) respondVisit(c *gin.Context, ctx context.Context, id string, status int) {
	v, err := s.store.VisitByID(ctx, id)
	if err != nil {
		s.fail(c, service.NotFoundAs(err, "visit "+id))
		return
	}
	c.JSON(status, v)
}

// visibleVisit is the per-object rule: the owner, their manager, the front
// desk (who keeps the visit slips) and admins see a visit; others get 404.
func (s *Server) visibleVisit(ctx context.Context, u store.User, id string) (store.Visit, error) {
	v, err := s.store.VisitByID(ctx, id)
	if err != nil {
		return store.Visit{}, service.NotFoundAs(err, "visit "+id)
	}
	switch {
	case v.OwnerID == u.ID, policy.HasRole(u.Roles, policy.RoleAdmin), policy.HasRole(u.Roles, policy.RoleFrontDesk):
		return v, nil
	case v.ManagerID != nil && *v.ManagerID == u.ID:
		return v, nil
	case v.ManagerID == nil && policy.HasRole(u.Roles, policy.RoleSalesManager):
		return v, nil
	}
	return store.Visit{}, errNotFound("visit " + id)
}

func (s *Server) getVisit(c *gin.Context) {
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	v, err := s.visibleVisit(ctx, u, c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, v)
}

// listVisits: ?day=YYYY-MM-DD&status=a,b. The front desk and admins see
// every visit, a manager their team's, a salesperson their own.
func (s *Server) listVisits(c *gin.Context) {
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	f := store.VisitFilter{Page: pageParams(c)}
	var v validation
	f.Statuses = checkStatus(&v, "status", c.Query("status"), visitStatuses)
	if d := c.Query("day"); d != "" {
		f.Day, _ = service.CheckDay(&v, "day", d, service.BusinessDays(time.Now()))
	}
	if err := v.Err(); err != nil {
		s.fail(c, err)
		return
	}
	if !policy.HasRole(u.Roles, policy.RoleAdmin) && !policy.HasRole(u.Roles, policy.RoleFrontDesk) {
		owners, _, err := s.visibleOwners(ctx, u)
		if err != nil {
			s.fail(c, err)
			return
		}
		f.OwnerIDs = owners
	}
	list, next, err := s.store.ListVisits(ctx, f)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, page(list, next))
}
