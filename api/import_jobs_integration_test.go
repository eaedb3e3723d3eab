package api

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"salesflow/store"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
)

// bigImportFile is a customer file of n fresh rows (a suffix keeps them
// apart from other tests'), then the extra rows.
func bigImportFile(prefix string, n int, extra ...string) ([]byte, []string) {
	var b strings.Builder
	b.WriteString("公司名称,渠道,收集日期\n")
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("%s%05d", prefix, i)
		fmt.Fprintf(&b, "%s,internet,%s\n", names[i], today())
	}
	for _, r := range extra {
		b.WriteString(r + "\n")
	}
	return []byte(b.String()), names
}

// importJob waits (bounded) for the job at path to be done and answers it.
func (c *apiClient) importJob(t *testing.T, path string) response {
	t.Helper()
	var job response
	waitFor(t, func() bool {
		job = c.do("GET", path, nil, nil).status(http.StatusOK)
		return job.str("state") == "done"
	})
	return job
}

// jobRows reads every row of one outcome of the job, page by page.
func (c *apiClient) jobRows(t *testing.T, path, outcome string, limit int) []map[string]any {
	t.Helper()
	var out []map[string]any
	cursor := ""
	for pages := 0; ; pages++ {
		if pages > 100 {
			t.Fatal("the rows never end")
		}
		q := url.Values{"outcome": {outcome}, "limit": {fmt.Sprint(limit)}, "cursor": {cursor}}
		res := c.do("GET", path+"/rows?"+q.Encode(), nil, nil).status(http.StatusOK)
		for _, it := range res.body["items"].([]any) {
			out = append(out, it.(map[string]any))
		}
		next, _ := res.body["next_cursor"].(string)
		if next == "" {
			return out
		}
		cursor = next
	}
}

// TestCustomerImportJob: a file of 2,503 rows, over what one import takes
// at once, is answered 202 before its rows are recorded, with a status
// resource; a workflow records it a batch at a time, and when it is done
// the counts say what became of every row and each row's result can be
// read page by page. The same file sent again with its key is the same
// job and records nobody twice; the author is told once; nobody else sees
// the job.
func TestCustomerImportJob(t *testing.T) {
	e := newOwnEnv(t)
	existing := "作业已登记" + randomSuffix()
	existingID := e.as(t, "sales2").newCustomer(existing)
	prefix := "作业导入" + randomSuffix() + "-"
	body, names := bigImportFile(prefix, 2500,
		existing+",internet,"+today(),         // a duplicate of sales2's record
		prefix+"00000 有限公司,internet,"+today(), // a duplicate of the file's first row
		"坏渠道"+randomSuffix()+",电台,"+today())   // invalid: no such channel
	sales := e.as(t, "sales1")
	key := map[string]string{"Idempotency-Key": "job-" + randomSuffix()}
	start := sales.sendAs("POST", "/api/v1/customers/imports?file_name=big.csv", "text/csv", body, key).status(http.StatusAccepted)
	id, loc := start.str("id"), start.header.Get("Location")
	if loc != "/api/v1/customers/imports/"+id || start.body["rows_total"] != 2503.0 || start.str("file_name") != "big.csv" {
		t.Fatalf("the job answered: %s (Location %q)", start.raw, loc)
	}
	again := sales.sendAs("POST", "/api/v1/customers/imports?file_name=big.csv", "text/csv", body, key).status(http.StatusAccepted)
	if again.str("id") != id {
		t.Fatalf("the same file with the same key is job %s, then %s", id, again.str("id"))
	}

	job := sales.importJob(t, loc)
	counts := job.body["counts"].(map[string]any)
	if job.body["rows_done"] != 2503.0 || counts["created"] != 2500.0 || counts["duplicate"] != 2.0 ||
		counts["invalid"] != 1.0 || counts["failed"] != 0.0 || job.body["finished_at"] == nil {
		t.Fatalf("the finished job: %s", job.raw)
	}
	created := sales.jobRows(t, loc, "created", 200)
	if len(created) != 2500 {
		t.Fatalf("%d created rows read back, want 2500", len(created))
	}
	for i, r := range created {
		if r["row"] != float64(i+2) || r["name"] != names[i] || r["id"] == "" {
			t.Fatalf("created row %d: %v", i, r)
		}
	}
	dups := sales.jobRows(t, loc, "duplicate", 0)
	if len(dups) != 2 || dups[0]["existing_customer_id"] != existingID || dups[0]["owner_name"] != "测试 sales2" ||
		dups[1]["existing_customer_id"] != created[0]["id"] || dups[1]["owner_name"] != "测试 sales1" {
		t.Fatalf("duplicates name their first record: %v", dups)
	}
	invalid := sales.jobRows(t, loc, "invalid", 0)
	if len(invalid) != 1 || !strings.Contains(fmt.Sprint(invalid[0]["errors"]), "channel") {
		t.Fatalf("the invalid row says why: %v", invalid)
	}

	var recorded, told int
	ctx := context.Background()
	if err := e.Store.DB().GetContext(ctx, &recorded, `SELECT count(*) FROM customers WHERE name LIKE $1`, prefix+"%"); err != nil {
		t.Fatal(err)
	}
	if err := e.Store.DB().GetContext(ctx, &told, `SELECT count(*) FROM notifications
		WHERE user_id = $1 AND kind = 'customer_import_done' AND subject_id = $2`, e.users["sales1"].ID, id); err != nil {
		t.Fatal(err)
	}
	if recorded != 2500 || told != 1 {
		t.Fatalf("%d customers recorded (want 2500), the author told %d times (want 1)", recorded, told)
	}

	e.as(t, "sales2").do("GET", loc, nil, nil).status(http.StatusNotFound)
	e.as(t, "sales2").do("GET", loc+"/rows", nil, nil).status(http.StatusNotFound)
	e.as(t, "admin").do("GET", loc, nil, nil).status(http.StatusOK)
	list := sales.do("GET", "/api/v1/customers/imports", nil, nil).status(http.StatusOK)
	if items := list.body["items"].([]any); len(items) == 0 || items[0].(map[string]any)["id"] != id {
		t.Fatalf("the author's jobs: %s", list.raw)
	}
}

