package pages

import (
	"strings"
	"testing"
	"time"

	"salesflow/i18n"
	"salesflow/policy"
	"salesflow/store"
	"salesflow/web"
)

// adminSamplePages are the admin pages, the signed list and a contract
// inbox card with data a person would see, in one language.
func adminSamplePages(lang i18n.Lang) map[string]any {
	now := time.Date(2025, 3, 3, 1, 30, 0, 0, time.UTC)
	admin := &store.User{ID: "u-a", Username: "admin", Name: "管理员甲", Roles: []string{"admin"}, Active: true}
	sales := store.User{ID: "u-2", Username: "sales1", Name: "王销", Roles: []string{"salesperson"}, ManagerID: "u-m",
		DiscountAuthorityPct: 10, Active: true, CreatedAt: now}
	b := pageBase{Lang: string(lang), User: admin}
	choices := choicesFrom([]store.User{*admin, sales, {ID: "u-m", Name: "李经理", Username: "mgr"}}, "", "u-m")
	problem := &problemView{Status: 422, Title: i18n.T(lang, "problem.validation"),
		Fields: map[string]string{"username": i18n.T(lang, "field.username"), "list_price": i18n.T(lang, "page.form.price_precision"),
			"working": i18n.T(lang, "page.admin.choose_working"), "discount_authority_pct": i18n.T(lang, "field.percent")}}
	bad := b
	bad.Problem = problem
	product := store.Product{ID: "pr-1", Code: "A01", Name: "首页横幅", Unit: "天", ListPriceFen: 1_200_000, Active: true, UpdatedAt: now}
	k := store.Contract{ID: "k-1", CustomerName: "华星商贸", OwnerName: "王销", TotalFen: 2_160_000, Major: true,
		StartsOn: ptr("2025-04-01"), EndsOn: ptr("2026-03-31"), UpdatedAt: now}
	task := store.Task{ID: "t-1", Kind: "contract_approval", SubjectType: "contract", SubjectID: "k-1",
		SubjectTitle: "华星商贸", AuthorName: "王销", CreatedAt: now}
	card := newTaskCard(task, now)
	card.Contract = &contractTaskInfo{Major: true, TotalFen: 2_160_000, Role: "marketing_director", Authority: 10,
		Items: contractItemViews([]store.ContractItem{{ProductName: "首页横幅", Unit: "天", Quantity: 2,
			UnitPriceFen: 1_020_000, ListPriceFen: 1_200_000}}, 10)}
	return map[string]any{
		"admin_users": adminUsersPage{pageBase: bad, userChoices: choices, Form: userForm{Username: "Bad Name", Roles: []string{"reviewer"}},
			Users: []adminUserRow{{User: sales, ManagerName: "李经理"}}},
		"admin_user":       adminUsersPage{pageBase: bad, userChoices: choices, U: &sales, Form: userForm{Name: "王销", Authority: "150", Active: true}},
		"admin_products":   adminProductsPage{pageBase: bad, Products: []store.Product{product}, Form: productForm{Price: "1.234"}},
		"admin_product":    adminProductPage{pageBase: b, P: product, Form: productForm{Name: "首页横幅", Price: "12000.00", Active: true}},
		"admin_calendar":   adminCalendarPage{pageBase: bad, Overrides: []calendarRow{{Weekday: 6, CalendarOverrideRow: store.CalendarOverrideRow{CalendarOverride: store.CalendarOverride{Day: "2025-10-11", Working: true, CreatedAt: now}, CreatedByName: "管理员甲"}}}},
		"contracts_signed": signedContractsPage{pageBase: b, Contracts: []store.Contract{k}},
		"inbox":            inboxPage{pageBase: b, Tasks: []taskCard{card}},
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
			"admin_users":      {"用户", "王销", "李经理", "销售人员", "10%", "只能包含小写字母", `value="Bad Name"`, `value="reviewer" checked`, `href="/admin/calendar"`},
			"admin_user":       {"用户 · 王销", "必须在 0 到 100 之间", `value="150"`, "留空则不修改密码"},
			"admin_products":   {"价目表", "A01", "¥12,000.00", "在售", "最多两位小数", `value="1.234"`},
			"admin_product":    {"产品 · A01", `value="12000.00"`, "已写入的行保留原目录价"},
			"admin_calendar":   {"工作日历", "2025-10-11", "周六", "休息日", "工作日", "请选择工作日或休息日", "删除"},
			"contracts_signed": {"已签合同", "华星商贸", "¥21,600.00", "2025-04-01", "重大合同"},
			"inbox":            {"目录价", "¥12,000.00", "¥10,200.00", "−15.0%", "超出价格权限", "最多低于目录价 10%"},
		},
		i18n.EN: {
			"admin_users":      {"Users", "Salesperson", "Add a user", "2 to 64 of a-z", "Discount authority (%)"},
			"admin_user":       {"User · 王销", "must be from 0 to 100", "New password"},
			"admin_products":   {"Rate card", "Offered", "has at most two decimals", "List price (yuan)"},
			"admin_product":    {"Product · A01", "Offered (may be chosen for new lines)"},
			"admin_calendar":   {"Working-day calendar", "Sat", "Working day", "choose working day or day off"},
			"contracts_signed": {"Signed contracts", "Major"},
			"inbox":            {"List price", "Below authority", "up to 10% off list"},
		},
	}
	for lang, pagesWant := range want {
		data := adminSamplePages(lang)
		for page, texts := range pagesWant {
			checkPage(t, view, lang, page, page, data[page], texts)
		}
	}
}

// TestTemporalLink: admins get the Web UI's workflow address, others none.
func TestTemporalLink(t *testing.T) {
	b := pageBase{temporalUI: "http://ui:8233/namespaces/default/workflows/"}
	if got := b.TemporalLink("contact-c 1-2"); got != "http://ui:8233/namespaces/default/workflows/contact-c%201-2" {
		t.Errorf("link %q", got)
	}
	if (pageBase{}).TemporalLink("proposal-1") != "" || b.TemporalLink("") != "" {
		t.Error("a link without the admin's address or a workflow ID")
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
