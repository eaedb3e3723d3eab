package customers

import (
	"testing"
	"time"

	"salesflow/i18n"
	"salesflow/pages/site"
	"salesflow/pages/site/sitetest"
	"salesflow/service"
	"salesflow/store"
)

// careSamplePages are the pipeline and guidance pages with data a person
// would see.
func careSamplePages(lang i18n.Lang) map[string]any {
	now := time.Date(2026, 11, 24, 1, 30, 0, 0, time.UTC) // 09:30 in Shanghai
	boss := &store.User{ID: "u-1", Username: "manager", Name: "赵经理", Roles: []string{"sales_manager"}}
	base := func(u *store.User) site.Base {
		b := site.Base{Lang: string(lang), User: u}
		b.Nav.For(*u)
		return b
	}
	counts := func(key, tracking int) service.PipelineCounts {
		return service.PipelineCounts{Classes: map[string]int{"signed": 0, "intent_signed": 0, "key": key, "progressing": 0,
			"potential": 0, "tracking": tracking}, Total: key + tracking}
	}
	pl := pipelineView{Base: base(boss)}
	for _, cl := range service.CustomerClasses {
		pl.Classes = append(pl.Classes, classSwatch{cl, classColours[cl]})
	}
	pl.Rows = []pipelineBar{{Name: "王销", Counts: counts(1, 3), Segments: segments(service.CustomerClasses, counts(1, 3))},
		{Team: true, Counts: counts(1, 3), Segments: segments(service.CustomerClasses, counts(1, 3))}}
	g := guidanceView{Base: base(boss), CanWrite: true, Key: "k", Selected: "u-2",
		People: []store.Person{{ID: "u-2", Name: "王销"}, {ID: "u-4", Name: "钱销"}},
		Notes: []store.GuidanceNote{{ID: "g-1", SalespersonID: "u-2", SalespersonName: "王销", ManagerID: "u-1",
			ManagerName: "赵经理", Note: "先跟进华星的预算", CreatedAt: now}}}
	return map[string]any{"pipeline": pl, "guidance": g}
}

// TestCarePageTemplates renders the pipeline and guidance pages in both
// languages: the bar's segments are each class's share of the row.
func TestCarePageTemplates(t *testing.T) {
	sitetest.CheckPages(t, careSamplePages, map[i18n.Lang]map[string][]string{
		i18n.ZH: {
			"pipeline": {"客户分类", "重点客户", "跟踪客户", `x="25" width="75"`, `width="25"`, "团队", `href="/guidance"`},
			"guidance": {"每日指导", "先跟进华星的预算", "赵经理 于 2026-11-24 09:30", `<option value="u-2" selected>`, "保存指导"},
		},
		i18n.EN: {
			"pipeline": {"Pipeline", "Key", "Tracking", "Total", "Team"},
			"guidance": {"Guidance", "Guidance note", "赵经理, 2026-11-24 09:30", "Save the note"},
		},
	})
}
