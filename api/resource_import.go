package api

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"

	"salesflow/service"
	"salesflow/store"
)

// Importing media resources from a CSV file (issue 13): UTF-8 or
// GB18030/GBK, a header row in Chinese (编号,名称,类型,城市,区县,地址,纬度,
// 经度,面数,售卖单位,起售日期,停售日期,备注,产品) or English. The file is
// read as the customer import reads it (readCSVFile); each row is checked
// and stored by service.SaveResource, as one typed into the form. A resource's id
// comes from its code, so the same file imported again changes nothing
// and reports every row as existing. The rate-card product is the row's
// 产品 column (a product code) or, for every row without one, ?product=.

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

// resourceImportRow is one row's result.
type resourceImportRow struct {
	Row    int          `json:"row"`
	Code   string       `json:"code"`
	ID     string       `json:"id,omitempty"`
	Errors []FieldError `json:"errors,omitempty"`
}

// resourceImportResult is an import's answer, row by row.
type resourceImportResult struct {
	Created  []resourceImportRow `json:"created"`
	Existing []resourceImportRow `json:"existing"`
	Invalid  []resourceImportRow `json:"invalid"`
}

// importResources reads body and stores each row; a file that cannot be
// read is refused whole, a bad row never stops the others.
func (s *Server) importResources(ctx context.Context, u store.User, lang Lang, body []byte, defaultProduct string) (resourceImportResult, error) {
	cols, recs, err := readCSVFile(body, resourceColumns, "code", "detail.csv_no_code")
	if err != nil {
		return resourceImportResult{}, err
	}
	products, err := s.store.ListProducts(ctx)
	if err != nil {
		return resourceImportResult{}, err
	}
	byCode := map[string]string{}
	for _, p := range products {
		byCode[p.Code], byCode[p.ID] = p.ID, p.ID
	}
	res := resourceImportResult{Created: []resourceImportRow{}, Existing: []resourceImportRow{}, Invalid: []resourceImportRow{}}
	for _, rec := range recs {
		req, err := resourceRow(cols, rec.fields, byCode, defaultProduct)
		row := resourceImportRow{Row: rec.line, Code: req.Code}
		id := uuid.NewSHA1(uuid.NameSpaceURL, []byte("salesflow:resource-code:"+strings.TrimSpace(req.Code))).String()
		_, priorErr := s.store.ResourceByID(ctx, id)
		var r store.MediaResource
		if err != nil {
			_, ierr := req.Check()
			err = joinProblems(err, ierr)
		} else {
			r, err = s.svc.SaveResource(ctx, u, id, false, req)
		}
		var ae *apiError
		switch {
		case err == nil && priorErr == nil: // stored before: the same file again
			row.ID = r.ID
			res.Existing = append(res.Existing, row)
		case err == nil:
			row.ID = r.ID
			res.Created = append(res.Created, row)
		case errors.As(err, &ae) && statusOf[ae.Kind] < 500:
			for _, f := range ae.Fields {
				row.Errors = append(row.Errors, FieldError{Field: f.Field, Message: service.Text(lang, f.Key, f.Args)})
			}
			res.Invalid = append(res.Invalid, row)
		default:
			return res, err
		}
	}
	return res, nil
}

// resourceRow is one data row as the form's request, with the problems of
// numbers that do not read.
func resourceRow(cols map[string]int, rec []string, products map[string]string, defaultProduct string) (service.ResourceInput, error) {
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
	f := resourceForm{Code: get("code"), Name: get("name"), Kind: kind, ProductID: product, City: get("city"),
		District: get("district"), Address: get("address"), Latitude: get("latitude"), Longitude: get("longitude"),
		Capacity: get("capacity"), SellUnit: unit, ActiveFrom: csvDate(get("active_from")),
		ActiveTo: csvDate(get("active_to")), Notes: get("notes")}
	return f.request()
}

// csvDate accepts 2027/3/1 as well as 2027-03-01, as spreadsheets write it.
func csvDate(s string) string {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '-' || r == '.' })
	if len(parts) != 3 {
		return s
	}
	y, e1 := strconv.Atoi(parts[0])
	m, e2 := strconv.Atoi(parts[1])
	d, e3 := strconv.Atoi(parts[2])
	if e1 != nil || e2 != nil || e3 != nil {
		return s
	}
	return strconv.Itoa(y) + "-" + twoDigits(m) + "-" + twoDigits(d)
}

func twoDigits(n int) string {
	if n < 10 && n >= 0 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func (s *Server) postResourceImport(c *gin.Context) {
	body, err := readBody(c, maxImportBytes, "detail.csv_too_large")
	if err != nil {
		s.fail(c, err)
		return
	}
	u, _ := currentUser(c)
	ctx, cancel := context.WithTimeout(c.Request.Context(), importTimeoutMax)
	defer cancel()
	res, err := s.importResources(ctx, u, requestLang(c), body, c.Query("product"))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, resourceImportAnswer{Created: res.Created, Existing: res.Existing, Invalid: res.Invalid,
		Counts: resourceImportCount{Created: len(res.Created), Existing: len(res.Existing), Invalid: len(res.Invalid)}})
}
