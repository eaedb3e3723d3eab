package api

// customerMessages are the texts of the customer registry (R1, R2), the
// working-day calendar and the contact deadline (R2.5), merged into the
// catalogue at start-up.
var customerMessages = map[string]message{
	"problem.duplicate_customer": {"该客户已有人登记", "This customer is already recorded"},
	"detail.duplicate_customer": {"该客户已由 %v 先行登记，按规定归其负责。如有争议请联系销售经理。",
		"This customer was recorded first and belongs to %v. Ask your sales manager about any dispute."},
	"detail.duplicate_pool":   {"客户池（尚未分配）", "the unassigned pool"},
	"problem.not_team_member": {"只能分配给本团队的销售人员", "Only your own team's salespeople can be assigned"},
	"detail.not_team_member":  {"%v 不是您团队中的在职销售人员。", "%v is not an active salesperson on your team."},
	"problem.malformed_csv":   {"CSV 文件无法读取", "The CSV file cannot be read"},
	"detail.malformed_csv":    {"请上传带表头的 CSV 文件（UTF-8 或 GBK 编码）：%v", "Upload a CSV file with a header row, in UTF-8 or GBK: %v"},
	"detail.csv_no_name":      {"表头缺少“公司名称”（name）列", "the header has no 公司名称 (name) column"},
	"detail.csv_empty":        {"文件为空", "the file is empty"},
	"detail.csv_too_many":     {"一次最多导入 %v 行", "at most %v rows per import"},
	"detail.csv_syntax":       {"第 %v 行格式错误", "line %v is not valid CSV"},
	"detail.no_candidates":    {"没有可分配的销售人员（权重须大于 0）。", "There is no salesperson to assign to (weights must be above 0)."},
	"detail.already_owner":    {"该客户已归此人负责，或归属已变更。", "The customer already belongs to this person, or its ownership changed meanwhile."},
	"field.company_name":      {"必须包含公司名称本身，而不只是“有限公司”等后缀", "must name the company, not only a legal form such as Co., Ltd."},
	"field.phone":             {"电话号码至少需要 5 位数字", "a phone number needs at least 5 digits"},
	"field.email":             {"邮箱格式不正确", "is not an email address"},
	"field.class":             {"必须是 signed、intent_signed、key、progressing、potential 或 tracking", "must be signed, intent_signed, key, progressing, potential or tracking"},
	"field.interaction_kind":  {"必须是 phone、fax、email、post、website 或 visit", "must be phone, fax, email, post, website or visit"},
	"field.too_many":          {"不能超过 %v 项", "must have at most %v entries"},
	"field.not_visible":       {"客户不存在或您无权分配", "no such customer, or not yours to assign"},
	"field.weight":            {"权重必须是 0 到 100 之间的数", "a weight is a number from 0 to 100"},
	"field.contact_decision":  {"必须是 extend 或 reassign", "must be extend or reassign"},
	"field.extension_days":    {"延期天数必须是 1 到 30", "must be 1 to 30 days"},
	"field.working":           {"必须填写 true 或 false", "must be true or false"},
	"field.owner_required":    {"请选择新的负责人", "choose the new owner"},
	"field.reason_required":   {"请填写原因", "give a reason"},
}

func init() {
	for id, m := range customerMessages {
		messages[id] = m
	}
}
