package service

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/google/uuid"

	"salesflow/store"
)

// Importing media resources from a CSV file (issue 13): UTF-8 or
// GB18030/GBK, a header row in Chinese (编号,名称,类型,城市,区县,地址,纬度,
// 经度,面数,售卖单位,起售日期,停售日期,备注,产品) or English. The file is
// read as the customer import reads it (readCSVFile); each row is checked
// and stored by SaveResource, as one typed into the form. A resource's id
// comes from its code, so the same file imported again changes nothing
// and reports every row as existing. The rate-card product is the row's
// 产品 column (a product code) or, for every row without one, the default.
var resourceColumns = map[string]string{
	"编号": "code", "点位编号": "code", "code": "code", "名称": "name", "点位名称": "name", "name": "name",
	"类型": "kind", "kind": "kind", "城市": "city", "city": "city", "区县": "district", "区": "district",
	"district": "district", "地址": "address", "address": "address", "纬度": "latitude", "latitude": "latitude",
	"lat": "latitude", "经度": "longitude", "longitude": "longitude", "lng": "longitude", "面数": "capacity",
	"capacity": "capacity", "售卖单位": "sell_unit", "sell_unit": "sell_unit", "unit": "sell_unit",
	"起售日期": "active_from", "active_from": "active_from", "停售日期": "active_to", "active_to": "active_to",
	"备注": "notes", "notes": "notes", "产品": "product", "产品编号": "product", "product": "product",
}

// resourceKindNames and sellUnitNames let a file say it in Chinese.
var (
	resourceKindNames = map[string]string{"户外大牌": "billboard", "大牌": "billboard", "广告牌": "billboard",
		"灯箱": "light_box", "led屏": "led_screen", "led 屏": "led_screen", "屏幕": "led_screen", "电子屏": "led_screen",
		"电梯框架": "elevator_frame", "框架": "elevator_frame", "公交候车亭": "bus_shelter", "候车亭": "bus_shelter", "其他": "other"}
	sellUnitNames = map[string]string{"天": "day", "日": "day", "按天": "day", "周": "week", "按周": "week",
		"月": "month", "按月": "month"}
)

// ResourceImportRow is one row's result; Fields say why it is invalid.
type ResourceImportRow struct {
	Line   int
	Code   string
	ID     string
	Fields []FieldError
}

// ResourceImport is an import's result, row by row.
type ResourceImport struct {
	Created, Existing, Invalid []ResourceImportRow
}

// ResourceText is a resource as typed into the form or a file's row: every
// field as text, read into a ResourceInput by Input.
type ResourceText struct {
	Code, Name, Kind, ProductID, City, District, Address          string
	Latitude, Longitude, Capacity, SellUnit, ActiveFrom, ActiveTo string
	Notes                                                         string
}

// Input reads the numbers of t, with the problems of those that do not
// read.
func (t ResourceText) Input() (ResourceInput, error) {
	var v Validation
	req := ResourceInput{Code: t.Code, Name: t.Name, Kind: t.Kind, ProductID: t.ProductID, City: t.City,
		District: t.District, Address: t.Address, SellUnit: t.SellUnit, ActiveFrom: t.ActiveFrom,
		ActiveTo: t.ActiveTo, Notes: t.Notes}
	if t.Capacity != "" {
		n, err := strconv.Atoi(t.Capacity)
		if err != nil {
			v.Add("capacity", "field.capacity", MaxCapacity)
		}
		req.Capacity = n
	}
	req.Latitude = readFloat(&v, "latitude", "field.latitude", t.Latitude)
	req.Longitude = readFloat(&v, "longitude", "field.longitude", t.Longitude)
	return req, v.Err()
}

// readFloat reads an optional decimal ("" is nil); msgID says what is
// expected when it is not one.
func readFloat(v *Validation, field, msgID, s string) *float64 {
	if s == "" {
		return nil
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil {
		v.Add(field, msgID)
		return nil
	}
	return &x
}

// ResourceIDFor is the id of the resource with code: the same code is the
// same resource, whichever file or form names it.
func ResourceIDFor(code string) string {
	return uuid.NewSHA1(uuid.NameSpaceURL, []byte("salesflow:resource-code:"+strings.TrimSpace(code))).String()
}

// ImportResources reads body and stores each row; a file that cannot be
// read is refused whole, a bad row never stops the others.
func (s *Service) ImportResources(ctx context.Context, actor store.User, body []byte, defaultProduct string) (ResourceImport, error) {
	cols, recs, err := readCSVFile(body, resourceColumns, "code", "detail.csv_no_code", MaxImportRows)
	if err != nil {
		return ResourceImport{}, err
	}
	products, err := s.store.ListProducts(ctx)
	if err != nil {
		return ResourceImport{}, err
	}
	byCode := map[string]string{}
	for _, p := range products {
		byCode[p.Code], byCode[p.ID] = p.ID, p.ID
	}
	res := ResourceImport{Created: []ResourceImportRow{}, Existing: []ResourceImportRow{}, Invalid: []ResourceImportRow{}}
	for _, rec := range recs {
		text := resourceRow(cols, rec.fields, byCode, defaultProduct)
		row := ResourceImportRow{Line: rec.line, Code: text.Code}
		id := ResourceIDFor(text.Code)
		_, priorErr := s.store.ResourceByID(ctx, id)
		var r store.MediaResource
		req, err := text.Input()
		if err != nil {
			_, ierr := req.Check()
			err = JoinProblems(err, ierr)
		} else {
			r, err = s.SaveResource(ctx, actor, id, false, req)
		}
		var ae *Error
		switch {
		case err == nil && priorErr == nil: // stored before: the same file again
			row.ID = r.ID
			res.Existing = append(res.Existing, row)
		case err == nil:
			row.ID = r.ID
			res.Created = append(res.Created, row)
		case errors.As(err, &ae) && ae.Refusal():
			row.Fields = ae.Fields
			res.Invalid = append(res.Invalid, row)
		default:
			return res, err
		}
	}
	return res, nil
}

// resourceRow is one data row as the form's text.
func resourceRow(cols map[string]int, rec []string, products map[string]string, defaultProduct string) ResourceText {
	get := func(f string) string { return csvField(cols, rec, f) }
	kind, unit := strings.ToLower(get("kind")), strings.ToLower(get("sell_unit"))
	if k, ok := resourceKindNames[kind]; ok {
		kind = k
	}
	if u, ok := sellUnitNames[unit]; ok {
		unit = u
	}
	product := get("product")
	if product == "" {
		product = defaultProduct
	}
	if id, ok := products[product]; ok {
		product = id
	}
	return ResourceText{Code: get("code"), Name: get("name"), Kind: kind, ProductID: product, City: get("city"),
		District: get("district"), Address: get("address"), Latitude: get("latitude"), Longitude: get("longitude"),
		Capacity: get("capacity"), SellUnit: unit, ActiveFrom: csvDate(get("active_from")),
		ActiveTo: csvDate(get("active_to")), Notes: get("notes")}
}
