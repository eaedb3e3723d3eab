package admin

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"salesflow/httpx"
	"salesflow/pages/site"
	"salesflow/service"
	"salesflow/session"
	"salesflow/store"
)

// The resource import page: the form twin of POST
// /api/v1/resources/import (importResources), the file read as the
// customer import's page reads it (site.UploadedCSV).

// resourceImportPage is the upload form and, once a file is in, what
// became of each row.
type resourceImportPage struct {
	site.Base
	Key      string
	Product  string
	Products []store.Product
	Result   *httpx.ResourceImport
}

func (p *Server) resourceImportPage(c *gin.Context) {
	p.showResourceImport(c, http.StatusOK, resourceImportPage{Base: p.Base(c, "admin_resources"), Key: site.NewFormKey()})
}

func (p *Server) resourceImportSubmit(c *gin.Context) {
	u, _ := session.User(c)
	body, _, err := site.UploadedCSV(c, service.MaxImportBytes)
	f := resourceImportPage{Base: p.Base(c, "admin_resources"), Key: site.FormKey(c), Product: c.PostForm("product")}
	var res httpx.ResourceImport
	if err == nil {
		ctx, cancel := context.WithTimeout(c.Request.Context(), service.ImportTimeoutMax)
		defer cancel()
		var done service.ResourceImport
		if done, err = p.Svc.ImportResources(ctx, u, body, f.Product); err == nil {
			res = httpx.ResourceImportIn(httpx.Lang(c), done)
		}
	}
	if err != nil {
		f.Problem = p.ProblemFor(c, err)
		if f.Problem.Status >= 500 {
			p.Fail(c, err)
			return
		}
		p.showResourceImport(c, f.Problem.Status, f)
		return
	}
	f.Result = &res
	p.showResourceImport(c, http.StatusOK, f)
}

func (p *Server) showResourceImport(c *gin.Context, status int, f resourceImportPage) {
	products, ok := p.rateCard(c)
	if !ok {
		return
	}
	f.Products = products
	p.Render(c, status, "admin_resource_import", f)
}
