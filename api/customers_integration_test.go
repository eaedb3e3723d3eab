package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"salesflow/policy"
)

func today() string { return time.Now().In(policy.Shanghai).Format(time.DateOnly) }

// postCustomer records a customer with the given extra fields.
func (c *apiClient) postCustomer(fields map[string]any) response {
	c.t.Helper()
	body := map[string]any{"channel": "trade_show", "collected_on": today()}
	for k, v := range fields {
		body[k] = v
	}
	return c.do("POST", "/api/v1/customers", body, nil)
}

// TestCustomerFileThroughHTTP: the whole information file (R1.5) goes in
// and comes back, is edited, and gains a contact log entry.
func TestCustomerFileThroughHTTP(t *testing.T) {
	e := newTestEnv(t)
	sales := e.as(t, "sales1")
	name := "上海档案广告 " + randomSuffix()
	res := sales.postCustomer(map[string]any{"name": name + " 有限公司", "phone": "+86 21 " + randomDigits(8),
		"address": "上海市徐汇区", "industry": "零售", "needs": "春节促销", "notes": "展会认识",
		"contacts": []map[string]any{{"name": "李总", "title": "总经理", "is_decision_maker": true, "email": "li@example.com"}},
	}).status(http.StatusCreated)
	id := res.str("id")
	if res.str("owner_id") != e.users["sales1"].ID || res.str("owner_name") != "测试 sales1" || res.body["entered_late"] != false {
		t.Fatalf("the collector owns a record entered on time (R1.3, R2.1): %s", res.raw)
	}
	if res.str("contact_due_at") == "" || res.body["contacted_at"] != nil {
		t.Fatalf("a new owner has a contact deadline and no contact yet (R2.5): %s", res.raw)
	}
	contacts := res.body["contacts"].([]any)
	if len(contacts) != 1 || contacts[0].(map[string]any)["is_decision_maker"] != true {
		t.Fatalf("contacts: %s", res.raw)
	}
	patched := sales.do("PATCH", "/api/v1/customers/"+id, map[string]any{"class": "key", "needs": "全年投放"}, nil).status(http.StatusOK)
	if patched.str("class") != "key" || patched.str("needs") != "全年投放" || patched.str("industry") != "零售" {
		t.Fatalf("patch: %s", patched.raw)
	}
	logged := sales.do("POST", "/api/v1/customers/"+id+"/interactions", map[string]any{"kind": "phone", "summary": "电话确认收到资料"}, nil).
		status(http.StatusCreated)
	if logged.str("occurred_on") != today() || logged.str("actor_id") != e.users["sales1"].ID {
		t.Fatalf("interaction: %s", logged.raw)
	}
	got := sales.do("GET", "/api/v1/customers/"+id, nil, nil).status(http.StatusOK)
	if len(got.body["interactions"].([]any)) != 1 || got.body["contacted_at"] == nil || got.str("name") != name+" 有限公司" {
		t.Fatalf("the file shows the contact log and the contact (R1.5, R2.5): %s", got.raw)
	}
	late := sales.postCustomer(map[string]any{"name": "补录客户 " + randomSuffix(), "collected_on": "2025-09-30"}).status(http.StatusCreated)
	if late.body["entered_late"] != true {
		t.Fatalf("a record collected long ago is late (R1.3): %s", late.raw)
	}
}

func TestCustomerValidation(t *testing.T) {
	e := newTestEnv(t)
	sales := e.as(t, "sales1")
	sales.lang = "en"
	tomorrow := time.Now().In(policy.Shanghai).AddDate(0, 0, 1).Format(time.DateOnly)
	cases := []struct {
		name  string
		body  map[string]any
		field string
	}{
		{"only a legal form", map[string]any{"name": "有限公司"}, "name"},
		{"unknown channel", map[string]any{"name": "x" + randomSuffix(), "channel": "radio"}, "channel"},
		{"future date", map[string]any{"name": "x" + randomSuffix(), "collected_on": tomorrow}, "collected_on"},
		{"short phone", map[string]any{"name": "x" + randomSuffix(), "phone": "12"}, "phone"},
		{"contact without name", map[string]any{"name": "x" + randomSuffix(), "contacts": []map[string]any{{"title": "经理"}}}, "contacts[0].name"},
		{"bad email", map[string]any{"name": "x" + randomSuffix(), "contacts": []map[string]any{{"name": "王", "email": "nope"}}}, "contacts[0].email"},
	}
	for _, tc := range cases {
		res := sales.postCustomer(tc.body).status(http.StatusUnprocessableEntity)
		if !hasFieldError(res, tc.field) || res.str("type") != "/problems/validation" {
			t.Errorf("%s: want a field error on %s: %s", tc.name, tc.field, res.raw)
		}
	}
	id := sales.newCustomer("校验客户 " + randomSuffix())
	res := sales.do("POST", "/api/v1/customers/"+id+"/interactions", map[string]any{"kind": "telegram", "summary": ""}, nil).
		status(http.StatusUnprocessableEntity)
	if !hasFieldError(res, "kind") || !hasFieldError(res, "summary") {
		t.Fatalf("interaction validation: %s", res.raw)
	}
	sales.do("PATCH", "/api/v1/customers/"+id, map[string]any{"class": "vip"}, nil).status(http.StatusUnprocessableEntity)
}

