package pages

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"salesflow/httpx"
	"salesflow/service"
	"salesflow/session"
	"salesflow/store"
)

// The resource import page: the form twin of POST
// /api/v1/resources/import (importResources), the file read as the
// customer import's page reads it (uploadedCSV).

// resourceImportPage is the upload form and, once a file is in, what
// became of each row.
type resourceImportPage struct {
	pageBase
	Key      string
	Product  string
	Products []store.Product
	Result   *httpx.ResourceImport
}

func (p *Server) resourceImportPage(c *gin.Context) {
	p.showResourceImport(c, http.StatusOK, resourceImportPage{pageBase: p.base(c, "admin_resources"), Key: newFormKey()})
}

func (p *Server) resourceImportSubmit(c *gin.Context) {
	u, _ := session.User(c)
	body, err := uploadedCSV(c)
	f := resourceImportPage{pageBase: p.base(c, "admin_resources"), Key: formKey(c), Product: c.PostForm("product")}
	var res httpx.ResourceImport
	if err == nil {
		ctx, cancel := context.WithTimeout(c.Request.Context(), service.ImportTimeoutMax)
		defer cancel()
		var done service.ResourceImport
		if done, err = p.svc.ImportResources(ctx, u, body, f.Product); err == nil {
			res = httpx.ResourceImportIn(httpx.Lang(c), done)
		}
	}
	if err != nil {
		f.Problem = p.problemFor(c, err)
		if f.Problem.Status >= 500 {
			p.fail(c, err)
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
	p.render(c, status, "admin_resource_import", f)
}
