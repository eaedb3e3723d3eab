package admin

import (
	"strings"
	"testing"
	"time"

	"salesflow/i18n"
	"salesflow/pages/site"
	"salesflow/pages/site/sitetest"
	"salesflow/policy"
	"salesflow/store"
	"salesflow/web"
)

// adminSamplePages are the admin pages with data a person would see, in
// one language.
func adminSamplePages(lang i18n.Lang) map[string]any {
	now := time.Date(2025, 3, 3, 1, 30, 0, 0, time.UTC)
	admin := &store.User{ID: "u-a", Username: "admin", Name: "管理员甲", Roles: []string{"admin"}, Active: true}
	sales := store.User{ID: "u-2", Username: "sales1", Name: "王销", Roles: []string{"salesperson"}, ManagerID: "u-m",
		DiscountAuthorityPct: 10, Active: true, CreatedAt: now}
	b := site.Base{Lang: string(lang), User: admin}
	choices := choicesFrom([]store.User{*admin, sales, {ID: "u-m", Name: "李经理", Username: "mgr"}}, "", "u-m")
	problem := &site.Problem{Status: 422, Title: i18n.T(lang, "problem.validation"),
		Fields: map[string]string{"username": i18n.T(lang, "field.username"), "list_price": i18n.T(lang, "page.form.price_precision"),
			"working": i18n.T(lang, "page.admin.choose_working"), "discount_authority_pct": i18n.T(lang, "field.percent")}}
	bad := b
	bad.Problem = problem
	product := store.Product{ID: "pr-1", Code: "A01", Name: "首页横幅", Unit: "天", ListPriceFen: 1_200_000, Active: true, UpdatedAt: now}
	return map[string]any{
		"admin_users": adminUsersPage{Base: bad, userChoices: choices, Form: userForm{Username: "Bad Name", Roles: []string{"reviewer"}},
			Users: []adminUserRow{{User: sales, ManagerName: "李经理"}}},
		"admin_user":     adminUsersPage{Base: bad, userChoices: choices, U: &sales, Form: userForm{Name: "王销", Authority: "150", Active: true}},
		"admin_products": adminProductsPage{Base: bad, Products: []store.Product{product}, Form: productForm{Price: "1.234"}},
		"admin_product":  adminProductPage{Base: b, P: product, Form: productForm{Name: "首页横幅", Price: "12000.00", Active: true}},
		"admin_calendar": adminCalendarPage{Base: bad, Overrides: []calendarRow{{Weekday: 6, CalendarOverrideRow: store.CalendarOverrideRow{CalendarOverride: store.CalendarOverride{Day: "2025-10-11", Working: true, CreatedAt: now}, CreatedByName: "管理员甲"}}}},
	}
}

func ptr[T any](v T) *T { return &v }

// TestAdminPageTemplates renders the admin pages in both languages and
// checks what a reader would look for: the fields' messages beside them,
// the navigation, the price lines against the authority.
func TestAdminPageTemplates(t *testing.T) {
	view, err := web.New(web.Options{Location: policy.Shanghai})
	if err != nil {
		t.Fatal(err)
	}
	want := map[i18n.Lang]map[string][]string{
		i18n.ZH: {
			"admin_users":    {"用户", "王销", "李经理", "销售人员", "10%", "只能包含小写字母", `value="Bad Name"`, `value="reviewer" checked`, `href="/admin/calendar"`},
			"admin_user":     {"用户 · 王销", "必须在 0 到 100 之间", `value="150"`, "留空则不修改密码"},
			"admin_products": {"价目表", "A01", "¥12,000.00", "在售", "最多两位小数", `value="1.234"`},
			"admin_product":  {"产品 · A01", `value="12000.00"`, "已写入的行保留原目录价"},
			"admin_calendar": {"工作日历", "2025-10-11", "周六", "休息日", "工作日", "请选择工作日或休息日", "删除"},
		},
		i18n.EN: {
			"admin_users":    {"Users", "Salesperson", "Add a user", "2 to 64 of a-z", "Discount authority (%)"},
			"admin_user":     {"User · 王销", "must be from 0 to 100", "New password"},
			"admin_products": {"Rate card", "Offered", "has at most two decimals", "List price (yuan)"},
			"admin_product":  {"Product · A01", "Offered (may be chosen for new lines)"},
			"admin_calendar": {"Working-day calendar", "Sat", "Working day", "choose working day or day off"},
		},
	}
	for lang, pagesWant := range want {
		data := adminSamplePages(lang)
		for page, texts := range pagesWant {
			sitetest.CheckPage(t, view, lang, page, page, data[page], texts)
		}
	}
}

// TestManagerChoices: the user forms offer active users as managers, never
// the user themselves, and keep an inactive manager already chosen.
func TestManagerChoices(t *testing.T) {
	users := []store.User{{ID: "a", Name: "A", Active: true}, {ID: "b", Name: "B"}, {ID: "c", Name: "C"}, {ID: "self", Name: "S", Active: true}}
	var got []string
	for _, u := range choicesFrom(users, "self", "b").Managers {
		got = append(got, u.ID)
	}
	if strings.Join(got, ",") != "a,b" {
		t.Errorf("managers offered %v, want a (active) and b (inactive, already chosen)", got)
	}
}
