package api

// visitMessages are the texts of visits (R3.5–R3.8, R4.2), notifications
// and reports, merged into the catalogue at start-up.
var visitMessages = map[string]message{
	"problem.not_visit_owner":          {"只有客户的负责人才能为其安排拜访", "Only the customer's owner can plan a visit to it"},
	"problem.progress_report_required": {"回访前需要先提交进展报告", "A revisit needs a progress report first"},
	"detail.progress_report_required":  {"该客户此前已拜访过 %v 次。回访前请报告近期跟踪进展、本次拜访的目标和预计会遇到的问题（R4.2）。", "This customer has been visited %v time(s) before. Before a revisit, report the recent progress, the goal of this visit and the issues you expect (R4.2)."},
	"problem.not_a_decision":           {"此任务无需审批", "This task takes no decision"},
	"detail.visit_alert":               {"这是拜访提醒：销售人员返回或提交拜访报告后会自动关闭。", "This is a visit alert; it closes when the salesperson returns or files the report."},
	"field.progress_report":            {"回访必须填写进展报告：近期跟踪情况、拜访目标、预计问题", "a revisit needs a progress report: recent tracking, the visit's goal, expected issues"},
	"field.return_after_start":         {"计划返回时间必须晚于出发时间", "must be after planned_start"},
	"field.return_in_past":             {"返回时间必须晚于现在", "must be in the future"},
	"field.period":                     {"结束日期不能早于开始日期，且期间不超过一年", "must not be before from, and the period at most a year"},
}

func init() {
	for id, m := range visitMessages {
		messages[id] = m
	}
}
