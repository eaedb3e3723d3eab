package api

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// upload posts a file to the import page as a browser does (multipart).
func (b *pageClient) upload(key string, file []byte) (int, string) {
	b.t.Helper()
	code, _, body := b.sendFile("/customers/import", url.Values{"idempotency_key": {key}}, "customers.csv", file)
	return code, body
}

// TestPagesCustomerImport: a salesperson uploads a GBK file with a Chinese
// header and sees the created row (linked), the duplicate with its first
// owner's name and the invalid row with the reason, in their language; a
// double submit records once and shows the same; a malformed file is
// explained beside the file field.
func TestPagesCustomerImport(t *testing.T) {
	e := newTestEnv(t)
	existing := "页面已登记" + randomSuffix()
	e.as(t, "sales2").newCustomer(existing)
	fresh := "页面导入" + randomSuffix()
	csv := fmt.Sprintf("公司名称,渠道,收集日期,联系人\n%s,行业展览会,%s,张经理\n%s,internet,%s,\n坏渠道%s,电台,%s,\n%s北区,internet,%s,\n",
		fresh, today(), existing, today(), randomSuffix(), today(), existing, today())
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(csv))
	if err != nil {
		t.Fatal(err)
	}

	sales := e.pageBrowser(t)
	sales.signIn("sales1")
	sales.page("/customers/import", "导入客户", `enctype="multipart/form-data"`, `name="idempotency_key"`, `href="/customers/import"`)
	key := "imp-" + randomSuffix()
	var first string
	for range 2 { // a double submit (or a reload of the result) imports once
		code, html := sales.upload(key, gbk)
		if code != http.StatusOK {
			t.Fatalf("import: %d\n%s", code, html)
		}
		for _, text := range []string{"已登记（2）", fresh, "重复，未登记（1）", existing, "测试 sales2",
			"有误，未登记（1）", "渠道：不是有效的客户来源渠道", "已有名称相近的客户，负责人：测试 sales2"} {
			if !strings.Contains(html, text) {
				t.Errorf("import result: %q missing", text)
			}
		}
		id := pageValueAfter(html, `href="/customers/`, `"`, `id="created"`)
		if first == "" {
			first = id
		} else if id != first {
			t.Fatalf("the second submit recorded %s, the first %s", id, first)
		}
	}
	got := e.as(t, "sales1").do("GET", "/api/v1/customers/"+first, nil, nil).status(http.StatusOK)
	if got.str("name") != fresh || got.str("owner_name") != "测试 sales1" || len(got.body["contacts"].([]any)) != 1 {
		t.Fatalf("the imported customer: %s", got.raw)
	}
	defer e.terminateContact(t, first, 1)

	code, html := sales.upload("imp-"+randomSuffix(), []byte("电话,地址\n123456,北京\n"))
	if code != http.StatusUnprocessableEntity || !strings.Contains(html, "CSV 文件无法读取") ||
		!strings.Contains(html, "表头缺少“公司名称”（name）列") || !strings.Contains(html, `aria-invalid="true"`) {
		t.Fatalf("a file without a name column: %d\n%s", code, html)
	}
	if code, html = sales.upload("imp-"+randomSuffix(), nil); code != http.StatusUnprocessableEntity ||
		!strings.Contains(html, "请选择要上传的 CSV 文件") {
		t.Fatalf("no file: %d\n%s", code, html)
	}
	sales.send("GET", "/lang/en", nil, nil)
	if code, html = sales.upload("imp-"+randomSuffix(), gbk); code != http.StatusOK ||
		!strings.Contains(html, "Duplicates, not recorded (3)") || !strings.Contains(html, "Channel: is not a valid channel") {
		t.Fatalf("the same file again, in English: %d\n%s", code, html)
	}

	desk := e.pageBrowser(t)
	desk.signIn("frontdesk")
	if code, _, _ := desk.send("GET", "/customers/import", nil, nil); code != http.StatusForbidden {
		t.Fatalf("the front desk on the import page: %d, want 403", code)
	}
}

