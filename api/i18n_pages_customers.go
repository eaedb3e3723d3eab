package api

// The customer pages' texts (R1.1 channels, R4.1 classes), merged into the
// catalogue at start-up.
func init() {
	for k, v := range customerPageMessages {
		messages[k] = v
	}
}

var customerPageMessages = map[string]message{
	"page.nav.customers":                {"客户", "Customers"},
	"page.customers.title":              {"客户", "Customers"},
	"page.customers.new":                {"录入新客户", "New customer"},
	"page.customers.search":             {"按公司名称或电话查找", "Find by company name or phone"},
	"page.customers.search_button":      {"查找", "Find"},
	"page.customers.empty":              {"没有找到客户。", "No customers found."},
	"page.customer.name":                {"公司名称", "Company name"},
	"page.customer.class":               {"客户类别", "Class"},
	"page.customer.channel":             {"来源渠道", "Channel"},
	"page.customer.choose_channel":      {"请选择来源渠道", "Choose a channel"},
	"page.customer.collected_on":        {"收集日期", "Collected on"},
	"page.customer.entered_at":          {"录入时间", "Entered"},
	"page.customer.phone":               {"电话", "Phone"},
	"page.customer.email":               {"邮箱", "Email"},
	"page.customer.address":             {"地址", "Address"},
	"page.customer.industry":            {"行业", "Industry"},
	"page.customer.needs":               {"客户需求", "Needs"},
	"page.customer.notes":               {"备注", "Notes"},
	"page.customer.pool":                {"客户池（未分配）", "Unassigned pool"},
	"page.customer.contact_due":         {"联系截止", "Contact by"},
	"page.customer.contacted_at":        {"已联系", "Contacted"},
	"page.customer.contacts":            {"联系人", "Contacts"},
	"page.customer.no_contacts":         {"尚未登记联系人。", "No contacts recorded."},
	"page.customer.contact_name":        {"联系人姓名", "Contact name"},
	"page.customer.contact_title":       {"职务", "Title"},
	"page.customer.decides":             {"决策人", "Decides"},
	"page.customer.decides_label":       {"此人有决策权", "This person decides"},
	"page.customer.first_contact":       {"联系人（可选）", "Contact (optional)"},
	"page.customer.save":                {"保存客户", "Save customer"},
	"page.customer.created":             {"客户已录入", "Customer recorded"},
	"page.channel.trade_show":           {"行业展览会", "Trade show"},
	"page.channel.trade_press":          {"行业报刊", "Trade press"},
	"page.channel.internet":             {"互联网", "Internet"},
	"page.channel.industry_association": {"行业协会介绍", "Industry association"},
	"page.channel.mall_brand_listing":   {"商场品牌摘抄", "Mall brand listing"},
	"page.channel.partner_referral":     {"合作伙伴介绍", "Partner referral"},
	"page.channel.company_data":         {"公司已有的数据", "Company data"},
	"page.channel.competitor_media":     {"竞争媒体", "Competitor media"},
	"page.channel.marketing_event":      {"公司营销活动", "Company marketing event"},
	"page.class.signed":                 {"签约客户", "Signed"},
	"page.class.intent_signed":          {"意向书签订客户", "Letter of intent"},
	"page.class.key":                    {"重点客户", "Key"},
	"page.class.progressing":            {"进展客户", "Progressing"},
	"page.class.potential":              {"潜在客户", "Potential"},
	"page.class.tracking":               {"跟踪客户", "Tracking"},
}
