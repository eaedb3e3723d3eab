package i18n

import "golang.org/x/text/language"

// matcher picks among the offered languages' tags, in catalogues' order.
var matcher = language.NewMatcher(func() []language.Tag {
	tags := make([]language.Tag, len(catalogues))
	for i, c := range catalogues {
		tags[i] = c.tag
	}
	return tags
}())

// Languages are the languages offered, the default first.
func Languages() []Lang {
	out := make([]Lang, len(catalogues))
	for i, c := range catalogues {
		out[i] = c.lang
	}
	return out
}

// Parse reads a language as the cookie and the language switch carry it.
func Parse(v string) (Lang, bool) {
	for _, c := range catalogues {
		if v == string(c.lang) {
			return c.lang, true
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
		return catalogues[i].lang
	}
	return ZH
}
