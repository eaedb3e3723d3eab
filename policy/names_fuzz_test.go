package policy

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzNormaliseCompanyName: R2.2's duplicate key of any name is stable
// (normalising it again changes nothing, so a stored key still matches),
// holds no space, punctuation or symbol, and is valid UTF-8 for a valid
// name. Seeds are the names of the tests and of issue 11's probes.
func FuzzNormaliseCompanyName(f *testing.F) {
	for _, seed := range []string{"北京广告有限公司", "ＡＢＣ　Co., Ltd.", "Acme Inc", "有限公司", "正常\u202e司公",
		"\u0000", "İstanbul Ltd", "Société Générale S.A.", "深圳市腾讯计算机系统有限公司（分公司）",
		"Lt d", "ltd有限公司", "Acme L.T.D."} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, name string) {
		key := NormaliseCompanyName(name)
		if again := NormaliseCompanyName(key); again != key {
			t.Fatalf("not stable: %q → %q → %q", name, key, again)
		}
		if strings.IndexFunc(key, func(r rune) bool {
			return unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r)
		}) >= 0 {
			t.Fatalf("%q → %q keeps a separator", name, key)
		}
		if utf8.ValidString(name) && !utf8.ValidString(key) {
			t.Fatalf("%q → %q is not UTF-8", name, key)
		}
	})
}
