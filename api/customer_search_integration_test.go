package api

import (
	"net/http"
	"net/url"
	"slices"
	"testing"
)

// TestCustomerSearchByFragmentAndPhone: GET /customers?q= finds a customer
// by a fragment of its name (written with another width, case or legal
// form), by a fragment of its phone in any notation, and only within what
// the reader may see: a salesperson their own, a manager their team's, an
// admin all; the answer pages by keyset without repeats.
func TestCustomerSearchByFragmentAndPhone(t *testing.T) {
	e := newTestEnv(t)
	sfx := randomSuffix()
	mobile := "136" + randomDigits(8)
	mine := e.as(t, "sales1").postCustomer(map[string]any{"name": "检索星辰" + sfx + "广告有限公司",
		"phone": mobile}).status(http.StatusCreated).str("id")
	team := e.as(t, "sales2").postCustomer(map[string]any{"name": "检索星辰" + sfx + "北区传媒"}).
		status(http.StatusCreated).str("id")
	other := e.as(t, "sales3").postCustomer(map[string]any{"name": "检索星辰" + sfx + "南区"}).
		status(http.StatusCreated).str("id")
	search := func(user, q string) []string {
		var ids []string
		for cursor := ""; ; {
			res := e.as(t, user).do("GET", "/api/v1/customers?limit=1&q="+url.QueryEscape(q)+
				"&cursor="+url.QueryEscape(cursor), nil, nil).status(http.StatusOK)
			for _, it := range res.body["items"].([]any) {
				ids = append(ids, it.(map[string]any)["id"].(string))
			}
			if cursor = res.str("next_cursor"); cursor == "" {
				return ids
			}
		}
	}
	want := func(user, q string, ids ...string) {
		t.Helper()
		got := search(user, q)
		slices.Sort(got)
		slices.Sort(ids)
		if !slices.Equal(got, ids) {
			t.Errorf("%s searching %q: got %v, want %v", user, q, got, ids)
		}
	}
	fragment := "星辰" + sfx
	want("sales1", fragment, mine)
	want("manager", fragment, mine, team)
	want("manager2", fragment, other)
	want("admin", fragment, mine, team, other)
	want("admin", "检索星辰"+sfx+"北区", team)
	// A short fragment of the name, four characters: "辰" and three of
	// the suffix (four hex digits alone match other tests' random names).
	want("manager", "辰"+sfx[:3], mine, team)
	want("sales1", mobile[:3]+"-"+mobile[3:7], mine)
	want("sales1", mobile[4:], mine)
	want("sales3", mobile[4:])
	want("manager", "检索星辰"+sfx+"广告有限公司", mine)
}
