package api

// The texts of the customer import page (R1.1, R2.2) and the sales
// manager's pool page (R2.3, R2.4, R2.6), merged into the one catalogue
// like pageMessages.
func init() {
	for k, v := range customerToolPageMessages {
		messages[k] = v
	}
}

var customerToolPageMessages = map[string]message{
	"page.nav.import": {"导入客户", "Import customers"},
	"page.nav.pool":   {"客户池", "Customer pool"},

	"page.import.title":             {"导入客户", "Import customers"},
	"page.import.intro":             {"上传 CSV 文件一次登记多个客户；每行按单个登记的规则检查和查重（R2.2）。", "Upload a CSV file to record many customers at once; each row is checked and de-duplicated like a single record (R2.2)."},
	"page.import.file":              {"CSV 文件", "CSV file"},
	"page.import.hint":              {"UTF-8 或 GBK 编码，第一行为表头，中英文列名均可：公司名称（必填）、渠道、收集日期、电话、地址、行业、需求、备注、联系人、职务。", "UTF-8 or GBK, a header row in Chinese or English: name (required), channel, collected_on, phone, address, industry, needs, notes, contact, title."},
	"page.import.upload":            {"上传并导入", "Upload and import"},
	"page.import.choose_file":       {"请选择要上传的 CSV 文件", "choose the CSV file to upload"},
	"page.import.too_large":         {"文件不能超过 %v MB", "the file must be at most %v MB"},
	"page.import.created":           {"已登记（%v）", "Recorded (%v)"},
	"page.import.duplicate":         {"重复，未登记（%v）", "Duplicates, not recorded (%v)"},
	"page.import.duplicate_hint":    {"这些客户已有人先行登记，按规定归先登记者负责（R2.2）。如有争议请联系销售经理。", "These customers were recorded first by someone else and stay theirs (R2.2). Ask your sales manager about any dispute."},
	"page.import.invalid":           {"有误，未登记（%v）", "Invalid, not recorded (%v)"},
	"page.import.row":               {"行号", "Line"},
	"page.import.about":             {"说明", "About"},
	"page.import.about_created":     {"提示", "Note"},
	"page.import.similar":           {"已有名称相近的客户，负责人：", "A similar name is on record, owned by: "},
	"page.import.about_duplicate":   {"负责人", "Owner"},
	"page.import.pool":              {"客户池（尚未分配）", "The unassigned pool"},
	"page.import.about_invalid":     {"原因", "Reasons"},
	"page.import.reason":            {"%v：%v", "%v: %v"},
	"page.import.col.name":          {"公司名称", "Company"},
	"page.import.col.channel":       {"渠道", "Channel"},
	"page.import.col.collected_on":  {"收集日期", "Collected on"},
	"page.import.col.phone":         {"电话", "Phone"},
	"page.import.col.address":       {"地址", "Address"},
	"page.import.col.industry":      {"行业", "Industry"},
	"page.import.col.needs":         {"需求", "Needs"},
	"page.import.col.notes":         {"备注", "Notes"},
	"page.import.col.contact_name":  {"联系人", "Contact"},
	"page.import.col.contact_title": {"职务", "Title"},

	"page.pool.title":        {"客户池", "Customer pool"},
	"page.pool.intro":        {"尚未分配负责人的客户（如营销活动收集的线索）。可逐个分配，或按能力权重平衡分配给团队的销售人员（R2.4、R2.6）。", "Customers with no owner yet, such as marketing-event leads. Assign them one by one, or balanced over your team by ability (R2.4, R2.6)."},
	"page.pool.empty":        {"客户池是空的。", "The pool is empty."},
	"page.pool.more":         {"下一页", "Next page"},
	"page.pool.select":       {"选择", "Select"},
	"page.pool.select_one":   {"选择 %v", "Select %v"},
	"page.pool.entered":      {"登记时间", "Entered"},
	"page.pool.assign_one":   {"分配", "Assign"},
	"page.pool.owner":        {"负责人", "Owner"},
	"page.pool.choose":       {"选择销售人员", "Choose a salesperson"},
	"page.pool.reason":       {"原因", "Reason"},
	"page.pool.assign":       {"分配", "Assign"},
	"page.pool.assigned":     {"已将 %v 分配给 %v", "%v is now %v's"},
	"page.pool.plan":         {"平衡分配", "Balanced assignment"},
	"page.pool.plan_hint":    {"勾选上面的客户，按能力填写权重（默认 1，填 0 表示不参与，如请假），先预览再执行。", "Tick customers above, set each salesperson's ability weight (1 by default, 0 leaves them out, e.g. on leave), preview, then apply."},
	"page.pool.salesperson":  {"销售人员", "Salesperson"},
	"page.pool.load":         {"当前负责客户数", "Open customers now"},
	"page.pool.weight":       {"能力权重", "Ability weight"},
	"page.pool.weight_of":    {"%v 的能力权重", "%v's ability weight"},
	"page.pool.no_team":      {"您的团队中没有在职的销售人员。", "Your team has no active salesperson."},
	"page.pool.preview":      {"预览分配方案", "Preview the plan"},
	"page.pool.apply":        {"执行分配", "Apply"},
	"page.pool.proposed":     {"分配方案（预览）", "Proposed assignment (preview)"},
	"page.pool.gets":         {"本次分得", "Gets"},
	"page.pool.after":        {"分配后", "Afterwards"},
	"page.pool.customers":    {"客户", "Customers"},
	"page.pool.apply_hint":   {"确认无误后点击“执行分配”。", "If it looks right, press Apply."},
	"page.pool.applied":      {"已按方案分配 %v 位客户", "%v customers assigned by the plan"},
	"page.pool.applied_each": {"%v %v 位", "%v: %v"},
	"page.pool.sep":          {"、", ", "},
}
