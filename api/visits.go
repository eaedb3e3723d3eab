package api

import (
	"context"
	"net/http"
	"salesflow/api/wire"

	"github.com/gin-gonic/gin"

	"salesflow/httpx"
	"salesflow/policy"
	"salesflow/service"
	"salesflow/session"
)

const roleFrontDesk = string(policy.RoleFrontDesk)

// visitRoutes adds the visit (R3.5–R3.8, R4.2), notification and report
// routes to the signed-in group.
func (s *Server) visitRoutes(authed *gin.RouterGroup) {
	authed.POST("/visits", s.requireRole(session.RoleSalesperson), s.createVisit)
	authed.GET("/visits", s.listVisits)
	authed.GET("/visits/:id", s.getVisit)
	authed.POST("/visits/:id/departure", s.requireRole(roleFrontDesk), s.departVisit)
	authed.POST("/visits/:id/expected-return", s.expectedReturn)
	authed.POST("/visits/:id/return", s.returnVisit)
	authed.POST("/visits/:id/report", s.reportVisit)
	authed.GET("/notifications", s.listNotifications)
	authed.POST("/notifications/:id/read", s.readNotification)
	authed.GET("/reports/activity", s.requireRole(session.RoleSalesperson, session.RoleSalesManager, session.RoleAdmin), s.activityReport)
	authed.GET("/reports/pipeline", s.requireRole(session.RoleSalesperson, session.RoleSalesManager, session.RoleAdmin), s.pipelineReport)
}

// createVisit starts the visit's workflow with an Update that answers once
// the plan is stored; the plan goes to the salesperson's manager (R3.5). A
// revisit needs a progress report (R4.2). The same Idempotency-Key from the
// same user names the same visit.
func (s *Server) createVisit(c *gin.Context) {
	var req service.VisitPlanInput
	if err := bindJSON(c, &req); err != nil {
		s.fail(c, err)
		return
	}
	u, _ := session.User(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	id, err := s.svc.PlanVisit(ctx, u, clientKey(c), req)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.respondVisit(c, ctx, id, http.StatusCreated)
}

// respondVisit answers with the visit as stored.
func (s *Server) respondVisit(c *gin.Context, ctx context.Context, id string, status int) {
	v, err := s.svc.StoredVisit(ctx, id)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(status, wire.VisitOf(v))
}

func (s *Server) getVisit(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	v, err := s.svc.Visit(ctx, u, c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, wire.VisitOf(v))
}

// listVisits: ?day=YYYY-MM-DD&status=a,b. The front desk and admins see
// every visit, a manager their team's, a salesperson their own.
func (s *Server) listVisits(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	list, next, err := s.svc.Visits(ctx, u, service.VisitQuery{Status: c.Query("status"), Day: c.Query("day"), Page: httpx.Page(c)})
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, wire.PageOf(wire.Map(list, wire.VisitOf), next))
}
