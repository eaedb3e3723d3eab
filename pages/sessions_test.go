package pages

import (
	"testing"
	"time"

	"salesflow/i18n"
	"salesflow/pages/site"
	"salesflow/pages/site/sitetest"
	"salesflow/policy"
	"salesflow/store"
	"salesflow/web"
)

// TestSessionPageTemplates renders the sessions page and the sign-in
// locks page in both languages with what a person would see: which
// session is this one, the form to end each, the password form with its
// message, and a lock with its clear button.
func TestSessionPageTemplates(t *testing.T) {
	view, err := web.New(web.Options{Location: policy.Shanghai})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2025, 3, 3, 1, 30, 0, 0, time.UTC)
	user := &store.User{ID: "u-1", Username: "sales1", Name: "王销", Roles: []string{"salesperson"}, Active: true}
	for _, lang := range []i18n.Lang{i18n.ZH, i18n.EN} {
		b := site.Base{Lang: string(lang), User: user, Problem: &site.Problem{Status: 422, Title: i18n.T(lang, "problem.validation"),
			Fields: map[string]string{"current_password": i18n.T(lang, "field.current_password")}}}
		sessions := accountSessionsPage{Base: b, Sessions: []accountSessionRow{
			{Session: store.Session{ID: "s-1", CreatedAt: now, LastUsedAt: now, ClientIP: "203.0.113.7", UserAgent: "Firefox/128"}, Current: true},
			{Session: store.Session{ID: "s-2", CreatedAt: now, LastUsedAt: now}}}}
		admin := site.Base{Lang: string(lang), User: &store.User{ID: "u-a", Name: "管理员", Roles: []string{"admin"}}}
		locks := adminThrottlesPage{Base: admin, Throttles: []adminThrottleRow{
			{LoginThrottle: store.LoginThrottle{ThrottleKey: store.ThrottleKey{Scope: "account", Key: "sales1"}, Failures: 10,
				LastAttemptAt: now, BlockedUntil: now.Add(15 * time.Minute)}, Blocked: true, Locked: true},
			{LoginThrottle: store.LoginThrottle{ThrottleKey: store.ThrottleKey{Scope: "source", Key: "2001:db8::/64"}, Failures: 3, LastAttemptAt: now}}}}
		want := map[i18n.Lang][2][]string{
			i18n.ZH: {{"我的会话与密码", "Firefox/128", "<code>203.0.113.7</code>", "当前会话", "未知", `action="/account/sessions/s-2/end"`, "当前密码不正确", "2025-03-03 09:30", `href="/account/sessions"`},
				{"登录锁定", "<code>sales1</code>", "账号", "地址", "已锁定", "2025-03-03 09:45", `name="key" value="2001:db8::/64"`, "解除"}},
			i18n.EN: {{"My sessions and password", "This session", "End session", "is not your current password", "Change password"},
				{"Sign-in locks", "account", "address", "locked", "Clear"}},
		}[lang]
		sitetest.CheckPage(t, view, lang, "account_sessions", "account_sessions", sessions, want[0])
		sitetest.CheckPage(t, view, lang, "admin_login_throttles", "admin_login_throttles", locks, want[1])
	}
	empty := adminThrottlesPage{Base: site.Base{Lang: string(i18n.ZH), User: user}}
	sitetest.CheckPage(t, view, i18n.ZH, "no locks", "admin_login_throttles", empty, []string{"目前没有登录失败记录。"})
}
