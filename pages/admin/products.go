package admin

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"salesflow/pages/site"
	"salesflow/service"
	"salesflow/session"
	"salesflow/store"
	"salesflow/web"
)

// The admin's rate-card pages: every product, adding one, and changing a
// product's name, list price or whether it is still offered. Prices are
// typed in yuan and read exactly into fen; the checks are the API's
// (service.CreateProduct, UpdateProduct).

// adminProductsPage is the rate card with the form to add a line.
type adminProductsPage struct {
	site.Base
	Products []store.Product
	Form     productForm
}

// adminProductPage is one product's edit form.
type adminProductPage struct {
	site.Base
	P         store.Product
	Form      productForm
	Prices    []store.ProductPrice // dated prices (issue 13)
	PriceForm priceForm
}

// productForm is a product form as typed; Price is yuan.
type productForm struct {
	Key, Code, Name, Unit, Price string
	Active                       bool
}

func readProductForm(c *gin.Context) productForm {
	return productForm{Key: site.FormKey(c), Code: strings.TrimSpace(c.PostForm("code")),
		Name: strings.TrimSpace(c.PostForm("name")), Unit: strings.TrimSpace(c.PostForm("unit")),
		Price: strings.TrimSpace(c.PostForm("list_price")), Active: c.PostForm("active") == "true"}
}

// listPriceFen reads the typed list price, with the proposal form's
// messages for what cannot be read as yuan.
func (f productForm) listPriceFen() (int64, error) {
	var v service.Validation
	if f.Price == "" {
		v.Add("list_price", "field.required")
		return 0, v.Err()
	}
	fen, msg := site.PriceFen(f.Price, nil, "")
	if msg != "" {
		v.Add("list_price", msg)
	}
	return fen, v.Err()
}

func (p *Server) adminProducts(c *gin.Context) {
	p.showProducts(c, http.StatusOK, adminProductsPage{Base: p.Base(c, "admin_products"), Form: productForm{Key: site.NewFormKey()}})
}

// createProductForm is the form twin of POST /api/v1/products. The form's
// key names the product, so a double click adds one line.
func (p *Server) createProductForm(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	f := readProductForm(c)
	fen, err := f.listPriceFen()
	in := service.ProductInput{Code: f.Code, Name: f.Name, Unit: f.Unit, ListPriceFen: fen}
	if err != nil {
		err = service.JoinProblems(err, in.Check())
	} else {
		_, err = p.Svc.CreateProduct(ctx, u, f.Key, in)
	}
	if err != nil {
		page := adminProductsPage{Base: p.Base(c, "admin_products"), Form: f}
		page.Problem = p.priceProblem(c, err)
		p.showProducts(c, page.Problem.Status, page)
		return
	}
	p.Done(c, "page.admin.product_created", "/admin/products")
}

// priceProblem is the problem of a product form: the API names the price
// list_price_fen, the form's field is list_price.
func (p *Server) priceProblem(c *gin.Context, err error) *site.Problem {
	pv := p.ProblemFor(c, err)
	if msg, ok := pv.Fields["list_price_fen"]; ok {
		pv.Fields["list_price"] = msg
	}
	return pv
}

func (p *Server) showProducts(c *gin.Context, status int, page adminProductsPage) {
	ctx, cancel := p.Ctx(c)
	defer cancel()
	list, err := p.Svc.Products(ctx)
	if err != nil {
		p.Fail(c, err)
		return
	}
	page.Products = list
	p.Render(c, status, "admin_products", page)
}

// adminProduct shows one product's edit form.
func (p *Server) adminProduct(c *gin.Context) {
	pr, ok := site.LoadParam(p.Site, c, "product", p.Svc.Product)
	if !ok {
		return
	}
	f := productForm{Key: site.NewFormKey(), Name: pr.Name, Price: web.PlainYuan(pr.ListPriceFen), Active: pr.Active}
	p.showProduct(c, http.StatusOK, adminProductPage{Base: p.Base(c, "admin_products"), P: pr, Form: f})
}

// updateProductForm is the form twin of PATCH /api/v1/products/{id}
// (updateProduct); the same values twice change nothing more.
func (p *Server) updateProductForm(c *gin.Context) {
	pr, ok := site.LoadParam(p.Site, c, "product", p.Svc.Product)
	if !ok {
		return
	}
	ctx, cancel := p.Ctx(c)
	defer cancel()
	f := readProductForm(c)
	fen, err := f.listPriceFen()
	in := service.ProductPatch{Name: &f.Name, ListPriceFen: &fen, Active: &f.Active}
	if err != nil {
		err = service.JoinProblems(err, service.ProductPatch{Name: &f.Name, Active: &f.Active}.Check())
	} else {
		_, err = p.Svc.UpdateProduct(ctx, pr.ID, in)
	}
	if err != nil {
		page := adminProductPage{Base: p.Base(c, "admin_products"), P: pr, Form: f}
		page.Problem = p.priceProblem(c, err)
		p.showProduct(c, page.Problem.Status, page)
		return
	}
	p.Done(c, "page.admin.product_saved", "/admin/products")
}
