package api

// customerCareMessages are the texts of hard customers (R3.4), the class
// history (R4.1), the guidance notes and the pipeline page (R4.1, R4.3),
// merged into the catalogue at start-up.
var customerCareMessages = map[string]message{
	"problem.not_owner":          {"只有客户负责人可以这样做", "Only the customer's owner can do this"},
	"detail.not_owner":           {"只有负责该客户的销售人员可以将其上报为大客户或难点客户。", "Only the salesperson who owns the customer can escalate it as large or difficult."},
	"problem.no_manager":         {"您没有销售经理", "You have no sales manager"},
	"detail.no_manager":          {"上报需要一位销售经理共同制定方案，请联系管理员设置您的经理。", "An escalation needs a sales manager to plan with; ask an admin to set your manager."},
	"problem.hard_customer_open": {"该客户已在等待经理答复", "This customer already awaits the manager's answer"},
	"detail.hard_customer_open":  {"此前的上报尚未答复，请等待经理的方案。", "An earlier escalation is still open; wait for the manager's plan."},

	"field.hard_plan_required":         {"批准时请填写共同的客户攻关方案", "approving needs the joint approach plan"},
	"field.class_reason_without_class": {"只有修改类别时才能填写类别变更原因", "a class reason goes with a class change"},

	"page.task_kind.hard_customer":   {"大客户/难点客户", "Hard customer"},
	"page.inbox.hard_reason":         {"上报原因：", "Why escalated:"},
	"page.inbox.hard_hint":           {"批准时在意见中写下共同的攻关方案；驳回表示不按难点客户处理。", "Approve with the joint approach plan as the comment; reject if it is not a hard customer."},
	"page.task_kind.weekly_check":    {"每周客户检查", "Weekly check"},
	"page.task_kind.contact_overdue": {"逾期未联系客户", "Contact overdue"},

	"page.nav.pipeline":         {"客户分类", "Pipeline"},
	"page.pipeline.intro":       {"按类别统计的客户数（R4.1），经理据此分配资源。", "Customers per class (R4.1); the manager allocates resources by them."},
	"page.pipeline.total":       {"合计", "Total"},
	"page.pipeline.team":        {"团队", "Team"},
	"page.class.signed":         {"签约客户", "Signed"},
	"page.class.intent_signed":  {"意向书签订客户", "Letter of intent"},
	"page.class.key":            {"重点客户", "Key"},
	"page.class.progressing":    {"进展客户", "Progressing"},
	"page.class.potential":      {"潜在客户", "Potential"},
	"page.class.tracking":       {"跟踪客户", "Tracking"},
	"page.nav.guidance":         {"每日指导", "Guidance"},
	"page.guidance.intro":       {"销售经理每天根据客户反馈和重点、难点客户的情况指导销售人员（R4.3）。", "Every day the sales manager guides each salesperson from their customers' feedback and the state of key and difficult customers (R4.3)."},
	"page.guidance.salesperson": {"销售人员", "Salesperson"},
	"page.guidance.note":        {"指导意见", "Guidance note"},
	"page.guidance.save":        {"保存指导", "Save the note"},
	"page.guidance.saved":       {"指导意见已保存", "The note is saved"},
	"page.guidance.empty":       {"还没有指导意见。", "No guidance notes yet."},
	"page.guidance.by":          {"%v 于 %v", "%v, %v"},
}

func init() {
	for id, m := range customerCareMessages {
		messages[id] = m
	}
}
