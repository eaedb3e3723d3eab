package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"salesflow/service"
	"salesflow/session"
)

// activityReport answers GET /reports/activity?from=&to= (dates, both
// inclusive; default this week so far), service.ActivityReport.
func (s *Server) activityReport(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	from, to, err := service.ReportPeriod(c.Query("from"), c.Query("to"), time.Now())
	if err != nil {
		s.fail(c, err)
		return
	}
	report, err := s.svc.ActivityReport(ctx, u, from, to)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, report)
}

// pipelineReport answers GET /reports/pipeline (service.PipelineReport).
func (s *Server) pipelineReport(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	r, err := s.svc.PipelineReport(ctx, u)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, r)
}
