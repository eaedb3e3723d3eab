package visits

import (
	"testing"
	"time"

	"salesflow/i18n"
	"salesflow/pages/site"
	"salesflow/pages/site/sitetest"
	"salesflow/policy"
	"salesflow/service"
	"salesflow/store"
)

// visitSamplePages are the visit pages with data a person would see.
func visitSamplePages(lang i18n.Lang) map[string]any {
	now := time.Date(2026, 11, 24, 1, 30, 0, 0, time.UTC) // 09:30 in Shanghai
	sales := &store.User{ID: "u-2", Username: "sales1", Name: "王销", Roles: []string{"salesperson"}}
	desk := &store.User{ID: "u-3", Username: "frontdesk", Name: "周前台", Roles: []string{"front_desk"}}
	base := func(u *store.User) site.Base {
		b := site.Base{Lang: string(lang), User: u}
		b.Nav.For(*u)
		return b
	}
	due, progress := now.Add(48*time.Hour), "上次报价已发"
	v := store.Visit{ID: "v-1", CustomerName: "华星商贸", OwnerID: "u-2", OwnerName: "王销", Status: "returned",
		Goals: "确认春季档期", ProgressReport: &progress, PlannedStart: now, PlannedReturn: now.Add(3 * time.Hour),
		DepartedAt: &now, ReturnedAt: &now, ReportDueAt: &due}
	approved := v
	approved.Status = "approved"
	form := visitForm{Base: base(sales), Key: "k", Customers: []store.Customer{{ID: "c-1", Name: "华星商贸"}},
		Req: service.VisitPlanInput{CustomerID: "c-1"}, Start: "2026-11-24T10:00", Return: "2026-11-24T12:00"}
	form.Problem = &site.Problem{Status: 422, Title: i18n.T(lang, "problem.progress_report_required"),
		Fields: map[string]string{"progress_report": i18n.T(lang, "field.progress_report")}}
	r := service.Activity{From: "2026-11-16", To: "2026-11-22", WorkingDays: 5, Weeks: 1, Targets: policy.DefaultTargets,
		People: []service.ActivityRow{{UserID: "u-2", Name: "王销", NewRecords: 12, RecordsPerWorkingDay: 2.4, Visits: 3, VisitsPerWeek: 3}},
		Team:   service.ActivityRow{NewRecords: 12, RecordsPerWorkingDay: 2.4, Visits: 3, VisitsPerWeek: 3}}
	act := activityView{Base: base(sales), R: r, From: r.From, To: r.To,
		Rows: []activityBar{{Row: r.People[0], RecordPct: 24, VisPct: 30}, {Row: r.Team, RecordPct: 24, VisPct: 30}}}
	return map[string]any{
		"visits":      visitsPage{Base: base(sales), Visits: []store.Visit{v}},
		"visit_form":  form,
		"visit":       visitPage{Base: base(sales), V: v, Key: "k", CanReport: true},
		"visit_board": boardPage{Base: base(desk), Day: now, Visits: []store.Visit{approved}, Key: "k"},
		"activity":    act,
	}
}

// TestVisitPageTemplates renders every visit page in both languages.
func TestVisitPageTemplates(t *testing.T) {
	sitetest.CheckPages(t, visitSamplePages, map[i18n.Lang]map[string][]string{
		i18n.ZH: {
			"visits":      {"客户拜访", "华星商贸", "已返回", "计划拜访", "业绩指标"},
			"visit_form":  {"计划拜访", "回访前需要先提交进展报告", `name="progress_report"`, `value="2026-11-24T10:00"`},
			"visit":       {"华星商贸", "确认春季档期", "上次报价已发", "报告截止", "2026-11-26 09:30", `action="/visits/v-1/report"`, "是否决策人"},
			"visit_board": {"今日外出", "登记出发", `action="/visits/v-1/departure"`, "周前台"},
			"activity":    {"每工作日新客户（目标 10）", "2.4", `width="24"`, "团队（人均）", "5 个工作日"},
		},
		i18n.EN: {
			"visits":      {"Customer visits", "Back", "Plan a visit", "Activity"},
			"visit_form":  {"A revisit needs a progress report first", "Send to my manager"},
			"visit":       {"Report due", "File the report", "Decision maker"},
			"visit_board": {"Today&#39;s visits", "Record departure"},
			"activity":    {"New records a working day (target 10)", "Visits a week (target 10)", "Team (per person)"},
		},
	})
}
