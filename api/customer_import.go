package api

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"salesflow/service"
	"salesflow/store"
)

// Limits of one import: the body size, the rows, and the time it may take.
const (
	maxImportBytes   = 5 << 20
	maxImportRows    = 1000
	importTimeoutMax = 5 * time.Minute
)

// importColumns maps the header names a spreadsheet may use, in Chinese or
// English, to the fields of a record (R1.1, R1.5).
var importColumns = map[string]string{
	"公司名称": "name", "公司": "name", "客户名称": "name", "name": "name", "company": "name",
	"渠道": "channel", "来源": "channel", "来源渠道": "channel", "channel": "channel",
	"收集日期": "collected_on", "collected_on": "collected_on", "collected": "collected_on",
	"电话": "phone", "联系电话": "phone", "phone": "phone",
	"地址": "address", "address": "address", "行业": "industry", "industry": "industry",
	"需求": "needs", "needs": "needs", "备注": "notes", "notes": "notes",
	"联系人": "contact_name", "contact": "contact_name", "contact_name": "contact_name",
	"职务": "contact_title", "title": "contact_title", "contact_title": "contact_title",
}

// channelNames lets a file name the channel in Chinese (R1.1).
var channelNames = map[string]string{"行业展览会": "trade_show", "展会": "trade_show", "行业报刊": "trade_press",
	"互联网": "internet", "行业协会介绍": "industry_association", "行业协会": "industry_association",
	"商场品牌摘抄": "mall_brand_listing", "合作伙伴介绍": "partner_referral", "合作伙伴": "partner_referral",
	"公司已有的数据": "company_data", "公司数据": "company_data", "竞争媒体": "competitor_media",
	"公司营销活动": "marketing_event", "营销活动": "marketing_event"}

type importRow struct {
	Row        int                     `json:"row"`
	ID         string                  `json:"id,omitempty"`
	ExistingID string                  `json:"existing_customer_id,omitempty"`
	OwnerName  *string                 `json:"owner_name,omitempty"` // duplicates only
	Errors     []FieldError            `json:"errors,omitempty"`
	Warnings   []store.SimilarCustomer `json:"warnings,omitempty"`
	Name       string                  `json:"-"` // as the file gave it, for the import page
}

// importCustomers records many customers from a CSV file (UTF-8 or
// GB18030/GBK, a header row in Chinese or English). A file that cannot be
// read (too large, neither encoding, not CSV, no name column, too many
// rows) is refused whole before anything is written. Otherwise every row
// gets its result: created, duplicate, invalid (and why) or failed (not
// recorded because of a fault on our side); a bad row never stops the
// others. An Idempotency-Key makes a resent file record each customer once.
func (s *Server) importCustomers(c *gin.Context) {
	body, err := readBody(c, maxImportBytes, "detail.csv_too_large")
	if err != nil {
		s.fail(c, err)
		return
	}
	key, err := idempotencyKey(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	u, _ := currentUser(c)
	ctx, cancel := context.WithTimeout(c.Request.Context(), importTimeoutMax)
	defer cancel()
	res, err := s.runImport(ctx, u, requestLang(c), body, key)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, customerImportResult{Created: res.Created, Duplicate: res.Duplicate, Invalid: res.Invalid,
		Failed: res.Failed, Counts: customerImportCount{Created: len(res.Created), Duplicate: len(res.Duplicate),
			Invalid: len(res.Invalid), Failed: len(res.Failed)}})
}

func errCSV(detailID string, args ...any) *apiError {
	return problemErr(http.StatusUnprocessableEntity, "/problems/malformed-csv", "problem.malformed_csv", detailID, args...)
}

// parseImport reads a file as CSV, decoding GB18030 when it is not UTF-8
// (decodeCSVText), and turns each data row into a record request.
func parseImport(body []byte) ([]service.ImportLine, error) {
	cols, recs, err := readCSVFile(body, importColumns, "name", "detail.csv_no_name")
	if err != nil {
		return nil, err
	}
	out := make([]service.ImportLine, len(recs))
	for i, rec := range recs {
		out[i] = service.ImportLine{Line: rec.line, Customer: rowRequest(cols, rec.fields)}
	}
	return out, nil
}

// csvRecord is one data row of a CSV file and the line it starts on.
type csvRecord struct {
	line   int
	fields []string
}

// readCSVFile is what every CSV import does first (customers, media
// resources): decode the file as UTF-8 or GB18030 (decodeCSVText), read the
// header through columns (header name → field, Chinese or English, case
// ignored) and every data row, at most maxImportRows. A file without a
// column for required is refused with missingID; any other fault of the
// file as a whole is a 422 /problems/malformed-csv before a row is written.
func readCSVFile(body []byte, columns map[string]string, required, missingID string) (map[string]int, []csvRecord, error) {
	body, ok := decodeCSVText(body)
	if !ok {
		return nil, nil, errCSV("detail.csv_encoding")
	}
	body = bytes.TrimPrefix(body, []byte("\uFEFF"))
	r := csv.NewReader(bytes.NewReader(body))
	r.FieldsPerRecord, r.TrimLeadingSpace = -1, true
	header, err := r.Read()
	if errors.Is(err, io.EOF) {
		return nil, nil, errCSV("detail.csv_empty")
	}
	if err != nil {
		return nil, nil, csvErr(err)
	}
	cols := headerColumns(columns, header)
	if _, ok := cols[required]; !ok {
		return nil, nil, errCSV(missingID)
	}
	var out []csvRecord
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return cols, out, nil
		}
		if err != nil {
			return nil, nil, csvErr(err)
		}
		if len(out) == maxImportRows {
			return nil, nil, errCSV("detail.csv_too_many", maxImportRows)
		}
		line, _ := r.FieldPos(0)
		out = append(out, csvRecord{line: line, fields: rec})
	}
}

func csvErr(err error) error {
	var perr *csv.ParseError
	if errors.As(err, &perr) {
		return errCSV("detail.csv_syntax", perr.Line)
	}
	return err
}

// headerColumns maps field → column index from the header row, through
// columns (a header name → field).
func headerColumns(columns map[string]string, header []string) map[string]int {
	cols := map[string]int{}
	for i, h := range header {
		if f, ok := columns[strings.ToLower(strings.TrimSpace(h))]; ok {
			if _, seen := cols[f]; !seen {
				cols[f] = i
			}
		}
	}
	return cols
}

// csvField is row rec's value of field, trimmed ("" when the file has no
// such column or the row is short).
func csvField(cols map[string]int, rec []string, field string) string {
	if i, ok := cols[field]; ok && i < len(rec) {
		return strings.TrimSpace(rec[i])
	}
	return ""
}

func rowRequest(cols map[string]int, rec []string) service.CustomerInput {
	get := func(f string) string { return csvField(cols, rec, f) }
	channel := get("channel")
	if code, ok := channelNames[channel]; ok {
		channel = code
	}
	req := service.CustomerInput{Name: get("name"), Channel: channel,
		CollectedOn: strings.ReplaceAll(get("collected_on"), "/", "-"), Phone: get("phone"),
		Address: get("address"), Industry: get("industry"), Needs: get("needs"), Notes: get("notes")}
	if name := get("contact_name"); name != "" {
		req.Contacts = []service.ContactInput{{Name: name, Title: get("contact_title")}}
	}
	return req
}
