package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"salesflow/api/wire"
	"salesflow/httpx"
	"salesflow/service"
	"salesflow/session"
)

// importJobsRoute is where a file too large to import at once goes: it
// becomes a job recorded a batch at a time (service.StartCustomerImport).
const importJobsRoute = "/api/v1/customers/imports"

// customerImportJobRoutes registers the import jobs: sent by a
// salesperson or sales manager, read by their author (or an admin).
func (s *Server) customerImportJobRoutes(authed *gin.RouterGroup) {
	authed.POST("/customers/imports", s.requireRole(session.RoleSalesperson, session.RoleSalesManager), s.startCustomerImport)
	authed.GET("/customers/imports", s.listCustomerImports)
	authed.GET("/customers/imports/:id", s.getCustomerImport)
	authed.GET("/customers/imports/:id/rows", s.listCustomerImportRows)
	authed.POST("/customers/imports/:id/retry", s.requireRole(session.RoleSalesperson, session.RoleSalesManager), s.retryCustomerImport)
}

// startCustomerImport reads and checks the file, stages it as a job and
// answers 202 with the job and its status resource, before any row is
// recorded. The same file with the same Idempotency-Key is the same job.
func (s *Server) startCustomerImport(c *gin.Context) {
	body, ctx, cancel, ok := s.csvUpload(c, service.MaxImportJobBytes)
	if !ok {
		return
	}
	defer cancel()
	u, _ := session.User(c)
	job, err := s.svc.StartCustomerImport(ctx, u, clientKey(c), c.Query("file_name"), body)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Header("Location", importJobsRoute+"/"+job.ID)
	c.JSON(http.StatusAccepted, wire.CustomerImportJobOf(job))
}

// retryCustomerImport records again the failed rows of a finished job, as
// its next attempt; answered 202 with the job, running again.
func (s *Server) retryCustomerImport(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	job, err := s.svc.RetryCustomerImport(ctx, u, c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusAccepted, wire.CustomerImportJobOf(job))
}

// listCustomerImports answers the caller's newest jobs.
func (s *Server) listCustomerImports(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	jobs, err := s.svc.CustomerImportJobs(ctx, u, 20)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, wire.PageOf(wire.Map(jobs, wire.CustomerImportJobOf), ""))
}

// getCustomerImport is a job's status: rows done / total and the counts.
func (s *Server) getCustomerImport(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	job, err := s.svc.CustomerImportJob(ctx, u, c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, wire.CustomerImportJobOf(job))
}

// listCustomerImportRows answers a page of a job's done rows, in file
// order, filtered by ?outcome=.
func (s *Server) listCustomerImportRows(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	q := service.ImportJobRowsQuery{Outcome: c.Query("outcome"), Page: httpx.Page(c)}
	rows, next, err := s.svc.CustomerImportJobRows(ctx, u, c.Param("id"), q)
	if err != nil {
		s.fail(c, err)
		return
	}
	lang := httpx.Lang(c)
	items := make([]wire.CustomerImportJobRow, len(rows))
	for i, r := range rows {
		items[i] = wire.CustomerImportJobRow{Outcome: r.Outcome, Name: r.Name,
			ImportRow: wire.ImportRowOf(httpx.ImportRowIn(lang, r.ImportedRow))}
	}
	c.JSON(http.StatusOK, wire.PageOf(items, next))
}
