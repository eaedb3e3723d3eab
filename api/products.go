package api

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"salesflow/api/wire"
	"salesflow/service"
	"salesflow/session"
	"salesflow/store"
)

// The rate card's routes (service/products.go): everyone reads it, admins
// write it.
func (s *Server) productRoutes(authed *gin.RouterGroup) {
	admin := s.requireRole(session.RoleAdmin)
	authed.POST("/products", admin, jsonAction(s, http.StatusCreated,
		func(ctx context.Context, c *gin.Context, u store.User, in service.ProductInput) (wire.Product, error) {
			return answered(wire.ProductOf)(s.svc.CreateProduct(ctx, u, clientKey(c), in))
		}))
	authed.GET("/products", readAction(s, http.StatusOK,
		func(ctx context.Context, _ *gin.Context, _ store.User) (wire.ListPage[wire.Product], error) {
			list, err := s.svc.Products(ctx)
			return wholeList(wire.Map(list, wire.ProductOf)), err
		}))
	authed.PATCH("/products/:id", admin, jsonAction(s, http.StatusOK,
		func(ctx context.Context, c *gin.Context, _ store.User, in service.ProductPatch) (wire.Product, error) {
			return answered(wire.ProductOf)(s.svc.UpdateProduct(ctx, c.Param("id"), in))
		}))
	authed.GET("/products/:id/prices", readAction(s, http.StatusOK,
		func(ctx context.Context, c *gin.Context, _ store.User) (wire.ListPage[wire.ProductPrice], error) {
			list, err := s.svc.ProductPrices(ctx, c.Param("id"))
			return wholeList(wire.Map(list, wire.ProductPriceOf)), err
		}))
	authed.POST("/products/:id/prices", admin, jsonAction(s, http.StatusCreated,
		func(ctx context.Context, c *gin.Context, u store.User, in service.PriceInput) (wire.ProductPrice, error) {
			return answered(wire.ProductPriceOf)(s.svc.AddProductPrice(ctx, u, c.Param("id"), in))
		}))
	authed.DELETE("/products/:id/prices/:price_id", admin, func(c *gin.Context) {
		ctx, cancel := s.ctx(c)
		defer cancel()
		if err := s.svc.RemoveProductPrice(ctx, c.Param("id"), c.Param("price_id")); err != nil {
			s.fail(c, err)
			return
		}
		c.Status(http.StatusNoContent)
	})
}
