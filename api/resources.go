package api

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"

	"salesflow/policy"
	"salesflow/service"
	"salesflow/store"
)

// Media resources (issue 13): the slots the company sells. Everyone signed
// in reads them (a salesperson picks one for a line); only admins write.

type resourceRequest struct {
	Code       string   `json:"code" text:"max=64"`
	Name       string   `json:"name" text:"max=200"`
	Kind       string   `json:"kind" text:"max=32"`
	ProductID  string   `json:"product_id" text:"max=64"`
	City       string   `json:"city" text:"max=64"`
	District   string   `json:"district" text:"max=64"`
	Address    string   `json:"address" text:"max=300"`
	Latitude   *float64 `json:"latitude"`
	Longitude  *float64 `json:"longitude"`
	Capacity   int      `json:"capacity"` // 0: one face or slot
	SellUnit   string   `json:"sell_unit" text:"max=16"`
	ActiveFrom string   `json:"active_from" text:"max=10"`
	ActiveTo   string   `json:"active_to" text:"max=10"` // "": sold until further notice
	Notes      string   `json:"notes" text:"block,max=2000"`
}

// maxCapacity is migration 00019's bound on faces or loop slots.
const maxCapacity = 1000

// input checks req and returns what the store writes, trimmed.
func (r resourceRequest) input() (store.ResourceInput, error) {
	var v validation
	service.CheckText(&v, r)
	service.RequiredText(&v, "code", &r.Code, 64)
	service.CheckName(&v, "name", r.Name)
	service.RequiredText(&v, "city", &r.City, 64)
	service.RequiredText(&v, "product_id", &r.ProductID, 64)
	if !slices.Contains(store.ResourceKinds, r.Kind) {
		v.Add("kind", "field.one_of", strings.Join(store.ResourceKinds, ", "))
	}
	if !policy.ValidSellUnit(r.SellUnit) {
		v.Add("sell_unit", "field.one_of", "day, week, month")
	}
	if r.Capacity == 0 {
		r.Capacity = 1
	}
	if r.Capacity < 1 || r.Capacity > maxCapacity {
		v.Add("capacity", "field.capacity", maxCapacity)
	}
	checkCoordinates(&v, r.Latitude, r.Longitude)
	today := time.Now().In(policy.Shanghai)
	var from time.Time
	okFrom := false
	if r.ActiveFrom == "" {
		v.Add("active_from", "field.required")
	} else {
		from, okFrom = service.CheckDay(&v, "active_from", r.ActiveFrom, service.BusinessDays(today))
	}
	if to, okTo := service.CheckDate(&v, "active_to", r.ActiveTo, today); okFrom && okTo && to.Before(from) {
		v.Add("active_to", "field.ends_before_starts")
	}
	in := store.ResourceInput{Code: r.Code, Name: strings.TrimSpace(r.Name), Kind: r.Kind, ProductID: r.ProductID,
		City: r.City, District: strings.TrimSpace(r.District), Address: strings.TrimSpace(r.Address),
		Latitude: r.Latitude, Longitude: r.Longitude, Capacity: r.Capacity, SellUnit: r.SellUnit,
		ActiveFrom: r.ActiveFrom, ActiveTo: r.ActiveTo, Notes: r.Notes}
	return in, v.Err()
}

// checkCoordinates wants both coordinates or neither, each on the globe.
func checkCoordinates(v *validation, lat, lng *float64) {
	if (lat == nil) != (lng == nil) {
		field := "latitude"
		if lat != nil {
			field = "longitude"
		}
		v.Add(field, "field.coordinates_pair")
		return
	}
	if lat != nil && (*lat < -90 || *lat > 90) {
		v.Add("latitude", "field.latitude")
	}
	if lng != nil && (*lng < -180 || *lng > 180) {
		v.Add("longitude", "field.longitude")
	}
}

var errDuplicateResource = func() *apiError {
	e := problemErr(http.StatusConflict, "/problems/duplicate-resource", "problem.duplicate", "detail.duplicate_resource")
	e.Fields = []fieldErr{{Field: "code", Key: "field.code_taken"}}
	return e
}()

