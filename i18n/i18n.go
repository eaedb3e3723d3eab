// Package i18n holds every text a person reads from the API and the pages,
// as one catalogue file per language (locales/zh-Hans.json, the default, and
// locales/en.json), and the lookup: T renders a key in a language, Match
// picks the reader's language.
//
// The files are flat JSON objects, key → text, loaded once by go-i18n and
// embedded in the binary. Texts keep the printf verbs (%v) they had as Go
// maps: T fills them with fmt.Sprintf, and go-i18n's own template syntax is
// switched off, so a text is shown byte for byte as written. The test in
// this package fails on a key missing from either file, a key nothing uses,
// or two languages taking different arguments.
//
// To add a text, add its key to both files (keys sorted, as the files are).
// A branch that still adds a Go map of "key": {"中文", "English"} entries
// moves them with `go run ./i18n/cmd/i18nimport api/i18n_x.go` and deletes
// the file.
package i18n

import (
	"embed"
	"fmt"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/nicksnyder/go-i18n/v2/i18n/template"
	"golang.org/x/text/language"
)

// Lang is a language the users read: Simplified Chinese (default) or
// English. The values are what the pages' language cookie, the language
// switch's URL and <html lang> carry; the catalogue behind ZH is zh-Hans.
type Lang string

// The languages offered.
const (
	ZH Lang = "zh-CN"
	EN Lang = "en"
)

//go:embed locales/*.json
var locales embed.FS

// catalogues are the languages offered, the default first, each with the
// tag go-i18n and Accept-Language know it by and its file (named by that
// tag, which is how go-i18n reads a file's language).
var catalogues = []struct {
	lang Lang
	tag  language.Tag
	file string
}{
	{ZH, language.SimplifiedChinese, "locales/zh-Hans.json"},
	{EN, language.English, "locales/en.json"},
}

// identity keeps go-i18n from reading a text as a text/template: the texts
// are printf formats, and one holding "{{" must still show as written.
var identity = template.IdentityParser{}

var localizers = load()

// load parses the embedded catalogues into one bundle whose default is
// Chinese. A file that does not parse is a defect any test (and the first
// start) catches, hence the panic.
func load() map[Lang]*goi18n.Localizer {
	b := goi18n.NewBundle(catalogues[0].tag)
	for _, c := range catalogues {
		if _, err := b.LoadMessageFileFS(locales, c.file); err != nil {
			panic("i18n: " + err.Error())
		}
	}
	out := map[Lang]*goi18n.Localizer{}
	for _, c := range catalogues {
		out[c.lang] = goi18n.NewLocalizer(b, c.tag.String())
	}
	return out
}

// T renders message id in lang, args filling its verbs. A key missing in
// English falls back to the Chinese text; a key missing from both shows as
// the key itself, so the gap is visible rather than silent (the package's
// test keeps either from being committed).
func T(lang Lang, id string, args ...any) string {
	text, err := localize(lang, id)
	if text == "" && err != nil {
		return id
	}
	if len(args) > 0 {
		return fmt.Sprintf(text, args...)
	}
	return text
}

// Lookup is id's text exactly as lang's catalogue holds it, verbs unfilled;
// ok is false when that language has none (no fallback).
func Lookup(lang Lang, id string) (text string, ok bool) {
	text, err := localize(lang, id)
	if err != nil {
		return "", false
	}
	return text, true
}

// Has reports whether id is in the catalogue, for texts looked up by a
// value that may have none (an import file's column, say).
func Has(id string) bool {
	_, ok := Lookup(ZH, id)
	return ok
}

// localize asks go-i18n for id in lang (Chinese for a language not
// offered); it returns the Chinese text and an error for a key English
// lacks.
func localize(lang Lang, id string) (string, error) {
	l, ok := localizers[lang]
	if !ok {
		l = localizers[ZH]
	}
	return l.Localize(&goi18n.LocalizeConfig{MessageID: id, TemplateParser: identity})
}
