package api

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"

	"salesflow/store"
)

type createProductRequest struct {
	Code         string `json:"code"`
	Name         string `json:"name"`
	Unit         string `json:"unit"`
	ListPriceFen int64  `json:"list_price_fen"`
}

func (r createProductRequest) check() error {
	var v validation
	if c := strings.TrimSpace(r.Code); c == "" || len(c) > 64 {
		v.add("code", "field.required")
	}
	checkName(&v, "name", r.Name)
	if u := strings.TrimSpace(r.Unit); u == "" || len([]rune(u)) > 32 {
		v.add("unit", "field.required")
	}
	if r.ListPriceFen < 0 {
		v.add("list_price_fen", "field.price")
	}
	return v.err()
}

// CreateProduct adds a rate-card line (API and demo seed).
func CreateProduct(ctx context.Context, st *store.Store, code, name, unit string, listPriceFen int64) (store.Product, error) {
	req := createProductRequest{Code: code, Name: name, Unit: unit, ListPriceFen: listPriceFen}
	if err := req.check(); err != nil {
		return store.Product{}, err
	}
	p, err := st.CreateProduct(ctx, store.Product{ID: uuid.NewString(), Code: strings.TrimSpace(code),
		Name: strings.TrimSpace(name), Unit: strings.TrimSpace(unit), ListPriceFen: listPriceFen})
	if errors.Is(err, store.ErrDuplicate) {
		return store.Product{}, problemErr(http.StatusConflict, "/problems/duplicate-product", "problem.duplicate", "detail.duplicate_product")
	}
	return p, err
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
	c.JSON(http.StatusOK, gin.H{"items": list, "next_cursor": nil})
}
