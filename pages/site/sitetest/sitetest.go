// Package sitetest renders the pages' templates with sample data for the
// pages' tests: every text a reader would look for is there, in each
// language, and no key is left untranslated.
package sitetest

import (
	"bytes"
	"strings"
	"testing"

	"salesflow/i18n"
	"salesflow/policy"
	"salesflow/web"
)

// CheckPage renders page in lang with data and wants every one of texts
// and no untranslated key or bad format; name labels the messages.
func CheckPage(t testing.TB, view *web.Renderer, lang i18n.Lang, name, page string, data any, texts []string) {
	t.Helper()
	var buf bytes.Buffer
	if err := view.Page(&buf, string(lang), page, data); err != nil {
		t.Fatalf("%s %s: %v", lang, name, err)
	}
	html := buf.String()
	for _, text := range texts {
		if !strings.Contains(html, text) {
			t.Errorf("%s %s: %q missing", lang, name, text)
		}
	}
	if strings.Contains(html, ">page.") || strings.Contains(html, `"page.`) || strings.Contains(html, " page.") || strings.Contains(html, "%!") {
		t.Errorf("%s %s: an untranslated key or a bad format shows", lang, name)
	}
}

// CheckPages renders each page of data in each language and wants every
// text of want in it, and no untranslated key.
func CheckPages(t testing.TB, data func(i18n.Lang) map[string]any, want map[i18n.Lang]map[string][]string) {
	t.Helper()
	view, err := web.New(web.Options{Location: policy.Shanghai})
	if err != nil {
		t.Fatal(err)
	}
	for lang, pagesWant := range want {
		pages := data(lang)
		for page, texts := range pagesWant {
			CheckPage(t, view, lang, page, page, pages[page], texts)
		}
	}
}
