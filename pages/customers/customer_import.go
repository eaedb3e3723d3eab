package customers

import (
	"context"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"salesflow/httpx"
	"salesflow/i18n"
	"salesflow/pages/site"
	"salesflow/service"
	"salesflow/session"
	"salesflow/store"
)

// recentImportJobs is how many of the reader's import jobs the import page
// lists.
const recentImportJobs = 5

// importPage is the data of the import page: the upload form, the
// reader's recent import jobs and, once a file is in, what became of each
// row.
type importPage struct {
	site.Base
	Key    string
	Result *httpx.CustomerImport
	Jobs   []store.ImportJob
}

func (p *Server) importPage(c *gin.Context) {
	p.renderImport(c, http.StatusOK, importPage{Base: p.Base(c, "import"), Key: site.NewFormKey()})
}

func (p *Server) renderImport(c *gin.Context, status int, f importPage) {
	u, _ := session.User(c)
	jobs, err := p.Svc.CustomerImportJobs(c.Request.Context(), u, recentImportJobs)
	if err != nil {
		p.Fail(c, err)
		return
	}
	f.Jobs = jobs
	p.Render(c, status, "customer_import", f)
}

// importSubmit is the form twin of POST /api/v1/customers/import: the same
// ImportCustomerFile, keyed by the form's idempotency key, so a double-clicked
// Upload (or a reload of the result) records each customer once and shows
// the same result. A file of more rows than that import takes becomes a
// job (the twin of POST /api/v1/customers/imports), and the reader goes to
// its page to watch it. A file that cannot be read is shown beside the
// field.
func (p *Server) importSubmit(c *gin.Context) {
	u, _ := session.User(c)
	body, name, err := site.UploadedCSV(c, service.MaxImportJobBytes) // before site.FormKey: it bounds the body the form is parsed from
	f := importPage{Base: p.Base(c, "import"), Key: site.FormKey(c)}
	var res httpx.CustomerImport
	if err == nil {
		ctx, cancel := context.WithTimeout(c.Request.Context(), service.ImportTimeoutMax)
		defer cancel()
		var done service.ImportResult
		done, err = p.Svc.ImportCustomerFile(ctx, u, f.Key, body)
		if service.IsTooManyRows(err) {
			var job store.ImportJob
			if job, err = p.Svc.StartCustomerImport(ctx, u, f.Key, name, body); err == nil {
				c.Redirect(http.StatusSeeOther, "/customers/imports/"+job.ID)
				return
			}
		}
		if err == nil {
			res = httpx.CustomerImportIn(httpx.Lang(c), done)
		}
	}
	if err != nil {
		f.Problem = p.ProblemFor(c, err)
		p.renderImport(c, f.Problem.Status, f)
		return
	}
	f.Result, f.Key = &res, site.NewFormKey() // the next file is another import
	p.renderImport(c, http.StatusOK, f)
}

// importSection is one table of the result: created, duplicate, invalid
// or failed, and how many rows have that outcome (of a job, more than the
// page shows).
type importSection struct {
	Kind  string
	Rows  []httpx.ImportRow
	Count int
}

func sectionOf(kind string, rows []httpx.ImportRow) importSection {
	return importSection{Kind: kind, Rows: rows, Count: len(rows)}
}

// Sections are the result's three tables, none when no file is in yet.
func (f importPage) Sections() []importSection {
	if f.Result == nil {
		return nil
	}
	sections := []importSection{sectionOf("created", f.Result.Created), sectionOf("duplicate", f.Result.Duplicate),
		sectionOf("invalid", f.Result.Invalid)}
	if len(f.Result.Failed) > 0 { // a fault on our side, shown only when it happened
		sections = append(sections, sectionOf("failed", f.Result.Failed))
	}
	return sections
}

// Column names a field of a row in the reader's language, as the file's
// header would (contacts[0].name is the contact column).
func (f importPage) Column(field string) string {
	return importColumn(f.Lang, field)
}

func importColumn(lang, field string) string {
	field = strings.NewReplacer("contacts[0].", "contact_").Replace(field)
	if i18n.Has("page.import.col." + field) {
		return i18n.T(i18n.Lang(lang), "page.import.col."+field)
	}
	return field
}
