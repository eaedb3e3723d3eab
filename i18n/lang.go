package i18n

import "golang.org/x/text/language"

// matcher knows the offered languages in the order of offered: index 1 is
// English, anything else (or nothing) Chinese.
var (
	offered = []Lang{ZH, EN}
	matcher = language.NewMatcher([]language.Tag{language.SimplifiedChinese, language.English})
)

// Parse reads a language as the cookie and the language switch carry it.
func Parse(v string) (Lang, bool) {
	for _, l := range offered {
		if v == string(l) {
			return l, true
		}
	}
	return "", false
}

// Match picks the reader's language: the one the pages' language cookie
// names (chosen with the switch), else the best of Accept-Language, else
// Chinese, the company's language.
func Match(cookie, acceptLanguage string) Lang {
	if l, ok := Parse(cookie); ok {
		return l
	}
	if acceptLanguage == "" {
		return ZH
	}
	tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(tags) == 0 {
		return ZH
	}
	if _, i, conf := matcher.Match(tags...); conf != language.No {
		return offered[i]
	}
	return ZH
}

// Languages are the languages offered, the default first.
func Languages() []Lang { return append([]Lang(nil), offered...) }
