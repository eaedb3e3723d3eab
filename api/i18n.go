package api

import (
	"fmt"
	"strings"

	"github.com/gin-gonic/gin"
	"golang.org/x/text/language"
)

// Lang is a language the users read: Simplified Chinese (default) or English.
type Lang string

// Supported languages.
const (
	LangZH Lang = "zh-CN"
	LangEN Lang = "en"
)

var langMatcher = language.NewMatcher([]language.Tag{language.SimplifiedChinese, language.English})

// langCookie lets the web pages remember a language chosen by the switch.
const langCookie = "salesflow_lang"

// requestLang picks the language: the page's language cookie first, then
// Accept-Language, else Chinese.
func requestLang(c *gin.Context) Lang {
	if v, err := c.Cookie(langCookie); err == nil {
		if v == string(LangEN) {
			return LangEN
		}
		if v == string(LangZH) {
			return LangZH
		}
	}
	header := c.GetHeader("Accept-Language")
	if header == "" {
		return LangZH
	}
	tags, _, err := language.ParseAcceptLanguage(header)
	if err != nil || len(tags) == 0 {
		return LangZH
	}
	_, idx, conf := langMatcher.Match(tags...)
	if idx == 1 && conf != language.No {
		return LangEN
	}
	return LangZH
}

// message is one text in both languages; %v verbs take arguments.
type message struct{ zh, en string }

// T renders message id in lang; unknown ids fall back to the id itself so a
// missing translation is visible rather than silent.
func T(lang Lang, id string, args ...any) string {
	m, ok := messages[id]
	if !ok {
		return id
	}
	text := m.zh
	if lang == LangEN {
		text = m.en
	}
	if len(args) > 0 {
		return fmt.Sprintf(text, args...)
	}
	return text
}

// messages is the catalogue of every text a person reads from the API and
// the pages. Keys are stable; add both languages together.
var messages = map[string]message{
	// problem titles
	"problem.unauthenticated":    {"未登录或登录已失效", "Not signed in"},
	"problem.forbidden":          {"无权执行此操作", "Not allowed"},
	"problem.self_review":        {"不能审批自己提交的内容", "You cannot decide on your own work"},
	"problem.not_found":          {"未找到", "Not found"},
	"problem.conflict":           {"与当前状态冲突", "Conflicts with the current state"},
	"problem.task_decided":       {"该任务已处理", "This task has already been decided"},
	"problem.duplicate":          {"记录已存在", "Already exists"},
	"problem.validation":         {"输入有误", "Invalid input"},
	"problem.malformed":          {"请求格式错误", "Malformed request"},
	"problem.internal":           {"服务器内部错误", "Internal server error"},
	"problem.method_not_allowed": {"不支持此请求方法", "Method not allowed"},
	"problem.unavailable":        {"服务暂时不可用，请稍后重试", "Service temporarily unavailable; try again shortly"},
	"problem.still_running":      {"操作仍在处理中", "Still being carried out"},
	"detail.still_running":       {"操作未能在时限内完成，可能稍后生效。请使用相同的 Idempotency-Key 重试以获取结果，不会重复执行。", "The step did not finish in time and may still take effect. Repeat the request with the same Idempotency-Key to get its result; it will not be carried out twice."},
	"problem.bad_credentials":    {"用户名或密码错误", "Wrong username or password"},
	"problem.not_customer_owner": {"只有客户的负责人才能为其起草方案", "Only the customer's owner can draft proposals for it"},
	"problem.workflow_closed":    {"该流程已结束，不能再更改", "This process has ended and can no longer change"},
	"detail.unauthenticated":     {"请先登录。", "Sign in first."},
	"detail.forbidden_role":      {"此操作需要以下角色之一：%v。", "This needs one of the roles: %v."},
	"detail.forbidden":           {"您不能对此对象执行该操作。", "You may not do this to this object."},
	"detail.not_found":           {"%v 不存在，或您无权查看。", "%v does not exist or is not visible to you."},
	"detail.validation":          {"请修正标出的字段后重试。", "Correct the fields listed and try again."},
	"detail.malformed":           {"请求体不是有效的 JSON，或字段类型不对。", "The body is not valid JSON or a field has the wrong type."},
	"detail.internal":            {"请求未能完成，已记录错误。请稍后重试或联系管理员。", "The request could not be completed; the error was logged. Try again or contact an admin."},
	"detail.task_decided":        {"任务 %v 已被处理，不能再次决定。", "Task %v has already been decided."},
	"detail.duplicate_username":  {"用户名已被使用。", "That username is taken."},
	"detail.duplicate_product":   {"产品编码已存在。", "That product code exists already."},
	"detail.self_review":         {"方案或合同的作者不能审批自己的提交。", "The author of a proposal or contract can never approve it."},
	"detail.state_conflict":      {"当前状态不允许此操作：%v", "Not possible in the current state: %v"},
	"detail.workflow_closed":     {"客户已接受该方案，方案不能再修改。", "The customer accepted this proposal; it can no longer change."},
	"detail.not_customer_owner":  {"客户 %v 不归您负责。", "Customer %v is not yours."},
	"detail.bad_credentials":     {"请检查用户名和密码。", "Check the username and password."},
	"detail.idempotency_key":     {"Idempotency-Key 最长 200 个字符。", "Idempotency-Key is at most 200 characters."},
	// field messages
	"field.required":         {"必填", "is required"},
	"field.too_long":         {"不能超过 %v 个字符", "must be at most %v characters"},
	"field.out_of_range":     {"超出允许范围", "is out of range"},
	"field.quantity":         {"数量必须是 1 到 1000000 之间的整数", "quantity must be a whole number from 1 to 1,000,000"},
	"field.unit_price_fen":   {"单价（分）不能为负数", "unit price (fen) must not be negative"},
	"field.items_empty":      {"至少需要一个项目", "needs at least one item"},
	"field.items_too_many":   {"项目不能超过 %v 个", "must have at most %v items"},
	"field.unknown_product":  {"价目表中没有此产品", "is not on the rate card"},
	"field.unknown_customer": {"客户不存在", "no such customer"},
	"field.decision":         {"必须是 approve 或 reject", "must be approve or reject"},
	"field.reject_comment":   {"驳回时必须填写意见", "a rejection needs a comment"},
	"field.channel":          {"不是有效的客户来源渠道", "is not a valid channel"},
	"field.date":             {"日期格式应为 YYYY-MM-DD", "must be a date as YYYY-MM-DD"},
	"field.future_date":      {"不能晚于今天", "cannot be in the future"},
	"field.role":             {"未知角色", "unknown role"},
	"field.username":         {"只能包含小写字母、数字和 _ . -，2 到 64 个字符", "2 to 64 of a-z, 0-9, _ . -"},
	"field.password":         {"密码至少 8 个字符", "must be at least 8 characters"},
	"field.manager":          {"经理不存在", "no such manager"},
	"field.percent":          {"必须在 0 到 100 之间", "must be from 0 to 100"},
	"field.price":            {"价格（分）不能为负数", "price (fen) must not be negative"},
}

// joinRoles renders roles for a message.
func joinRoles(roles ...string) string { return strings.Join(roles, ", ") }
