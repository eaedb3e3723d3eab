package api

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

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
	Result   *resourceImportResult
}

func (p *pages) resourceImportPage(c *gin.Context) {
	p.showResourceImport(c, http.StatusOK, resourceImportPage{pageBase: p.base(c, "admin_resources"), Key: newFormKey()})
}

func (p *pages) resourceImportSubmit(c *gin.Context) {
	u, _ := currentUser(c)
	body, err := uploadedCSV(c)
	f := resourceImportPage{pageBase: p.base(c, "admin_resources"), Key: formKey(c), Product: c.PostForm("product")}
	var res resourceImportResult
	if err == nil {
		ctx, cancel := context.WithTimeout(c.Request.Context(), importTimeoutMax)
		defer cancel()
		res, err = p.s.importResources(ctx, u, requestLang(c), body, f.Product)
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

func (p *pages) showResourceImport(c *gin.Context, status int, f resourceImportPage) {
	products, ok := p.rateCard(c)
	if !ok {
		return
	}
	f.Products = products
	p.render(c, status, "admin_resource_import", f)
}
