package api

// visitPageMessages are the texts of the visit pages, merged into the
// catalogue at start-up.
var visitPageMessages = map[string]message{
	"page.nav.visits":    {"拜访", "Visits"},
	"page.nav.new_visit": {"计划拜访", "Plan a visit"},
	"page.nav.board":     {"今日外出", "Today's visits"},
	"page.nav.activity":  {"业绩指标", "Activity"},

	"page.status.pending_approval": {"待审批", "Awaiting approval"},
	"page.status.rejected":         {"已驳回", "Rejected"},
	"page.status.departed":         {"外出中", "Out"},
	"page.status.returned":         {"已返回", "Back"},
	"page.status.reported":         {"已报告", "Reported"},

	"page.task_kind.visit_plan":           {"拜访计划审批", "Visit plan"},
	"page.task_kind.visit_late_return":    {"拜访未按时返回", "Late return"},
	"page.task_kind.visit_report_overdue": {"拜访报告逾期", "Visit report overdue"},

	"page.visits.title":          {"客户拜访", "Customer visits"},
	"page.visits.empty":          {"还没有拜访。", "No visits yet."},
	"page.visit.customer":        {"客户", "Customer"},
	"page.visit.owner":           {"销售人员", "Salesperson"},
	"page.visit.status":          {"状态", "Status"},
	"page.visit.goals":           {"拜访目标", "Goals"},
	"page.visit.planned_start":   {"计划出发", "Planned start"},
	"page.visit.planned_return":  {"计划返回", "Planned return"},
	"page.visit.progress_report": {"进展报告（回访必填）", "Progress report (required for a revisit)"},
	"page.visit.progress_hint":   {"近期跟踪情况、本次拜访目标、预计会遇到的问题（R4.2）。", "Recent tracking, the goal of this visit, the issues you expect (R4.2)."},
	"page.visit.submit":          {"提交经理审批", "Send to my manager"},
	"page.visit.planned":         {"拜访计划已提交经理审批", "The visit plan went to your manager"},
	"page.visit.departed_at":     {"出发（走访单）", "Left (visit slip)"},
	"page.visit.expected_return": {"预计返回", "Expected back"},
	"page.visit.returned_at":     {"返回时间", "Back at"},
	"page.visit.report_due":      {"报告截止", "Report due"},
	"page.visit.depart":          {"登记出发", "Record departure"},
	"page.visit.return":          {"登记返回", "Record return"},
	"page.visit.done_depart":     {"已登记出发", "Departure recorded"},
	"page.visit.done_return":     {"已登记返回", "Return recorded"},
	"page.visit.report":          {"拜访报告", "Visit report"},
	"page.visit.late":            {"逾期", "Late"},
	"page.visit.met_name":        {"接待人姓名", "Person met"},
	"page.visit.met_title":       {"职务", "Title"},
	"page.visit.decides":         {"是否决策人", "Decision maker"},
	"page.visit.notes":           {"会谈记录", "Notes"},
	"page.visit.needs":           {"客户需求与问题", "Needs and problems"},
	"page.visit.file_report":     {"提交报告", "File the report"},
	"page.visit.reported":        {"拜访报告已提交", "Visit report filed"},
	"page.yes":                   {"是", "Yes"},
	"page.no":                    {"否", "No"},
	"page.board.intro":           {"今天获批的拜访：出发时登记走访单，返回时登记。", "Today's approved visits: record the slip when they leave and the return when they are back."},
	"page.board.empty":           {"今天没有获批的拜访。", "No approved visits today."},

	"page.activity.period":       {"%v 至 %v，%v 个工作日", "%v to %v, %v working days"},
	"page.activity.from":         {"从", "From"},
	"page.activity.to":           {"到", "To"},
	"page.activity.show":         {"查看", "Show"},
	"page.activity.records":      {"每工作日新客户（目标 %v）", "New records a working day (target %v)"},
	"page.activity.visits":       {"每周拜访（目标 %v）", "Visits a week (target %v)"},
	"page.activity.late_entries": {"逾期录入", "Late entries"},
	"page.activity.late_reports": {"逾期报告", "Late reports"},
	"page.activity.late_returns": {"未按时返回", "Late returns"},
	"page.activity.team":         {"团队（人均）", "Team (per person)"},
}

func init() {
	for k, v := range visitPageMessages {
		messages[k] = v
	}
}
