package api

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"

	"salesflow/policy"
	"salesflow/store"
)

type createProductRequest struct {
	Code         string `json:"code" text:"max=64"`
	Name         string `json:"name" text:"max=200"`
	Unit         string `json:"unit" text:"max=32"`
	ListPriceFen int64  `json:"list_price_fen"`
}

func (r createProductRequest) check() error {
	var v validation
	checkText(&v, r)
	requiredText(&v, "code", &r.Code, 64) // a code of 100,000 characters is too long, not missing
	checkName(&v, "name", r.Name)
	requiredText(&v, "unit", &r.Unit, 32)
	checkPrice(&v, "list_price_fen", r.ListPriceFen)
	return v.err()
}

// checkPrice bounds a price in fen as a line's unit price is bounded
// (R5.3): 0 to policy.MaxUnitPriceFn, so no total can overflow.
func checkPrice(v *validation, field string, fen int64) {
	if fen < 0 || fen > policy.MaxUnitPriceFn {
		v.add(field, "field.price_range", int64(policy.MaxUnitPriceFn))
	}
}

// CreateProduct adds a rate-card line (API and demo seed).
func CreateProduct(ctx context.Context, st *store.Store, code, name, unit string, listPriceFen int64) (store.Product, error) {
	return createProduct(ctx, st, uuid.NewString(), createProductRequest{Code: code, Name: name, Unit: unit, ListPriceFen: listPriceFen})
}

// createProduct validates req and stores it as product id. The same id
// and code stored already is the same request again (a form posted twice)
// and answers the stored line; another line's code is a conflict.
func createProduct(ctx context.Context, st *store.Store, id string, req createProductRequest) (store.Product, error) {
	if err := req.check(); err != nil {
		return store.Product{}, err
	}
	code := strings.TrimSpace(req.Code)
	p, err := st.CreateProduct(ctx, store.Product{ID: id, Code: code,
		Name: strings.TrimSpace(req.Name), Unit: strings.TrimSpace(req.Unit), ListPriceFen: req.ListPriceFen})
	if errors.Is(err, store.ErrDuplicate) {
		if prior, perr := st.ProductByID(ctx, id); perr == nil && prior.Code == code {
			return prior, nil
		}
		return store.Product{}, errDuplicateProduct
	}
	return p, err
}

var errDuplicateProduct = func() *apiError {
	e := problemErr(http.StatusConflict, "/problems/duplicate-product", "problem.duplicate", "detail.duplicate_product")
	e.fields = []fieldErr{{field: "code", msgID: "field.code_taken"}}
	return e
}()

type patchProductRequest struct {
	Name         *string `json:"name" text:"max=200"`
	ListPriceFen *int64  `json:"list_price_fen"`
	Active       *bool   `json:"active"`
}

func (r patchProductRequest) check() error {
	var v validation
	checkText(&v, r)
	if r.Name != nil {
		checkName(&v, "name", *r.Name)
	}
	if r.ListPriceFen != nil {
		checkPrice(&v, "list_price_fen", *r.ListPriceFen)
	}
	return v.err()
}

// updateProduct is PATCH /api/v1/products/{id} and the rate-card page's
// edit: change the list price (for lines written from now on, R5.3), the
// name, or withdraw the line from new proposals.
func (s *Server) updateProduct(ctx context.Context, id string, req patchProductRequest) (store.Product, error) {
	if err := req.check(); err != nil {
		return store.Product{}, err
	}
	if req.Name != nil {
		name := strings.TrimSpace(*req.Name)
		req.Name = &name
	}
	p, err := s.store.UpdateProduct(ctx, id, store.ProductPatch{Name: req.Name, ListPriceFen: req.ListPriceFen, Active: req.Active})
	return p, notFoundAs(err, "product "+id)
}

func (s *Server) patchProduct(c *gin.Context) {
	var req patchProductRequest
	if err := bindJSON(c, &req); err != nil {
		s.fail(c, err)
		return
	}
	ctx, cancel := s.ctx(c)
	defer cancel()
	p, err := s.updateProduct(ctx, c.Param("id"), req)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, p)
}

func (s *Server) createProduct(c *gin.Context) {
	var req createProductRequest
	if err := bindJSON(c, &req); err != nil {
		s.fail(c, err)
		return
	}
	ctx, cancel := s.ctx(c)
	defer cancel()
	p, err := CreateProduct(ctx, s.store, req.Code, req.Name, req.Unit, req.ListPriceFen)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, p)
}

func (s *Server) listProducts(c *gin.Context) {
	ctx, cancel := s.ctx(c)
	defer cancel()
	list, err := s.store.ListProducts(ctx)
	if err != nil {
		s.fail(c, err)
		return
	}
	if list == nil {
		list = []store.Product{}
	}
	c.JSON(http.StatusOK, page(list, ""))
}