// TestCustomerImportJobRefusals: what a job cannot take is refused with a
// problem naming it, and no job is left behind.
func TestCustomerImportJobRefusals(t *testing.T) {
	e := newTestEnv(t)
	sales := e.as(t, "sales1")
	name := "refused-" + randomSuffix() // what a job left behind would show
	tooMany, _ := bigImportFile("太多"+randomSuffix(), 100_001)
	for _, tc := range []struct {
		name   string
		body   []byte
		detail string
	}{
		{"header only", []byte("公司名称,渠道\n"), "没有数据行"},
		{"no name column", []byte("渠道\ninternet\n"), "公司名称"},
		{"over 100000 rows", tooMany, "100000"},
	} {
		res := sales.sendAs("POST", "/api/v1/customers/imports?file_name="+name, "text/csv", tc.body, nil).
			status(http.StatusUnprocessableEntity)
		if !strings.Contains(res.str("type"), "malformed-csv") || !strings.Contains(res.str("detail"), tc.detail) {
			t.Errorf("%s: %s", tc.name, res.raw)
		}
	}
	var left int
	if err := e.Store.DB().GetContext(context.Background(), &left,
		`SELECT count(*) FROM customer_import_jobs WHERE file_name = $1`, name); err != nil || left != 0 {
		t.Fatalf("refused files left %d jobs (%v)", left, err)
	}
	e.as(t, "admin").sendAs("POST", "/api/v1/customers/imports", "text/csv", []byte("公司名称\n甲\n"), nil).
		status(http.StatusForbidden)

	small := sales.sendAs("POST", "/api/v1/customers/imports", "text/csv", []byte("公司名称,渠道,收集日期\n小作业"+randomSuffix()+",internet,"+today()+"\n"), nil).
		status(http.StatusAccepted)
	loc := small.header.Get("Location")
	for _, tc := range []struct{ query, field string }{{"outcome=all", "outcome"}, {"cursor=abc", "cursor"}} {
		res := sales.do("GET", loc+"/rows?"+tc.query, nil, nil).status(http.StatusUnprocessableEntity)
		if !strings.Contains(string(res.raw), `"`+tc.field+`"`) {
			t.Errorf("?%s: the problem does not name %s: %s", tc.query, tc.field, res.raw)
		}
	}
	sales.do("GET", "/api/v1/customers/imports/no-such-job", nil, nil).status(http.StatusNotFound)
}

// TestPagesCustomerImportJob: on the import page a file over 1,000 rows
// becomes a job: the reader goes to its page, which shows rows done of
// the total and, when done, the rows by outcome; the import page lists it.
func TestPagesCustomerImportJob(t *testing.T) {
	e := newOwnEnv(t)
	prefix := "页面作业" + randomSuffix() + "-"
	body, _ := bigImportFile(prefix, 1200, "坏渠道"+randomSuffix()+",电台,"+today())
	b := e.pageBrowser(t)
	b.signIn("sales1")
	code, loc, html := b.sendFile("/customers/import", url.Values{"idempotency_key": {"pj-" + randomSuffix()}}, "big.csv", body)
	if code != http.StatusSeeOther || !strings.HasPrefix(loc, "/customers/imports/") {
		t.Fatalf("a large file: %d %q\n%s", code, loc, html)
	}
	b.page(loc, "客户导入 · big.csv", "/ 1201 行", `<progress max="1201"`)
	// Every row done is not yet the job done: FinishImportJob follows the
	// last batch, so wait for the state (a run once read the page between).
	waitFor(t, func() bool {
		_, _, html := b.send("GET", loc, nil, nil)
		return strings.Contains(html, "已完成")
	})
	b.page(loc, "已处理 1201 / 1201 行", "已完成", "有误，未登记（1）", "渠道：不是有效的客户来源渠道", "已登记（1200）")
	created := b.page(loc+"?outcome=created", prefix+"00000", "更多行")
	if strings.Contains(created, "hx-trigger") {
		t.Error("a finished job's page still polls")
	}
	b.page("/customers/import", "最近的导入", "big.csv", loc)

	other := e.pageBrowser(t)
	other.signIn("sales2")
	if code, _, _ := other.send("GET", loc, nil, nil); code != http.StatusNotFound {
		t.Errorf("another salesperson opens the job's page: %d", code)
	}
}

