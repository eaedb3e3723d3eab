package admin

import (
	"salesflow/pages/site"
	"salesflow/service"
	"salesflow/session"
	"strings"

	"github.com/gin-gonic/gin"
)

// The product page's dated prices (issue 13): the form twins of POST and
// DELETE /api/v1/products/{id}/prices (service.AddProductPrice,
// RemoveProductPrice). Prices are typed in yuan.

// priceForm is the dated-price form as typed; Price is yuan.
type priceForm struct {
	Label, From, To, Price string
}

// showProduct renders a product's page with its dated prices.
func (p *Server) showProduct(c *gin.Context, status int, page adminProductPage) {
	ctx, cancel := p.Ctx(c)
	defer cancel()
	prices, err := p.Svc.ProductPrices(ctx, page.P.ID)
	if err != nil {
		p.Fail(c, err)
		return
	}
	page.Prices = prices
	p.Render(c, status, "admin_product", page)
}

// addPriceForm adds a dated price to the product.
func (p *Server) addPriceForm(c *gin.Context) {
	pr, ok := site.LoadParam(p.Site, c, "product", p.Svc.Product)
	if !ok {
		return
	}
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	f := priceForm{Label: strings.TrimSpace(c.PostForm("label")), From: strings.TrimSpace(c.PostForm("valid_from")),
		To: strings.TrimSpace(c.PostForm("valid_to")), Price: strings.TrimSpace(c.PostForm("price"))}
	fen, err := productForm{Price: f.Price}.listPriceFen()
	in := service.PriceInput{Label: f.Label, ValidFrom: f.From, ValidTo: f.To, PriceFen: fen}
	if err != nil {
		err = service.JoinProblems(err, in.Check())
	} else {
		_, err = p.Svc.AddProductPrice(ctx, u, pr.ID, in)
	}
	if err != nil {
		page := adminProductPage{Base: p.Base(c, "admin_products"), P: pr, PriceForm: f}
		page.Problem = p.ProblemFor(c, err)
		if msg, ok := page.Problem.Fields["list_price"]; ok {
			page.Problem.Fields["price"] = msg
		}
		if msg, ok := page.Problem.Fields["price_fen"]; ok {
			page.Problem.Fields["price"] = msg
		}
		p.showProduct(c, page.Problem.Status, page)
		return
	}
	p.Done(c, "page.admin.price_added", "/admin/products/"+pr.ID)
}

// removePriceForm deletes one dated price; removing it again is a 404.
func (p *Server) removePriceForm(c *gin.Context) {
	ctx, cancel := p.Ctx(c)
	defer cancel()
	if err := p.Svc.RemoveProductPrice(ctx, c.Param("id"), c.Param("price_id")); err != nil {
		p.Fail(c, err)
		return
	}
	p.Done(c, "page.admin.price_removed", "/admin/products/"+c.Param("id"))
}

// adminPriceRoutes mounts the dated-price forms under /admin.
func (p *Server) adminPriceRoutes(admin *gin.RouterGroup) {
	admin.POST("/products/:id/prices", p.addPriceForm)
	admin.POST("/products/:id/prices/:price_id/remove", p.removePriceForm)
}
