package customers

import (
	"bytes"
	"errors"
	"mime/multipart"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"salesflow/httpx"
	"salesflow/i18n"
	"salesflow/pages/site"
	"salesflow/policy"
	"salesflow/service"
	"salesflow/store"
	"salesflow/web"
)

// TestCustomerToolPages renders the import result and the pool with a plan
// in both languages: every text translated, each section where a reader
// looks for it, and the nav links only for the roles allowed.
func TestCustomerToolPages(t *testing.T) {
	view, err := web.New(web.Options{Location: policy.Shanghai})
	if err != nil {
		t.Fatal(err)
	}
	sales := &store.User{ID: "u-1", Name: "王销", Roles: []string{"salesperson"}}
	manager := &store.User{ID: "u-9", Name: "赵经理", Roles: []string{"sales_manager"}}
	owner := "李四"
	want := map[i18n.Lang][]string{
		i18n.ZH: {"已登记（1）", "重复，未登记（2）", "有误，未登记（1）", `href="/customers/c-1"`, "李四", "客户池（尚未分配）",
			"渠道：不是有效的客户来源渠道", "已有名称相近的客户，负责人：周五、客户池（尚未分配）", "分配方案（预览）", "能力权重", "华星、东方", "本次分得", `name="weight_u-2"`},
		i18n.EN: {"Recorded (1)", "Duplicates, not recorded (2)", "Invalid, not recorded (1)", "The unassigned pool",
			"Channel: is not a valid channel", "owned by: 周五, The unassigned pool", "Proposed assignment (preview)", "Ability weight", "华星, 东方"},
	}
	for lang, texts := range want {
		res := httpx.CustomerImport{Created: []httpx.ImportRow{{Row: 2, ID: "c-1", Name: "华星",
			Warnings: []store.SimilarCustomer{{ExistingID: "c-8", OwnerName: "周五"}, {ExistingID: "c-9"}}}},
			Duplicate: []httpx.ImportRow{{Row: 3, ExistingID: "c-0", OwnerName: &owner, Name: "东方"}, {Row: 4, ExistingID: "c-5", Name: "北方"}},
			Invalid:   []httpx.ImportRow{{Row: 5, Name: "坏渠道", Errors: []httpx.FieldMessage{{Field: "channel", Message: i18n.T(lang, "field.channel")}}}}}
		imp := importPage{Base: site.Base{Lang: string(lang), User: sales}, Key: "k", Result: &res}
		team := []teamMember{{ID: "u-2", Name: "王销", Load: 3, Weight: "1"}, {ID: "u-3", Name: "钱销", Load: 0, Weight: "0"}}
		pool := poolPage{Base: site.Base{Lang: string(lang), User: manager}, CanAssign: true, Team: team, Key: "k",
			Rows:     []poolRow{{Customer: store.Customer{ID: "c-7", Name: "西方", EnteredAt: time.Now()}, Key: "r"}},
			Selected: map[string]bool{"c-7": true},
			Plan: planGroups(team, []service.PlanItem{{CustomerID: "c-1", CustomerName: "华星", OwnerID: "u-2"},
				{CustomerID: "c-2", CustomerName: "东方", OwnerID: "u-2"}})}
		var html string
		for page, data := range map[string]any{"customer_import": imp, "customer_pool": pool} {
			var buf bytes.Buffer
			if err := view.Page(&buf, string(lang), page, data); err != nil {
				t.Fatalf("%s %s: %v", lang, page, err)
			}
			if s := buf.String(); strings.Contains(s, ">page.") || strings.Contains(s, `"page.`) || strings.Contains(s, "%!") {
				t.Errorf("%s %s: an untranslated key or a bad argument shows", lang, page)
			}
			html += buf.String()
		}
		for _, text := range texts {
			if !strings.Contains(html, text) {
				t.Errorf("%s: %q missing", lang, text)
			}
		}
	}
	if !(site.Base{User: sales}).ImportNav() || (site.Base{User: sales}).PoolNav() || !(site.Base{User: manager}).PoolNav() {
		t.Error("the import is for collectors, the pool for managers")
	}
}

// TestUploadedCSV: the page takes the file no larger than the API does,
// and a form without one is told to choose one.
func TestUploadedCSV(t *testing.T) {
	gin.SetMode(gin.TestMode)
	for _, tc := range []struct {
		size  int
		field string // the field's message key, "" when the file is taken
	}{{10, ""}, {service.MaxImportBytes + 100<<10, "page.import.too_large"}, {-1, "page.import.choose_file"}} {
		var body bytes.Buffer
		w := multipart.NewWriter(&body)
		if tc.size >= 0 {
			part, _ := w.CreateFormFile("file", "a.csv")
			part.Write(bytes.Repeat([]byte("a"), tc.size))
		}
		w.Close()
		c, _ := gin.CreateTestContext(httptest.NewRecorder())
		c.Request = httptest.NewRequest("POST", "/customers/import", &body)
		c.Request.Header.Set("Content-Type", w.FormDataContentType())
		got, _, err := site.UploadedCSV(c, service.MaxImportBytes)
		var ae *service.Error
		switch {
		case tc.field == "" && (err != nil || len(got) != tc.size):
			t.Errorf("%d bytes: %d read, %v", tc.size, len(got), err)
		case tc.field != "" && (!errors.As(err, &ae) || len(ae.Fields) != 1 || ae.Fields[0].Key != tc.field):
			t.Errorf("%d bytes: %v, want %s on the file field", tc.size, err, tc.field)
		}
	}
}
