package api

// The admin pages' texts (users, rate card, calendar), the signed
// contracts list, the Temporal links, and the field messages the admin
// forms added to the API; merged into the one catalogue like pageMessages.
func init() {
	for k, v := range adminPageMessages {
		messages[k] = v
	}
}

var adminPageMessages = map[string]message{
	"field.username_taken":    {"用户名已被使用", "is taken"},
	"field.code_taken":        {"产品编码已存在", "exists already"},
	"field.manager_self":      {"不能把用户设为自己的经理", "cannot be the user themselves"},
	"field.own_admin_role":    {"不能取消自己的管理员角色", "you cannot remove your own admin role"},
	"field.own_account":       {"不能停用自己的账号", "you cannot deactivate your own account"},
	"field.contract_status":   {"不是有效的合同状态", "is not a contract status"},
	"field.product_withdrawn": {"此产品已停售，不能用于新方案", "is withdrawn from the rate card"},

	"page.temporal.workflow": {"流程", "Workflow"},
	"page.temporal.open":     {"在 Temporal 中查看", "Open in Temporal"},

	"page.nav.signed_contracts": {"已签合同", "Signed contracts"},
	"page.nav.admin_users":      {"用户", "Users"},
	"page.nav.admin_products":   {"价目表", "Rate card"},
	"page.nav.admin_calendar":   {"工作日历", "Calendar"},

	"page.admin.users_title":       {"用户", "Users"},
	"page.admin.users_intro":       {"公司的账号、角色、上级经理和价格权限（R5.3）。停用的账号无法登录。", "The company's accounts, their roles, manager and pricing authority (R5.3). Inactive accounts cannot sign in."},
	"page.admin.name":              {"姓名", "Name"},
	"page.admin.product_name":      {"名称", "Name"}, // a product's, not a person's (姓名)
	"page.admin.roles":             {"角色", "Roles"},
	"page.admin.manager":           {"上级经理", "Manager"},
	"page.admin.no_manager":        {"无", "None"},
	"page.admin.authority":         {"价格权限（%）", "Discount authority (%)"},
	"page.admin.authority_col":     {"价格权限", "Authority"},
	"page.admin.authority_hint":    {"销售人员可自行给出的最大折扣（低于目录价的百分比）；超出须市场总监同意（R5.3）。", "The largest discount off list price the salesperson may grant on their own; beyond it the marketing director must consent (R5.3)."},
	"page.admin.active":            {"启用", "Active"},
	"page.admin.inactive":          {"已停用", "Inactive"},
	"page.admin.edit":              {"修改", "Edit"},
	"page.admin.user_new":          {"新增用户", "Add a user"},
	"page.admin.user_create":       {"新增用户", "Add user"},
	"page.admin.user_title":        {"用户 · %v", "User · %v"},
	"page.admin.since":             {"创建于 %v", "since %v"},
	"page.admin.user_active":       {"账号启用（可以登录）", "Active (may sign in)"},
	"page.admin.new_password":      {"新密码", "New password"},
	"page.admin.new_password_hint": {"留空则不修改密码。", "Leave empty to keep the current password."},
	"page.admin.save":              {"保存", "Save"},
	"page.admin.cancel":            {"返回", "Back"},
	"page.admin.user_created":      {"用户已新增", "User added"},
	"page.admin.user_saved":        {"用户已保存", "User saved"},

	"page.admin.products_title":    {"价目表", "Rate card"},
	"page.admin.products_intro":    {"广告位和服务的目录价。合同的价格是否低于价格权限，按写入时的目录价判断（R5.3）。", "List prices of ad placements and services. Whether a contract price is below authority is judged against the list price when the line was written (R5.3)."},
	"page.admin.code":              {"编码", "Code"},
	"page.admin.unit":              {"单位", "Unit"},
	"page.admin.unit_hint":         {"如 天、周、月", "e.g. day, week, month"},
	"page.admin.offered":           {"在售", "Offered"},
	"page.admin.withdrawn":         {"已停售", "Withdrawn"},
	"page.admin.no_products":       {"价目表还是空的。", "The rate card is empty."},
	"page.admin.product_new":       {"新增产品", "Add a product"},
	"page.admin.product_create":    {"新增产品", "Add product"},
	"page.admin.list_price_yuan":   {"目录价（元）", "List price (yuan)"},
	"page.admin.product_title":     {"产品 · %v", "Product · %v"},
	"page.admin.updated":           {"更新于 %v", "updated %v"},
	"page.admin.price_change_hint": {"新目录价只用于之后写入的方案和合同行；已写入的行保留原目录价。", "The new list price applies to lines written from now on; lines already written keep theirs."},
	"page.admin.product_active":    {"在售（新方案可选）", "Offered (may be chosen for new lines)"},
	"page.admin.product_created":   {"产品已新增", "Product added"},
	"page.admin.product_saved":     {"产品已保存", "Product saved"},

	"page.admin.calendar_title":   {"工作日历", "Working-day calendar"},
	"page.admin.calendar_intro":   {"在法定节假日和调休之外，单独指定某天上班或休息。之后计算的工作日期限按此执行（R1.3、R1.4）。", "Make a day a working day or a day off whatever the statutory calendar says. Working-day deadlines counted afterwards follow it (R1.3, R1.4)."},
	"page.admin.overrides":        {"已设置的日期", "Days set"},
	"page.admin.date":             {"日期", "Date"},
	"page.admin.statutory":        {"法定", "Statutory"},
	"page.admin.override":         {"设为", "Set to"},
	"page.admin.note":             {"说明", "Note"},
	"page.admin.set_by":           {"设置人", "Set by"},
	"page.admin.working_day":      {"工作日", "Working day"},
	"page.admin.day_off":          {"休息日", "Day off"},
	"page.admin.remove":           {"删除", "Remove"},
	"page.admin.remove_day":       {"删除 %v 的设置", "Remove the setting of %v"},
	"page.admin.no_overrides":     {"没有单独设置的日期，全部按法定日历。", "No day is set: the statutory calendar holds throughout."},
	"page.admin.override_new":     {"设置日期", "Set a day"},
	"page.admin.override_hint":    {"同一天再次设置会覆盖原设置；每次设置都记入审计记录。", "Setting a day again replaces its setting; every change is audited."},
	"page.admin.choose_working":   {"请选择工作日或休息日", "choose working day or day off"},
	"page.admin.calendar_saved":   {"日期已设置", "Day set"},
	"page.admin.calendar_removed": {"已删除，该日按法定日历", "Removed: the statutory calendar holds for that day"},

	"page.weekday.0": {"周日", "Sun"},
	"page.weekday.1": {"周一", "Mon"},
	"page.weekday.2": {"周二", "Tue"},
	"page.weekday.3": {"周三", "Wed"},
	"page.weekday.4": {"周四", "Thu"},
	"page.weekday.5": {"周五", "Fri"},
	"page.weekday.6": {"周六", "Sat"},

	"page.signed.title":     {"已签合同", "Signed contracts"},
	"page.signed.intro":     {"公司与客户双方均已签署的合同（R5.5），最近签署的在前。", "Contracts both the company and the customer have signed (R5.5), the most recent first."},
	"page.signed.signed_at": {"签署完成", "Signed"},
	"page.signed.empty":     {"还没有双方签署的合同。", "No contract is signed by both parties yet."},
}