// TestPagesCustomerPool: a salesperson may not open the pool; the manager
// is told what is missing beside the fields, previews a balanced plan
// without changing anyone's customers, applies it (twice: one assignment
// each) and gives another customer individually with a reason.
func TestPagesCustomerPool(t *testing.T) {
	e := newTestEnv(t)
	mgr := e.as(t, "manager")
	var leads []string
	names := map[string]string{}
	for range 3 {
		name := "池中线索" + randomSuffix()
		id := mgr.postCustomer(map[string]any{"name": name, "channel": "marketing_event"}).status(http.StatusCreated).str("id")
		leads, names[id] = append(leads, id), name
	}

	sales := e.pageBrowser(t)
	sales.signIn("sales1")
	if code, _, _ := sales.send("GET", "/customers/pool", nil, nil); code != http.StatusForbidden {
		t.Fatalf("a salesperson on the pool page: %d, want 403", code)
	}
	if code, _, _ := sales.send("POST", "/customers/pool/plan", url.Values{"customer_id": leads}, nil); code != http.StatusForbidden {
		t.Fatalf("a salesperson planning: %d, want 403", code)
	}

	page := e.pageBrowser(t)
	page.signIn("manager")
	page.page("/customers/pool?limit=1", `href="/customers/pool?cursor=`)
	page.page("/customers/pool?limit=200", "客户池", names[leads[0]], names[leads[2]], "测试 sales1", "测试 sales2",
		`name="weight_`+e.users["sales1"].ID+`"`, `action="/customers/pool/assign"`)
	s1, s2 := e.users["sales1"].ID, e.users["sales2"].ID
	plan := url.Values{"idempotency_key": {"plan-" + randomSuffix()}}
	for _, m := range []string{"salesreviewer", "salesapprover"} {
		plan.Set("weight_"+e.users[m].ID, "0")
	}
	refused := []struct {
		change func()
		want   string
	}{
		{func() { plan.Set("weight_"+s1, "1") }, "必填"}, // no customer ticked
		{func() { plan["customer_id"] = leads; plan.Set("weight_"+s1, "很多") }, "权重必须是 0 到 100 之间的数"},
		{func() { plan.Set("weight_"+s1, "0"); plan.Set("weight_"+s2, "0") }, "没有可分配的销售人员"},
	}
	for _, r := range refused {
		r.change()
		if code, _, html := page.send("POST", "/customers/pool/plan", plan, nil); code != http.StatusUnprocessableEntity || !strings.Contains(html, r.want) {
			t.Fatalf("plan %v: %d, want 422 with %q\n%s", plan, code, r.want, html)
		}
	}
	plan.Set("weight_"+s1, "1")
	plan.Set("weight_"+s2, "2")
	plan.Set("op", "preview")
	code, _, html := page.send("POST", "/customers/pool/plan", plan, nil)
	if code != http.StatusOK || !strings.Contains(html, "分配方案（预览）") || !strings.Contains(html, names[leads[1]]) {
		t.Fatalf("preview: %d\n%s", code, html)
	}
	if c := mgr.do("GET", "/api/v1/customers/"+leads[0], nil, nil).status(http.StatusOK); c.body["owner_id"] != nil {
		t.Fatalf("a preview assigned %s", c.raw)
	}
	plan.Set("op", "apply")
	for range 2 { // a double click applies once
		if code, loc, html := page.send("POST", "/customers/pool/plan", plan, nil); code != http.StatusSeeOther || loc != "/customers/pool" {
			t.Fatalf("apply: %d %q\n%s", code, loc, html)
		}
	}
	page.page("/customers/pool", "已按方案分配 3 位客户")
	for _, id := range leads {
		c := mgr.do("GET", "/api/v1/customers/"+id, nil, nil).status(http.StatusOK)
		if (c.str("owner_id") != s1 && c.str("owner_id") != s2) || len(c.body["ownership"].([]any)) != 1 {
			t.Fatalf("after applying twice: %s", c.raw)
		}
		e.terminateContact(t, id, 1)
	}

	single := mgr.postCustomer(map[string]any{"name": "单个分配" + randomSuffix(), "channel": "marketing_event"}).
		status(http.StatusCreated).str("id")
	assign := url.Values{"idempotency_key": {"as-" + randomSuffix()}, "customer_id": {single}, "owner_id": {s2}}
	if code, _, html := page.send("POST", "/customers/pool/assign", assign, nil); code != http.StatusUnprocessableEntity ||
		!strings.Contains(html, "请填写原因") {
		t.Fatalf("assign without a reason: %d\n%s", code, html)
	}
	assign.Set("reason", "熟悉该行业")
	assign.Set("owner_id", e.users["sales3"].ID)
	if code, _, html := page.send("POST", "/customers/pool/assign", assign, nil); code != http.StatusUnprocessableEntity ||
		!strings.Contains(html, "只能分配给本团队的销售人员") || !strings.Contains(html, `value="熟悉该行业"`) {
		t.Fatalf("assign to another team: %d\n%s", code, html)
	}
	assign.Set("owner_id", s2)
	for range 2 {
		if code, loc, html := page.send("POST", "/customers/pool/assign", assign, nil); code != http.StatusSeeOther || loc != "/customers/pool" {
			t.Fatalf("assign: %d %q\n%s", code, loc, html)
		}
	}
	c := mgr.do("GET", "/api/v1/customers/"+single, nil, nil).status(http.StatusOK)
	if c.str("owner_id") != s2 || len(c.body["ownership"].([]any)) != 1 {
		t.Fatalf("assigned twice with one key: %s", c.raw)
	}
	e.terminateContact(t, single, 1)

	admin := e.pageBrowser(t)
	admin.signIn("admin")
	if html := admin.page("/customers/pool", "客户池"); strings.Contains(html, `action="/customers/pool/plan"`) {
		t.Error("the admin is offered the manager's plan")
	}
}

// TestCustomerImportIdempotencyKey: the same file sent twice at once with
// one Idempotency-Key records each customer once, and both answers say so.
func TestCustomerImportIdempotencyKey(t *testing.T) {
	e := newTestEnv(t)
	sales := e.as(t, "sales2")
	file := []byte(fmt.Sprintf("name,channel,collected_on\n重发甲%s,internet,%s\n重发乙%s,internet,%s\n",
		randomSuffix(), today(), randomSuffix(), today()))
	key := "api-imp-" + randomSuffix()
	answers := make(chan response, 2)
	for range 2 {
		go func() { answers <- sales.postCSV(file, key) }()
	}
	first, second := (<-answers).status(http.StatusOK), (<-answers).status(http.StatusOK)
	a, b := rowsOf(first, "created"), rowsOf(second, "created")
	if len(a) != 2 || len(b) != 2 || a[2]["id"] != b[2]["id"] || a[3]["id"] != b[3]["id"] {
		t.Fatalf("one key, two answers: %s and %s", first.raw, second.raw)
	}
	for _, row := range a {
		e.terminateContact(t, row["id"].(string), 1)
	}
	if again := sales.postCSV(file); len(rowsOf(again, "duplicate")) != 2 {
		t.Fatalf("without the key the same file is duplicates: %s", again.raw)
	}
}
