package i18n

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// catalogue is one language's file as written: key → text.
type catalogue map[string]string

func readCatalogue(t *testing.T, file string) catalogue {
	t.Helper()
	b, err := fs.ReadFile(locales, file)
	if err != nil {
		t.Fatal(err)
	}
	c := catalogue{}
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return c
}

// readCatalogues reads both files, Chinese first.
func readCatalogues(t *testing.T) (zh, en catalogue) {
	return readCatalogue(t, catalogues[0].file), readCatalogue(t, catalogues[1].file)
}

// TestCatalogue is the gate on the files: every key in both languages with
// a text, the same arguments in both, and every key used by the code.
func TestCatalogue(t *testing.T) {
	zh, en := readCatalogues(t)
	src := readSources(t)
	for _, p := range slices.Concat(missing(zh, en), placeholderMismatches(zh, en), unused(zh, src)) {
		t.Error(p)
	}
}

// missing names each key absent or empty in one of the languages.
func missing(zh, en catalogue) []string {
	var out []string
	for _, pair := range [][2]catalogue{{zh, en}, {en, zh}} {
		for k := range pair[0] {
			if pair[1][k] == "" {
				out = append(out, fmt.Sprintf("%s: no text in one language", k))
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// placeholder is a printf verb (T fills them) or a template field.
var placeholder = regexp.MustCompile(`%(?:\[\d+\])?[-+# 0]*\d*(?:\.\d+)?[a-zA-Z%]|\{\{\s*\.\w+\s*\}\}`)

// placeholderMismatches names each key whose languages take different
// arguments, or the same ones in another order (printf fills in order).
func placeholderMismatches(zh, en catalogue) []string {
	var out []string
	for k, text := range zh {
		a, b := placeholder.FindAllString(text, -1), placeholder.FindAllString(en[k], -1)
		if _, ok := en[k]; ok && !slices.Equal(a, b) {
			out = append(out, fmt.Sprintf("%s: zh takes %v, en takes %v", k, a, b))
		}
	}
	slices.Sort(out)
	return out
}

// TestCatalogueServedAsWritten proves go-i18n hands out every text byte
// for byte as the file holds it, in both languages.
func TestCatalogueServedAsWritten(t *testing.T) {
	zh, en := readCatalogues(t)
	for lang, c := range map[Lang]catalogue{ZH: zh, EN: en} {
		for k, want := range c {
			if got, ok := Lookup(lang, k); !ok || got != want {
				t.Errorf("%s %s: served %q, the file has %q", lang, k, got, want)
			}
			if !placeholder.MatchString(want) && T(lang, k) != want {
				t.Errorf("%s %s: T gives %q", lang, k, T(lang, k))
			}
		}
	}
}

// TestCatalogueChecksFail shows each check catching what it is for: a key
// taken out of en.json, a key nothing uses, an argument one language lacks,
// a dynamic key whose value the code never produces.
func TestCatalogueChecksFail(t *testing.T) {
	zh, en := readCatalogues(t)
	src := readSources(t)
	dropped := clone(en)
	delete(dropped, "page.login.title")
	if got := missing(zh, dropped); len(got) != 1 || !strings.HasPrefix(got[0], "page.login.title:") {
		t.Errorf("a key removed from en.json: %v", got)
	}
	extra := clone(zh)
	extra["page.login.never_shown"] = "从未显示"
	extra["page.status.no_such_status"] = "无此状态"
	want := slices.Concat(unused(zh, src), []string{
		"page.login.never_shown: not used in any Go file or template",
		"page.status.no_such_status: not used in any Go file or template"})
	slices.Sort(want)
	if got := unused(extra, src); !slices.Equal(got, want) {
		t.Errorf("an unused key and an unproduced dynamic one: %v", got)
	}
	lost := clone(en)
	lost["page.inbox.count"] = "Some open, oldest first."
	if got := placeholderMismatches(zh, lost); len(got) != 1 || !strings.HasPrefix(got[0], "page.inbox.count:") {
		t.Errorf("an argument English lacks: %v", got)
	}
}

func clone(c catalogue) catalogue {
	out := catalogue{}
	for k, v := range c {
		out[k] = v
	}
	return out
}

// TestT covers the lookup's edges: arguments, a key missing (shown as the
// key), a key English lacks (the Chinese text), a language not offered.
func TestT(t *testing.T) {
	if got := T(EN, "page.inbox.count", 3); got != "3 open, oldest first." {
		t.Errorf("with an argument: %q", got)
	}
	if got := T(ZH, "page.no_such_key"); got != "page.no_such_key" {
		t.Errorf("a missing key: %q", got)
	}
	if got := T(Lang("fr"), "page.login.title"); got != "登录" {
		t.Errorf("a language not offered: %q", got)
	}
	if _, ok := Lookup(EN, "page.no_such_key"); ok || Has("page.no_such_key") || !Has("page.login.title") {
		t.Error("Lookup or Has finds a key that is not there, or misses one that is")
	}
}

func TestMatch(t *testing.T) {
	for _, tc := range []struct {
		cookie, accept string
		want           Lang
	}{
		{"", "", ZH},
		{"en", "zh-CN", EN},
		{"zh-CN", "en-GB", ZH},
		{"fr", "en-US,en;q=0.9", EN},
		{"", "zh-TW", ZH},
		{"", "de-DE, en;q=0.5", EN},
		{"", "de-DE", ZH},
		{"", ";;;", ZH},
	} {
		if got := Match(tc.cookie, tc.accept); got != tc.want {
			t.Errorf("Match(%q, %q) = %q, want %q", tc.cookie, tc.accept, got, tc.want)
		}
	}
	if l, ok := Parse("en"); !ok || l != EN {
		t.Error("Parse(en)")
	}
	if _, ok := Parse("EN"); ok {
		t.Error("Parse takes only the values the switch sends")
	}
}

// readSources is the text of every Go file but tests (in any package of
// the module) and every template: what a key must appear in to be used.
func readSources(t *testing.T) sources {
	t.Helper()
	root := moduleRoot(t)
	var b strings.Builder
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") && rel != "." || d.Name() == "node_modules" || d.Name() == "testdata" {
				return filepath.SkipDir
			}
			return nil
		}
		goSource := strings.HasSuffix(p, ".go") && !strings.HasSuffix(p, "_test.go")
		template := strings.HasPrefix(filepath.ToSlash(rel), "web/templates/") && strings.HasSuffix(p, ".html")
		if !goSource && !template {
			return nil
		}
		text, err := os.ReadFile(p)
		b.Write(text)
		b.WriteByte('\n')
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return newSources(b.String())
}

func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test")
		}
		dir = parent
	}
}
