package web

import (
	"html/template"
	"time"

	"salesflow/i18n"
)

// funcMap is what templates may call, bound to one language:
//
//	t          a message key's text in the page's language (args fill its verbs)
//	yuan       fen as ¥1,234.56
//	yuanInput  fen as an input value, 1234.56
//	when       a time as 2006-01-02 15:04 in the company's zone
//	whenISO    the same instant as RFC 3339, for <time datetime>
//	asset      the URL of a static file, versioned by its content
//	deref      the value behind an optional pointer, or its zero value
//	inc        i + 1 (a row's number from its index)
func funcMap(lang i18n.Lang, loc *time.Location, assets map[string]string) template.FuncMap {
	return template.FuncMap{
		"t":         func(key string, args ...any) string { return i18n.T(lang, key, args...) },
		"yuan":      FormatYuan,
		"yuanInput": PlainYuan,
		"when": func(tm time.Time) string {
			if tm.IsZero() {
				return ""
			}
			return tm.In(loc).Format("2006-01-02 15:04")
		},
		"whenISO": func(tm time.Time) string { return tm.In(loc).Format(time.RFC3339) },
		"asset": func(name string) string {
			if v, ok := assets[name]; ok {
				return "/static/" + name + "?v=" + v
			}
			return "/static/" + name
		},
		"deref": deref,
		"inc":   func(i int) int { return i + 1 },
	}
}

// deref reads *string, *int and *time.Time fields of the store's types,
// which are nil when the database holds NULL.
func deref(v any) any {
	switch p := v.(type) {
	case *string:
		if p == nil {
			return ""
		}
		return *p
	case *int:
		if p == nil {
			return 0
		}
		return *p
	case *time.Time:
		if p == nil {
			return time.Time{}
		}
		return *p
	}
	return v
}
