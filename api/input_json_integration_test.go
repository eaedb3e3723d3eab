package api

import (
	"net/http"
	"strings"
	"testing"
)

// TestStrictJSONBodies (issue 11, points 4 and 5): every JSON body goes
// through one strict decoder. Before, unknown fields and wrong types got a
// bare 400 without errors[]; 20 MB was accepted; trailing data, a second
// object, duplicate keys and keys in another letter case were accepted.
// Each case is sent to several routes, in English and in Chinese, and
// nothing may change.
func TestStrictJSONBodies(t *testing.T) {
	e := newTestEnv(t)
	sales := e.as(t, "sales1")
	cust := sales.newCustomer("严格解码 " + randomSuffix())
	proposal := e.newProposal(sales, "严格解码方案")
	product := e.products[0].ID
	item := `{"product_id":"` + product + `","quantity":2,"unit_price_fen":100}`
	routes := map[string]struct{ method, path, valid string }{
		"create proposal": {"POST", "/api/v1/proposals", `{"customer_id":"` + cust + `","title":"t","items":[` + item + `]}`},
		"revise proposal": {"PUT", "/api/v1/proposals/" + proposal, `{"title":"t","items":[` + item + `]}`},
		"customer":        {"POST", "/api/v1/customers", `{"name":"某公司` + randomSuffix() + `","channel":"internet","collected_on":"2024-01-02"}`},
		"response":        {"POST", "/api/v1/proposals/" + proposal + "/customer-response", `{"accepted":true,"paper":true}`},
	}
	cases := []struct {
		name, route, body string
		status            int
		field, en, zh     string
	}{
		{"unknown field", "create proposal", `{"customer_id":"x","bogus":1}`, 400, "bogus", "not a field", "不是此请求的字段"},
		{"key in other case", "revise proposal", `{"Title":"t"}`, 400, "Title", "case-sensitive", "区分大小写"},
		{"number for text", "customer", `{"name":123}`, 400, "name", "must be text", "应为文本"},
		{"string for bool", "response", `{"accepted":"yes"}`, 400, "accepted", "true or false", "true 或 false"},
		{"fraction for integer", "revise proposal", `{"title":"t","items":[{"product_id":"p","quantity":1.5}]}`, 400,
			"items[0].quantity", "whole number", "整数"},
		{"2^63", "revise proposal", `{"title":"t","items":[{"product_id":"p","quantity":9223372036854775808}]}`, 400,
			"items[0].quantity", "9223372036854775807", "9223372036854775807"},
		{"duplicate key", "create proposal", `{"title":"a","title":"b"}`, 400, "title", "more than once", "不止一次"},
		{"trailing data", "customer", `{"name":"x"} x`, 400, "", "exactly one object", "只能发送一个对象"},
		{"two objects", "revise proposal", `{"title":"a"}{"title":"b"}`, 400, "", "exactly one object", "只能发送一个对象"},
		{"invalid UTF-8", "customer", "{\"name\":\"a\xffb\"}", 400, "name", "UTF-8", "UTF-8"},
		{"empty body", "response", ``, 400, "", "empty", "为空"},
		{"list for object", "customer", `[]`, 400, "", "object", "对象"},
	}
	before := e.rowCounts(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := routes[tc.route]
			c := *sales
			c.t = t
			wantRefused(t, english(&c).send(r.method, r.path, []byte(tc.body), nil), tc.status, "/problems/malformed-request", tc.field, tc.en)
			wantRefused(t, c.send(r.method, r.path, []byte(tc.body), nil), tc.status, "/problems/malformed-request", tc.field, tc.zh)
		})
	}
	t.Run("over 1 MiB", func(t *testing.T) {
		sales.t = t
		big := `{"title":"` + strings.Repeat("a", 2<<20) + `"}`
		for _, r := range routes {
			res := english(sales).send(r.method, r.path, []byte(big), nil)
			if res.code != http.StatusRequestEntityTooLarge || res.str("type") != "/problems/too-large" ||
				!strings.Contains(res.str("detail"), "1 MiB") {
				t.Fatalf("%s %s: %d %s", r.method, r.path, res.code, res.raw)
			}
		}
	})
	if after := e.rowCounts(t); after != before {
		t.Fatalf("refused bodies wrote rows: before %v, after %v", before, after)
	}
	t.Run("the valid bodies still pass", func(t *testing.T) {
		sales.t = t
		r := routes["revise proposal"]
		sales.send(r.method, r.path, []byte(r.valid), nil).status(http.StatusOK)
		r = routes["create proposal"]
		sales.send(r.method, r.path, []byte(r.valid), nil).status(http.StatusCreated)
	})
}