// TestImportJobOutbox: a job whose workflow did not start (Temporal away
// when it was sent) is started by the outbox sweep, and runs to the end.
func TestImportJobOutbox(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	u := e.users["sales1"]
	name := "未启动作业" + randomSuffix()
	c := store.NewCustomer{Customer: store.Customer{ID: uuid.NewString(), Name: name, Channel: "internet",
		OwnerID: u.ID, CollectedOn: today(), CreatedBy: u.ID}, ContactDeadline: 7 * 24 * time.Hour}
	job, err := e.Store.CreateImportJob(ctx, store.ImportJob{ID: uuid.NewString(), CreatedBy: u.ID},
		[]store.StagedImportRow{{Line: 2, Name: name, Customer: &c}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Store.DB().ExecContext(ctx, `UPDATE customer_import_jobs SET created_at = now() - interval '1 minute'
		WHERE id = $1`, job.ID); err != nil {
		t.Fatal(err)
	}
	started, err := e.service().SweepImportJobs(ctx)
	if err != nil || started < 1 {
		t.Fatalf("the sweep started %d jobs (%v)", started, err)
	}
	done := e.as(t, "sales1").importJob(t, "/api/v1/customers/imports/"+job.ID)
	if done.body["counts"].(map[string]any)["created"] != 1.0 {
		t.Fatalf("the swept job: %s", done.raw)
	}
	if again, err := e.Store.UnstartedImportJobs(ctx, 0, 1000); err != nil || slices.ContainsFunc(again,
		func(j store.ImportJob) bool { return j.ID == job.ID }) {
		t.Fatalf("the job is still unstarted after its sweep (%v)", err)
	}
}

// TestImportJobRetry: a job that finished with failed rows (its batch's
// retries spent) records them again when its author asks, on the page or
// over JSON, as a second attempt with a workflow of its own; only the
// failed rows are recorded, and nobody else may ask.
func TestImportJobRetry(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	u := e.users["sales1"]
	var staged []store.StagedImportRow
	for i := range 3 {
		name := fmt.Sprintf("重试作业%s-%d", randomSuffix(), i)
		c := store.NewCustomer{Customer: store.Customer{ID: uuid.NewString(), Name: name, Channel: "marketing_event",
			CollectedOn: today(), CreatedBy: u.ID}}
		staged = append(staged, store.StagedImportRow{Line: i + 2, Name: name, Customer: &c})
	}
	job, err := e.Store.CreateImportJob(ctx, store.ImportJob{ID: uuid.NewString(), CreatedBy: u.ID}, staged)
	if err != nil {
		t.Fatal(err)
	}
	// The first attempt as a database outage leaves it: one row recorded, two failed.
	if _, err := e.Store.RecordImportBatch(ctx, job.ID, 0, 1); err != nil {
		t.Fatal(err)
	}
	if err := e.Store.FailImportBatch(ctx, job.ID, 1, 3); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Store.FinishImportJob(ctx, job.ID); err != nil {
		t.Fatal(err)
	}
	e.Store.MarkImportJobStarted(ctx, job.ID)
	loc := "/api/v1/customers/imports/" + job.ID

	b := e.pageBrowser(t)
	b.signIn("sales1")
	b.page(loc[len("/api/v1"):], "出错，未登记（2）", `action="/customers/imports/`+job.ID+`/retry"`, "重新录入失败的 2 行")
	e.as(t, "sales2").do("POST", loc+"/retry", nil, nil).status(http.StatusNotFound)
	code, next, _ := b.send("POST", "/customers/imports/"+job.ID+"/retry", url.Values{}, nil)
	if code != http.StatusSeeOther || next != "/customers/imports/"+job.ID {
		t.Fatalf("retry on the page: %d %q", code, next)
	}
	done := e.as(t, "sales1").importJob(t, loc)
	counts := done.body["counts"].(map[string]any)
	if done.body["attempt"] != 2.0 || counts["created"] != 3.0 || counts["failed"] != 0.0 || done.body["rows_done"] != 3.0 {
		t.Fatalf("after the retry: %s", done.raw)
	}
	if _, err := e.Temporal.DescribeWorkflowExecution(ctx, "customer-import-"+job.ID+"-2", ""); err != nil {
		t.Fatalf("the second attempt's workflow: %v", err)
	}
	again := e.as(t, "sales1").do("POST", loc+"/retry", nil, nil).status(http.StatusAccepted)
	if again.body["attempt"] != 2.0 || again.str("state") != "done" {
		t.Fatalf("a retry with nothing failed: %s", again.raw)
	}
}
