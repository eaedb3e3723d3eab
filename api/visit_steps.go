package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"salesflow/service"
	"salesflow/session"
)

// The visit's steps after its plan (service.TakeVisitStep); the route
// admits the front desk only to the departure, the workflow only the steps
// its state allows (R3.5–R3.8).
func (s *Server) departVisit(c *gin.Context) { s.visitStep(c, service.Depart()) }

func (s *Server) returnVisit(c *gin.Context) { s.visitStep(c, service.Return()) }

func (s *Server) expectedReturn(c *gin.Context) {
	var req service.ExpectedReturnInput
	if err := bindJSON(c, &req); err != nil {
		s.fail(c, err)
		return
	}
	s.visitStep(c, service.ExpectedReturn(req))
}

func (s *Server) reportVisit(c *gin.Context) {
	var req service.VisitReportInput
	if err := bindJSON(c, &req); err != nil {
		s.fail(c, err)
		return
	}
	s.visitStep(c, service.Report(req))
}

// visitStep takes step on the visit of the path and answers with the visit
// as stored.
func (s *Server) visitStep(c *gin.Context, step service.VisitStep) {
	u, _ := session.User(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	v, err := s.svc.TakeVisitStep(ctx, u, clientKey(c), c.Param("id"), step)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.respondVisit(c, ctx, v.ID, http.StatusOK)
}
