package api

import (
	"github.com/gin-gonic/gin"

	"salesflow/i18n"
)

// Lang, LangZH, LangEN and T are package i18n's, named here so the
// handlers read as before; the texts are in i18n/locales.
type Lang = i18n.Lang

// The languages offered.
const (
	LangZH = i18n.ZH
	LangEN = i18n.EN
)

// T renders message id in lang; see i18n.T.
func T(lang Lang, id string, args ...any) string { return i18n.T(lang, id, args...) }

// langCookie lets the web pages remember a language chosen by the switch.
const langCookie = "salesflow_lang"

// requestLang picks the language: the page's language cookie first, then
// Accept-Language, else Chinese.
func requestLang(c *gin.Context) Lang {
	cookie, _ := c.Cookie(langCookie)
	return i18n.Match(cookie, c.GetHeader("Accept-Language"))
}
