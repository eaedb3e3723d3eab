package api

// inputMessages are the texts of input refused at the door (issue 11): the
// strict JSON decoder, the text rule, date ranges, filters, the
// Idempotency-Key binding and the CSV file's encoding; merged into the
// catalogue at start-up.
var inputMessages = map[string]message{
	"problem.too_large":            {"请求体过大", "Request body too large"},
	"detail.body_too_large":        {"请求体不能超过 %v MiB。", "The request body must be at most %v MiB."},
	"detail.csv_too_large":         {"CSV 文件不能超过 %v MiB，请拆分后分批导入。", "The CSV file must be at most %v MiB; split it and import the parts."},
	"detail.invalid_input":         {"某个值无法保存（例如含空字符，或日期超出范围）。", "A value cannot be stored (such as a NUL character or a date out of range)."},
	"problem.idempotency_reused":   {"Idempotency-Key 已用于另一个请求", "Idempotency-Key used for a different request"},
	"detail.idempotency_reused":    {"此 Idempotency-Key 已用于同一地址的另一个请求（请求体不同）。重试请发送完全相同的请求；新的请求请使用新的键。", "This Idempotency-Key was used for a different request to the same address (another body). Retry with exactly the same request, or use a new key for a new request."},
	"detail.idempotency_key_chars": {"Idempotency-Key 只能包含可打印的 ASCII 字符。", "Idempotency-Key must be printable ASCII."},
	"detail.csv_encoding":          {"文件既不是 UTF-8，也不像 GB18030/GBK 编码的中文（例如 Latin-1 编码）。请另存为 UTF-8 后重新上传。", "The file is neither UTF-8 nor plausible GB18030/GBK Chinese (it may be Latin-1). Save it as UTF-8 and upload it again."},
	"import.row_failed":            {"因服务器故障未能登记；请用相同的 Idempotency-Key 重新上传同一文件，已登记的行不会重复。", "Not recorded because of a fault on our side; send the same file again with the same Idempotency-Key (rows already recorded are not recorded twice)."},
	"page.import.failed":           {"出错，未登记（%v）", "Not recorded because of a fault (%v)"},
	"page.import.about_failed":     {"原因", "Reason"},
	"page.import.col.row":          {"本行", "Row"},
	"field.json_empty":             {"请求体为空，应为一个 JSON 对象", "the body is empty; one JSON object is expected"},
	"field.json_syntax":            {"不是有效的 JSON（约第 %v 字节处）", "is not valid JSON (near byte %v)"},
	"field.json_trailing":          {"JSON 对象之后还有内容（自第 %v 字节起）；只能发送一个对象", "has more after the JSON object (from byte %v); send exactly one object"},
	"field.json_duplicate":         {"字段出现了不止一次", "is given more than once"},
	"field.json_unknown":           {"不是此请求的字段（字段名区分大小写）", "is not a field of this request (names are case-sensitive)"},
	"field.json_string":            {"应为文本（JSON 字符串）", "must be text (a JSON string)"},
	"field.json_bool":              {"应为 true 或 false", "must be true or false"},
	"field.json_integer":           {"应为 %v 到 %v 之间的整数（不带小数）", "must be a whole number from %v to %v"},
	"field.json_number":            {"应为数字", "must be a number"},
	"field.json_list":              {"应为列表（JSON 数组）", "must be a list (a JSON array)"},
	"field.json_object":            {"应为对象（JSON 对象）", "must be an object (a JSON object)"},
	"field.invalid_utf8":           {"不是有效的 UTF-8 文本", "is not valid UTF-8 text"},
	"field.nul":                    {"不能包含空字符（U+0000）", "must not contain the NUL character (U+0000)"},
	"field.single_line":            {"只能是一行，不能换行", "must be a single line"},
	"field.control_char":           {"不能包含控制字符 %v", "must not contain the control character %v"},
	"field.bidi_control":           {"不能包含改变文字方向的控制字符 %v", "must not contain the text-direction control %v"},
	"field.password_too_long":      {"密码不能超过 %v 字节", "must be at most %v bytes"},
	"field.date_range":             {"日期应在 %v 至 %v 之间", "must be a date from %v to %v"},
	"field.time_range":             {"时间应在 %v 至 %v 之间（北京时间）", "must be a time from %v to %v (Beijing time)"},
	"field.visit_too_long":         {"一次走访最长 %v 小时", "a visit lasts at most %v hours"},
	"field.delegation_too_long":    {"授权期限最长 %v 天", "a delegation lasts at most %v days"},
	"field.price_range":            {"价格（分）应在 0 到 %v 之间", "price (fen) must be from 0 to %v"},
	"field.total_too_large":        {"各项合计金额过大", "the items add up to more than can be recorded"},
	"field.free_revisions_range":   {"免费修改次数应在 0 到 %v 之间", "must be from 0 to %v"},
	"field.status":                 {"未知状态，可选：%v", "is not a known status; one of: %v"},
}

func init() {
	for id, m := range inputMessages {
		messages[id] = m
	}
}
