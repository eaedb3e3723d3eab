package api

// contractMessages are the texts of the contract loop (F2, R5) and
// delegations, merged into the catalogue at start-up.
var contractMessages = map[string]message{
	"problem.no_service_terms":  {"合同未写明服务条款", "The contract states no service terms"},
	"detail.no_service_terms":   {"提交审批前，合同必须写明是否含免费修改换画（次数），或服务如何收费（R5.1）。", "Before approval the contract must state the free artwork changes/revisions included, or how service is charged (R5.1)."},
	"detail.contract_closed":    {"该合同已签署，不能再更改。", "This contract is signed and can no longer change."},
	"field.service_terms":       {"必须填写免费修改换画次数，或服务收费说明", "state free_revisions or a service_fee description"},
	"field.service_terms_shape": {"免费修改次数（不小于 0）与服务收费说明只能二选一", "give either free_revisions (≥ 0) or service_fee, not both"},
	"field.ends_before_starts":  {"结束日期不能早于开始日期", "must not be before starts_on"},
	"field.signer_role":         {"必须是 company 或 customer", "must be company or customer"},
	"field.signatory_name":      {"客户签署时必须填写客户签字人姓名", "the customer signatory's name is required"},
	"field.timestamp":           {"时间格式应为 RFC 3339，例如 2026-12-01T09:00:00+08:00", "must be an RFC 3339 time such as 2026-12-01T09:00:00+08:00"},
	"field.ends_after_starts":   {"结束时间必须晚于开始时间", "must be after starts_at"},
	"field.ends_in_past":        {"结束时间必须晚于现在", "must be in the future"},
	"field.unknown_user":        {"用户不存在", "no such user"},
	"field.self_delegation":     {"不能授权给自己", "cannot delegate to yourself"},
	"detail.delegation_role":    {"只有市场总监或公司审批人可以授权他人代为审批或签署。", "Only a marketing director or company approver can authorise a delegate."},
}

func init() {
	for id, m := range contractMessages {
		messages[id] = m
	}
}
