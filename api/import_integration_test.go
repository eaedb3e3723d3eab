package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// postCSV sends body as text/csv to the import, with an Idempotency-Key
// when key is given, and decodes the answer.
func (c *apiClient) postCSV(body []byte, key ...string) response {
	c.t.Helper()
	req, err := http.NewRequest("POST", c.base+"/api/v1/customers/import", bytes.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "text/csv")
	req.Header.Set("Authorization", "Bearer "+c.token)
	if c.lang != "" {
		req.Header.Set("Accept-Language", c.lang)
	}
	if len(key) > 0 {
		req.Header.Set("Idempotency-Key", key[0])
	}
	res, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	out := response{t: c.t, code: res.StatusCode, header: res.Header}
	if err := json.NewDecoder(res.Body).Decode(&out.body); err != nil {
		c.t.Fatal(err)
	}
	out.raw, _ = json.Marshal(out.body)
	return out
}

func rowsOf(r response, list string) map[float64]map[string]any {
	out := map[float64]map[string]any{}
	for _, it := range r.body[list].([]any) {
		m := it.(map[string]any)
		out[m["row"].(float64)] = m
	}
	return out
}

// TestCustomerImportGBK: a GBK file with a Chinese header; good rows are
// created, duplicates (of an earlier record and within the file) name the
// first record's owner, bad rows say why — and none stops the others.
func TestCustomerImportGBK(t *testing.T) {
	e := newTestEnv(t)
	other, sales := e.as(t, "sales2"), e.as(t, "sales1")
	existing := "已登记客户" + randomSuffix()
	existingID := other.newCustomer(existing)
	a, b := "导入甲"+randomSuffix(), "导入乙"+randomSuffix()
	csv := fmt.Sprintf("公司名称,渠道,收集日期,电话,地址,行业,联系人,职务\n"+
		"%s有限公司,行业展览会,%s,,北京市朝阳区,餐饮,张经理,店长\n"+ // row 2: created
		"%s,internet,%s,,,,,\n"+ // row 3: duplicate of sales2's record
		"%s,trade_show,%s,,,,,\n"+ // row 4: created
		"%s 公司,trade_show,%s,,,,,\n"+ // row 5: duplicate of row 2, now sales1's
		",trade_show,%s,,,,,\n"+ // row 6: no name
		"坏渠道%s,电台,%s,,,,,\n", // row 7: unknown channel
		a, today(), existing, today(), b, today(), a, today(), today(), randomSuffix(), today())
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(csv))
	if err != nil {
		t.Fatal(err)
	}
	res := sales.postCSV(gbk).status(http.StatusOK)
	created, dup, invalid := rowsOf(res, "created"), rowsOf(res, "duplicate"), rowsOf(res, "invalid")
	if len(created) != 2 || created[2] == nil || created[4] == nil || len(dup) != 2 || len(invalid) != 2 {
		t.Fatalf("import result: %s", res.raw)
	}
	if dup[3]["existing_customer_id"] != existingID || dup[3]["owner_name"] != "测试 sales2" ||
		dup[5]["existing_customer_id"] != created[2]["id"] || dup[5]["owner_name"] != "测试 sales1" {
		t.Fatalf("duplicates name the first record and its owner only: %v", dup)
	}
	if invalid[6] == nil || invalid[7] == nil || invalid[7]["errors"].([]any)[0].(map[string]any)["field"] != "channel" {
		t.Fatalf("invalid rows: %v", invalid)
	}
	got := sales.do("GET", "/api/v1/customers/"+created[2]["id"].(string), nil, nil).status(http.StatusOK)
	if got.str("name") != a+"有限公司" || got.str("channel") != "trade_show" || got.str("industry") != "餐饮" ||
		len(got.body["contacts"].([]any)) != 1 {
		t.Fatalf("the decoded row is stored as written: %s", got.raw)
	}
}

