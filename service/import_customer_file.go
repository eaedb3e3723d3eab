package service

import (
	"context"
	"crypto/sha256"
	"strings"

	"salesflow/store"
)

// importColumns maps the header names a spreadsheet of customers may use,
// in Chinese or English, to the fields of a record (R1.1, R1.5).
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

// ImportCustomerFile records the customers of a CSV file (UTF-8 or
// GB18030/GBK, a header row in Chinese or English): the import of the API
// and of the import page alike. A file that cannot be read (neither
// encoding, not CSV, no name column, too many rows) is refused whole
// before anything is written; otherwise every row gets its result
// (ImportCustomers).
func (s *Service) ImportCustomerFile(ctx context.Context, actor store.User, key string, body []byte) (ImportResult, error) {
	rows, err := ParseCustomerFile(body)
	if err != nil {
		return ImportResult{}, err
	}
	return s.ImportCustomers(ctx, actor, key, CustomerImport{Rows: rows, Sum: sha256.Sum256(body)})
}

// ParseCustomerFile reads a file of at most MaxImportRows rows as CSV,
// decoding GB18030 when it is not UTF-8, and turns each data row into a
// record request.
func ParseCustomerFile(body []byte) ([]ImportLine, error) {
	return parseCustomerFile(body, MaxImportRows)
}

func parseCustomerFile(body []byte, maxRows int) ([]ImportLine, error) {
	cols, recs, err := readCSVFile(body, importColumns, "name", "detail.csv_no_name", maxRows)
	if err != nil {
		return nil, err
	}
	out := make([]ImportLine, len(recs))
	for i, rec := range recs {
		out[i] = ImportLine{Line: rec.line, Customer: customerRow(cols, rec.fields)}
	}
	return out, nil
}

func customerRow(cols map[string]int, rec []string) CustomerInput {
	get := func(f string) string { return csvField(cols, rec, f) }
	channel := get("channel")
	if code, ok := channelNames[channel]; ok {
		channel = code
	}
	req := CustomerInput{Name: get("name"), Channel: channel,
		CollectedOn: strings.ReplaceAll(get("collected_on"), "/", "-"), Phone: get("phone"),
		Address: get("address"), Industry: get("industry"), Needs: get("needs"), Notes: get("notes")}
	if name := get("contact_name"); name != "" {
		req.Contacts = []ContactInput{{Name: name, Title: get("contact_title")}}
	}
	return req
}
