package api

// sessionMessages are the texts of sign-in throttling, cross-site refusals
// and a person's own sessions (issue 11, points 8–10), merged into the
// catalogue at start-up.
var sessionMessages = map[string]message{
	"problem.too_many_attempts":        {"登录尝试次数过多", "Too many sign-in attempts"},
	"detail.too_many_attempts_seconds": {"请 %v 秒后再试。", "Try again in %v seconds."},
	"detail.too_many_attempts_minutes": {"为保护账号，登录已暂停，请 %v 分钟后再试，或请管理员解除锁定。", "Sign-in is paused to protect the account: try again in %v minutes, or ask an administrator to lift the lock."},
	"problem.cross_origin":             {"拒绝来自其他网站的请求", "Request from another site refused"},
	"detail.cross_origin":              {"凭会话 Cookie 的写操作只能来自本站页面；API 客户端请使用 Authorization: Bearer 令牌。", "A write signed in by the session cookie must come from this site's own pages; API clients send an Authorization: Bearer token."},
	"problem.not_json":                 {"不支持的内容类型", "Unsupported content type"},
	"detail.not_json":                  {"请求体须声明为 JSON（Content-Type: application/json）；客户导入也接受 text/csv。", "The body must be declared JSON (Content-Type: application/json); the customer import also takes text/csv."},
	"field.current_password":           {"当前密码不正确", "is not your current password"},
	"page.nav.account_sessions":        {"我的会话", "My sessions"},
	"page.sessions.title":              {"我的会话与密码", "My sessions and password"},
	"page.sessions.intro":              {"以下是您当前登录的设备。不认识的会话请立即结束，并修改密码。", "These are the devices you are signed in on. End any session you do not recognise, and change your password."},
	"page.sessions.created":            {"登录时间", "Signed in"},
	"page.sessions.last_used":          {"最近使用", "Last used"},
	"page.sessions.client":             {"地址", "Address"},
	"page.sessions.agent":              {"浏览器 / 客户端", "Browser / client"},
	"page.sessions.current":            {"当前会话", "This session"},
	"page.sessions.end":                {"结束会话", "End session"},
	"page.sessions.ended":              {"会话已结束", "Session ended"},
	"page.sessions.unknown":            {"未知", "unknown"},
	"page.sessions.password_title":     {"修改密码", "Change password"},
	"page.sessions.password_hint":      {"修改后，所有设备上的会话（包括本会话）都会结束，本浏览器将自动重新登录。", "After the change every session on every device ends, this one too; this browser is signed in again at once."},
	"page.sessions.current_password":   {"当前密码", "Current password"},
	"page.sessions.new_password":       {"新密码（至少 8 位）", "New password (at least 8 characters)"},
	"page.sessions.change":             {"修改密码", "Change password"},
	"page.sessions.password_changed":   {"密码已修改，其他会话已全部结束", "Password changed; every other session has ended"},
	"page.throttles.title":             {"登录锁定", "Sign-in locks"},
	"page.throttles.link":              {"查看登录锁定", "Sign-in locks"},
	"page.throttles.intro":             {"连续登录失败的账号与地址。账号失败 5 次后须等待，且每次加倍；失败 10 次锁定 15 分钟。同一地址失败 20 次后须等待，100 次锁定 15 分钟。成功登录清零该账号的计数。", "Accounts and addresses with failed sign-ins. After 5 failures an account waits before each attempt, twice as long each time; 10 failures lock it for 15 minutes. An address waits after 20 failures and is locked after 100. A successful sign-in clears the account's count."},
	"page.throttles.none":              {"目前没有登录失败记录。", "No failed sign-ins at the moment."},
	"page.throttles.scope":             {"对象", "Counted by"},
	"page.throttles.scope_account":     {"账号", "account"},
	"page.throttles.scope_source":      {"地址", "address"},
	"page.throttles.key":               {"用户名 / 地址", "Username / address"},
	"page.throttles.failures":          {"失败次数", "Failures"},
	"page.throttles.last_attempt":      {"最近尝试", "Last attempt"},
	"page.throttles.blocked_until":     {"等待至", "Waits until"},
	"page.throttles.locked":            {"已锁定", "locked"},
	"page.throttles.clear":             {"解除", "Clear"},
	"page.throttles.cleared":           {"已解除，可立即再次登录", "Cleared: sign-in is open again at once"},
}

func init() {
	for id, m := range sessionMessages {
		messages[id] = m
	}
}