// saveResource validates req and creates resource id (update false) or
// replaces it. The same id and code created again (a form posted twice,
// an import run again) answers the stored resource.
func (s *Server) saveResource(ctx context.Context, u store.User, id string, update bool, req resourceRequest) (store.MediaResource, error) {
	in, err := req.input()
	if err != nil {
		return store.MediaResource{}, err
	}
	if _, err := s.store.ProductByID(ctx, in.ProductID); errors.Is(err, store.ErrNotFound) {
		var v validation
		v.Add("product_id", "field.unknown_product")
		return store.MediaResource{}, v.Err()
	} else if err != nil {
		return store.MediaResource{}, err
	}
	var r store.MediaResource
	if update {
		r, err = s.store.UpdateResource(ctx, id, in)
	} else {
		r, err = s.store.CreateResource(ctx, id, u.ID, in)
	}
	if errors.Is(err, store.ErrDuplicate) {
		if prior, perr := s.store.ResourceByID(ctx, id); perr == nil && prior.Code == in.Code && !update {
			return prior, nil
		}
		return store.MediaResource{}, errDuplicateResource
	}
	return r, service.NotFoundAs(err, "resource "+id)
}

// saveResourceHandler is POST /resources (create) and PUT /resources/{id}
// (update: every field replaced).
func (s *Server) saveResourceHandler(update bool) gin.HandlerFunc {
	return func(c *gin.Context) {
		var req resourceRequest
		if err := bindJSON(c, &req); err != nil {
			s.fail(c, err)
			return
		}
		u, _ := currentUser(c)
		ctx, cancel := s.ctx(c)
		defer cancel()
		id, status := uuid.NewString(), http.StatusCreated
		if update {
			id, status = c.Param("id"), http.StatusOK
		}
		r, err := s.saveResource(ctx, u, id, update, req)
		if err != nil {
			s.fail(c, err)
			return
		}
		c.JSON(status, r)
	}
}

func (s *Server) getResource(c *gin.Context) {
	ctx, cancel := s.ctx(c)
	defer cancel()
	r, err := s.store.ResourceByID(ctx, c.Param("id"))
	if err != nil {
		s.fail(c, service.NotFoundAs(err, "resource "+c.Param("id")))
		return
	}
	c.JSON(http.StatusOK, r)
}

// resourceFilter reads ?kind=&city=&active=&cursor=&limit=; a value no
// resource can have is a 422 naming the parameter.
func resourceFilter(c *gin.Context) (store.ResourceFilter, error) {
	var v validation
	f := store.ResourceFilter{Kind: c.Query("kind"), City: strings.TrimSpace(c.Query("city")),
		Active: c.Query("active"), Day: policy.DateKey(time.Now().In(policy.Shanghai))}
	if f.Kind != "" && !slices.Contains(store.ResourceKinds, f.Kind) {
		v.Add("kind", "field.one_of", strings.Join(store.ResourceKinds, ", "))
	}
	if f.Active != "" && f.Active != "true" && f.Active != "false" {
		v.Add("active", "field.one_of", "true, false")
	}
	f.Page = pageParams(c)
	return f, v.Err()
}

func (s *Server) listResources(c *gin.Context) {
	f, err := resourceFilter(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	ctx, cancel := s.ctx(c)
	defer cancel()
	list, next, err := s.store.ListResources(ctx, f)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, page(list, next))
}

func (s *Server) resourceRoutes(authed *gin.RouterGroup) {
	authed.GET("/resources", s.listResources)
	authed.POST("/resources", s.requireRole(roleAdmin), s.saveResourceHandler(false))
	authed.POST("/resources/import", s.requireRole(roleAdmin), s.postResourceImport)
	authed.GET("/resources/:id", s.getResource)
	authed.PUT("/resources/:id", s.requireRole(roleAdmin), s.saveResourceHandler(true))
	authed.GET("/resources/:id/availability", s.getResourceDays)
	authed.GET("/availability", s.getAvailability)
	authed.GET("/availability/free", s.getFreeResources)
}
