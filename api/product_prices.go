package api

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"salesflow/policy"
	"salesflow/store"
)

// Dated rate-card prices (issue 13): a season such as 春节档 in which a
// product costs more (or less) per unit. A resource line is priced at the
// price valid on each unit's first day (policy.ListTotal), else at the
// product's list price. Everyone reads them; only admins write.

type productPriceRequest struct {
	Label     string `json:"label" text:"max=64"`
	ValidFrom string `json:"valid_from" text:"max=10"`
	ValidTo   string `json:"valid_to" text:"max=10"` // "": until further notice
	PriceFen  int64  `json:"price_fen"`
}

func (r productPriceRequest) check() error {
	var v validation
	checkText(&v, r)
	checkLen(&v, "label", strings.TrimSpace(r.Label), 64)
	checkPrice(&v, "price_fen", r.PriceFen)
	today := time.Now().In(policy.Shanghai)
	if r.ValidFrom == "" {
		v.add("valid_from", "field.required")
	} else if from, ok := checkDay(&v, "valid_from", r.ValidFrom, businessDays(today)); ok {
		if to, ok := checkDate(&v, "valid_to", r.ValidTo, today); ok && to.Before(from) {
			v.add("valid_to", "field.ends_before_starts")
		}
	}
	return v.err()
}

var errPriceOverlap = func() *apiError {
	e := problemErr(http.StatusConflict, "/problems/price-overlap", "problem.conflict", "detail.price_overlap")
	e.fields = []fieldErr{{field: "valid_from", msgID: "field.price_overlap"}}
	return e
}()

// addProductPrice validates req and adds it to product productID.
func (s *Server) addProductPrice(ctx context.Context, u store.User, productID string, req productPriceRequest) (store.ProductPrice, error) {
	if err := req.check(); err != nil {
		return store.ProductPrice{}, err
	}
	if _, err := s.store.ProductByID(ctx, productID); err != nil {
		return store.ProductPrice{}, notFoundAs(err, "product "+productID)
	}
	p, err := s.store.CreateProductPrice(ctx, store.ProductPrice{ProductID: productID, Label: strings.TrimSpace(req.Label),
		ValidFrom: req.ValidFrom, ValidTo: req.ValidTo, PriceFen: req.PriceFen}, u.ID)
	if errors.Is(err, store.ErrPriceOverlap) {
		return store.ProductPrice{}, errPriceOverlap
	}
	return p, err
}

// removeProductPrice deletes dated price priceID (a path parameter) of
// product productID; lines already priced keep their list price (R5.3).
func (s *Server) removeProductPrice(ctx context.Context, productID, priceID string) error {
	id, err := strconv.ParseInt(priceID, 10, 64)
	if err != nil {
		return errNotFound("price " + priceID)
	}
	return notFoundAs(s.store.DeleteProductPrice(ctx, productID, id), "price "+priceID)
}

func (s *Server) listProductPrices(c *gin.Context) {
	ctx, cancel := s.ctx(c)
	defer cancel()
	if _, err := s.store.ProductByID(ctx, c.Param("id")); err != nil {
		s.fail(c, notFoundAs(err, "product "+c.Param("id")))
		return
	}
	list, err := s.store.ListProductPrices(ctx, c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, page(list, ""))
}

func (s *Server) createProductPrice(c *gin.Context) {
	var req productPriceRequest
	if err := bindJSON(c, &req); err != nil {
		s.fail(c, err)
		return
	}
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	p, err := s.addProductPrice(ctx, u, c.Param("id"), req)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, p)
}

func (s *Server) deleteProductPrice(c *gin.Context) {
	ctx, cancel := s.ctx(c)
	defer cancel()
	if err := s.removeProductPrice(ctx, c.Param("id"), c.Param("price_id")); err != nil {
		s.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

func (s *Server) productPriceRoutes(authed *gin.RouterGroup) {
	authed.GET("/products/:id/prices", s.listProductPrices)
	authed.POST("/products/:id/prices", s.requireRole(roleAdmin), s.createProductPrice)
	authed.DELETE("/products/:id/prices/:price_id", s.requireRole(roleAdmin), s.deleteProductPrice)
}