func TestCustomerImportUTF8AndMalformed(t *testing.T) {
	e := newTestEnv(t)
	sales := e.as(t, "sales1")
	name := "English Import " + randomSuffix()
	utf8 := "\uFEFFname,channel,collected_on,notes\n\"" + name + " Co., Ltd.\",internet," + today() + ",\"two\nlines\"\n" +
		"Bad Date " + randomSuffix() + ",internet,yesterday,\n"
	res := sales.postCSV([]byte(utf8)).status(http.StatusOK)
	if len(rowsOf(res, "created")) != 1 || rowsOf(res, "invalid")[4] == nil {
		t.Fatalf("a UTF-8 file with a BOM, an English header and a two-line note (rows are file lines): %s", res.raw)
	}
	for what, body := range map[string]string{
		"broken quote":   "name,channel\n\"unterminated,internet\n",
		"no name column": "渠道,收集日期\ninternet,2026-01-05\n",
		"empty file":     "",
	} {
		res := sales.postCSV([]byte(body)).status(http.StatusUnprocessableEntity)
		if res.str("type") != "/problems/malformed-csv" || res.str("detail") == "" {
			t.Fatalf("%s: %s", what, res.raw)
		}
	}
	e.as(t, "reviewer").postCSV([]byte(utf8)).status(http.StatusForbidden)
}

// TestCalendarOverrides: the statutory calendar answers for holidays and
// make-up days; an admin's override wins (R1.3).
func TestCalendarOverrides(t *testing.T) {
	e := newTestEnv(t)
	admin := e.as(t, "admin")
	for day, working := range map[string]bool{"2025-10-01": false, "2025-10-11": true, "2026-02-14": true, "2026-02-17": false} {
		res := admin.do("GET", "/api/v1/calendar/overrides/"+day, nil, nil).status(http.StatusOK)
		if res.body["working"] != working || res.body["statutory_working"] != working || res.body["override"] != nil {
			t.Fatalf("%s: %s", day, res.raw)
		}
	}
	res := admin.do("PUT", "/api/v1/calendar/overrides/2031-03-03", map[string]any{"working": false, "note": "公司年会"}, nil).
		status(http.StatusOK)
	if res.body["working"] != false || res.body["statutory_working"] != true || res.body["override"] == nil {
		t.Fatalf("override: %s", res.raw)
	}
	admin.do("PUT", "/api/v1/calendar/overrides/2031-03-03", map[string]any{"note": "x"}, nil).status(http.StatusUnprocessableEntity)
	admin.do("GET", "/api/v1/calendar/overrides/31-03-2031", nil, nil).status(http.StatusUnprocessableEntity)
	e.as(t, "manager").do("PUT", "/api/v1/calendar/overrides/2031-03-04", map[string]any{"working": false}, nil).
		status(http.StatusForbidden)
}

// TestImportFirstRowWinsWithinAFile: rows are recorded in parallel, yet of
// two rows naming one company the earlier row wins (R2.2), every time.
func TestImportFirstRowWinsWithinAFile(t *testing.T) {
	e := newTestEnv(t)
	c := e.as(t, "sales2")
	var b strings.Builder
	b.WriteString("name,channel,collected_on,phone\n")
	var firsts []string
	for i := 0; i < 40; i++ {
		name := fmt.Sprintf("并行导入%s第%d公司", randomSuffix(), i)
		firsts = append(firsts, name)
		fmt.Fprintf(&b, "%s有限公司,internet,%s,\n", name, today())
	}
	for _, name := range firsts { // the same companies again, another spelling
		fmt.Fprintf(&b, " %s ,internet,%s,\n", name, today())
	}
	res := c.postCSV([]byte(b.String())).status(http.StatusOK)
	created, dups := rowsOf(res, "created"), rowsOf(res, "duplicate")
	if len(created) != 40 || len(dups) != 40 {
		t.Fatalf("want 40 created and 40 duplicates, got %d and %d: %s", len(created), len(dups), res.raw)
	}
	for line := 2; line < 42; line++ {
		first, ok := created[float64(line)]
		dup := dups[float64(line+40)]
		if !ok || dup == nil || dup["existing_customer_id"] != first["id"] {
			t.Fatalf("line %d must win over line %d: created %v, duplicate %v", line, line+40, first, dup)
		}
	}
}
