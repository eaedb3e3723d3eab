package service

import (
	"context"
	"errors"
	"salesflow/policy"
	"salesflow/store"
	"slices"
	"strings"
	"time"
)

// Media resources (issue 13): the slots the company sells. Everyone signed
// in reads them (a salesperson picks one for a line); only admins write.

type ResourceInput struct {
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

// MaxCapacity is migration 00019's bound on faces or loop slots.
const MaxCapacity = 1000

// Check checks r and returns what the store writes, trimmed.
func (r ResourceInput) Check() (store.ResourceInput, error) {
	var v Validation
	CheckText(&v, r)
	RequiredText(&v, "code", &r.Code, 64)
	CheckName(&v, "name", r.Name)
	RequiredText(&v, "city", &r.City, 64)
	RequiredText(&v, "product_id", &r.ProductID, 64)
	if !slices.Contains(store.ResourceKinds, r.Kind) {
		v.Add("kind", "field.one_of", strings.Join(store.ResourceKinds, ", "))
	}
	if !policy.ValidSellUnit(r.SellUnit) {
		v.Add("sell_unit", "field.one_of", "day, week, month")
	}
	if r.Capacity == 0 {
		r.Capacity = 1
	}
	if r.Capacity < 1 || r.Capacity > MaxCapacity {
		v.Add("capacity", "field.capacity", MaxCapacity)
	}
	CheckCoordinates(&v, r.Latitude, r.Longitude)
	today := time.Now().In(policy.Shanghai)
	var from time.Time
	okFrom := false
	if r.ActiveFrom == "" {
		v.Add("active_from", "field.required")
	} else {
		from, okFrom = CheckDay(&v, "active_from", r.ActiveFrom, BusinessDays(today))
	}
	if to, okTo := CheckDate(&v, "active_to", r.ActiveTo, today); okFrom && okTo && to.Before(from) {
		v.Add("active_to", "field.ends_before_starts")
	}
	in := store.ResourceInput{Code: r.Code, Name: strings.TrimSpace(r.Name), Kind: r.Kind, ProductID: r.ProductID,
		City: r.City, District: strings.TrimSpace(r.District), Address: strings.TrimSpace(r.Address),
		Latitude: r.Latitude, Longitude: r.Longitude, Capacity: r.Capacity, SellUnit: r.SellUnit,
		ActiveFrom: r.ActiveFrom, ActiveTo: r.ActiveTo, Notes: r.Notes}
	return in, v.Err()
}

// CheckCoordinates wants both coordinates or neither, each on the globe.
func CheckCoordinates(v *Validation, lat, lng *float64) {
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

// ErrDuplicateResource: another resource has the code.
var ErrDuplicateResource = NewError(KindConflict, "duplicate-resource", "problem.duplicate", "detail.duplicate_resource").
	WithField("code", "field.code_taken")

// SaveResource validates req and creates resource id (update false) or
// replaces it, as actor's. The same id and code created again (a form
// posted twice, an import run again) answers the stored resource.
func (s *Service) SaveResource(ctx context.Context, actor store.User, id string, update bool, req ResourceInput) (store.MediaResource, error) {
	in, err := req.Check()
	if err != nil {
		return store.MediaResource{}, err
	}
	if _, err := s.store.ProductByID(ctx, in.ProductID); errors.Is(err, store.ErrNotFound) {
		var v Validation
		v.Add("product_id", "field.unknown_product")
		return store.MediaResource{}, v.Err()
	} else if err != nil {
		return store.MediaResource{}, err
	}
	var r store.MediaResource
	if update {
		r, err = s.store.UpdateResource(ctx, id, in)
	} else {
		r, err = s.store.CreateResource(ctx, id, actor.ID, in)
	}
	if errors.Is(err, store.ErrDuplicate) {
		if prior, perr := s.store.ResourceByID(ctx, id); perr == nil && prior.Code == in.Code && !update {
			return prior, nil
		}
		return store.MediaResource{}, ErrDuplicateResource
	}
	return r, NotFoundAs(err, "resource "+id)
}

// ResourceID is the ID a create by actor with key gives its resource (a
// fresh one without a key), so a form posted again finds it.
func ResourceID(actor store.User, key string) string { return newID("resource", actor.ID, key) }

// Resource is resource id; every signed-in user may read it.
func (s *Service) Resource(ctx context.Context, id string) (store.MediaResource, error) {
	r, err := s.store.ResourceByID(ctx, id)
	return r, NotFoundAs(err, "resource "+id)
}

// Resources are a page of the media resources matching f; every signed-in
// user may read them.
func (s *Service) Resources(ctx context.Context, f store.ResourceFilter) ([]store.MediaResource, string, error) {
	return s.store.ListResources(ctx, f)
}

// ResourcesByID are the resources of ids that exist, by ID: a list of
// claims or entries shows each one's name.
func (s *Service) ResourcesByID(ctx context.Context, ids []string) (map[string]store.MediaResource, error) {
	return s.store.ResourcesByID(ctx, ids)
}
