package customers

import (
	"cmp"
	"net/http"

	"github.com/gin-gonic/gin"

	"salesflow/httpx"
	"salesflow/pages/site"
	"salesflow/service"
	"salesflow/session"
	"salesflow/store"
)

// importJobPage is the data of an import job's page: rows done / total
// while it runs (the page polls itself), and a page of the rows of one
// outcome, the outcome chosen by a tab with its count.
type importJobPage struct {
	site.Base
	Job     store.ImportJob
	Outcome string
	Rows    []httpx.ImportRow
	Next    string // the next page's cursor, "" on the last
}

// importJobPage shows a job to its author (or an admin), like the API's
// GET /api/v1/customers/imports/{id} and its rows.
func (p *Server) importJobPage(c *gin.Context) {
	u, _ := session.User(c)
	ctx := c.Request.Context()
	job, err := p.Svc.CustomerImportJob(ctx, u, c.Param("id"))
	if err != nil {
		p.Fail(c, err)
		return
	}
	f := importJobPage{Base: p.Base(c, "import"), Job: job, Outcome: cmp.Or(c.Query("outcome"), firstOutcome(job))}
	q := service.ImportJobRowsQuery{Outcome: f.Outcome, Page: store.Page{Cursor: c.Query("cursor")}}
	rows, next, err := p.Svc.CustomerImportJobRows(ctx, u, job.ID, q)
	if err != nil {
		p.Fail(c, err)
		return
	}
	lang := httpx.Lang(c)
	f.Rows, f.Next = make([]httpx.ImportRow, len(rows)), next
	for i, r := range rows {
		f.Rows[i] = httpx.ImportRowIn(lang, r.ImportedRow)
	}
	p.Render(c, http.StatusOK, "customer_import_job", f)
}

// importJobRetry is the form twin of POST /api/v1/customers/imports/{id}/retry:
// the job's failed rows are recorded again, and the reader is back on its
// page to watch.
func (p *Server) importJobRetry(c *gin.Context) {
	u, _ := session.User(c)
	job, err := p.Svc.RetryCustomerImport(c.Request.Context(), u, c.Param("id"))
	if err != nil {
		p.Fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/customers/imports/"+job.ID)
}

// CanRetry says the reader may send the job's failed rows again: its
// author, once it has finished with some.
func (f importJobPage) CanRetry() bool {
	return f.User != nil && f.User.ID == f.Job.CreatedBy && !f.Running() && f.Job.Failed > 0
}

// firstOutcome is the tab a job's page opens on: the rows that need the
// reader first (a fault, then refusals, then duplicates), else the
// recorded ones.
func firstOutcome(j store.ImportJob) string {
	switch {
	case j.Failed > 0:
		return store.ImportFailed
	case j.Invalid > 0:
		return store.ImportInvalid
	case j.Duplicate > 0:
		return store.ImportDuplicate
	}
	return store.ImportCreated
}

// Percent is how much of the file is done, for the progress bar.
func (f importJobPage) Percent() int {
	return f.Job.RowsDone * 100 / max(f.Job.RowsTotal, 1)
}

// Running says the job is still recording rows: the page polls itself.
func (f importJobPage) Running() bool { return f.Job.State == store.ImportRunning }

// importTab is one outcome's tab: its rows so far.
type importTab struct {
	Kind  string
	Count int
}

// Tabs are the four outcomes with their counts.
func (f importJobPage) Tabs() []importTab {
	return []importTab{{store.ImportCreated, f.Job.Created}, {store.ImportDuplicate, f.Job.Duplicate},
		{store.ImportInvalid, f.Job.Invalid}, {store.ImportFailed, f.Job.Failed}}
}

// Sections is the one table of the chosen outcome's rows, in the import
// page's shape.
func (f importJobPage) Sections() []importSection {
	for _, t := range f.Tabs() {
		if t.Kind == f.Outcome {
			return []importSection{{Kind: t.Kind, Rows: f.Rows, Count: t.Count}}
		}
	}
	return nil
}

// Column names a field of a row in the reader's language.
func (f importJobPage) Column(field string) string { return importColumn(f.Lang, field) }