// TestDuplicateCustomerRace: twenty salespeople record the same company at
// once, written in different ways; exactly one record wins (R2.2) and every
// other gets the winner's id and owner's name — nothing else of it.
func TestDuplicateCustomerRace(t *testing.T) {
	e := newTestEnv(t)
	base := "星光传媒" + randomSuffix()
	spellings := []string{base + "有限公司", base + " 有限责任公司", " " + base, base + "公司"}
	people := []*apiClient{e.as(t, "sales1"), e.as(t, "sales2"), e.as(t, "sales3"), e.as(t, "salesreviewer")}
	type result struct {
		code int
		body map[string]any
	}
	results := make([]result, 200) // R2.2 under load: 200 concurrent records of one company
	var wg sync.WaitGroup
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i].code, results[i].body = rawPost(people[i%len(people)], "/api/v1/customers",
				map[string]any{"name": spellings[i%len(spellings)], "channel": "internet", "collected_on": today()})
		}()
	}
	wg.Wait()
	var winner map[string]any
	for _, r := range results {
		if r.code == http.StatusCreated {
			if winner != nil {
				t.Fatalf("two records of one customer were created")
			}
			winner = r.body
		}
	}
	if winner == nil {
		t.Fatalf("no record won: %+v", results)
	}
	for _, r := range results {
		if r.code == http.StatusCreated {
			continue
		}
		if r.code != http.StatusConflict || r.body["type"] != "/problems/duplicate-customer" ||
			r.body["existing_customer_id"] != winner["id"] || r.body["owner_name"] != winner["owner_name"] {
			t.Fatalf("loser: %d %v (winner %v)", r.code, r.body, winner["id"])
		}
		for _, leaked := range []string{"name", "phone", "address", "owner_id", "channel"} {
			if _, ok := r.body[leaked]; ok {
				t.Fatalf("the 409 leaks %q of another's record: %v", leaked, r.body)
			}
		}
	}
	var rows, owners int
	err := e.Store.DB().QueryRow(`SELECT count(*), count(DISTINCT owner_id) FROM customers WHERE name LIKE '%' || $1 || '%'`,
		base).Scan(&rows, &owners)
	if err != nil || rows != 1 || owners != 1 {
		t.Fatalf("want exactly one customer row with one owner, got %d rows, %d owners (%v)", rows, owners, err)
	}
}

// rawPost is a goroutine-safe POST that reports instead of failing the test.
func rawPost(c *apiClient, path string, body any) (int, map[string]any) {
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest("POST", c.base+path, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+c.token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, map[string]any{"error": err.Error()}
	}
	defer res.Body.Close()
	out := map[string]any{}
	_ = json.NewDecoder(res.Body).Decode(&out)
	return res.StatusCode, out
}

// TestDuplicateByPhoneAndNearDuplicates: the same phone written another way
// is the same customer (R2.2); a similar name is only a warning.
func TestDuplicateByPhoneAndNearDuplicates(t *testing.T) {
	e := newTestEnv(t)
	first, second := e.as(t, "sales1"), e.as(t, "sales3")
	mobile := "139" + randomDigits(8)
	orig := first.postCustomer(map[string]any{"name": "电话客户 " + randomSuffix(), "phone": mobile}).status(http.StatusCreated)
	dup := second.postCustomer(map[string]any{"name": "另一个名字 " + randomSuffix(),
		"phone": "+86 " + mobile[:3] + "-" + mobile[3:7] + "-" + mobile[7:]}).status(http.StatusConflict)
	if dup.str("existing_customer_id") != orig.str("id") || dup.str("owner_name") != "测试 sales1" {
		t.Fatalf("phone duplicate: %s", dup.raw)
	}
	base := "北辰广告" + randomSuffix()
	near := first.postCustomer(map[string]any{"name": base + "有限公司"}).status(http.StatusCreated)
	similar := second.postCustomer(map[string]any{"name": base + "传媒"}).status(http.StatusCreated)
	warnings, _ := similar.body["warnings"].([]any)
	if len(warnings) != 1 {
		t.Fatalf("want one near-duplicate warning: %s", similar.raw)
	}
	w := warnings[0].(map[string]any)
	if w["existing_customer_id"] != near.str("id") || w["owner_name"] != "测试 sales1" || w["similarity"].(float64) < 0.5 || len(w) != 3 {
		t.Fatalf("warning: %v", w)
	}
	// Renaming a record into another's name is the same conflict, told in
	// the reader's language.
	second.lang = "en"
	renamed := second.do("PATCH", "/api/v1/customers/"+similar.str("id"), map[string]any{"name": base + " Co., Ltd."}, nil).
		status(http.StatusConflict)
	if renamed.str("existing_customer_id") != near.str("id") || renamed.str("title") != "This customer is already recorded" ||
		!strings.Contains(renamed.str("detail"), "测试 sales1") {
		t.Fatalf("rename into a duplicate: %s", renamed.raw)
	}
}

func randomDigits(n int) string {
	hex := randomSuffix() + randomSuffix()
	out := make([]byte, n)
	for i := range out {
		out[i] = '0' + hex[i]%10
	}
	return string(out)
}
