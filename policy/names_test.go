package policy

import (
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/width"
)

func TestNormaliseCompanyName(t *testing.T) {
	cases := []struct{ in, want string }{
		{"上海星光广告有限公司", "上海星光广告"},
		{"上海星光广告", "上海星光广告"},
		{" 上海 星光 广告 有限责任公司 ", "上海星光广告"},
		{"上海星光广告股份有限公司", "上海星光广告"},
		{"星光集团有限公司", "星光"},
		{"星光集团", "星光集团"},
		{"上海星光广告公司", "上海星光广告"},
		{"（上海）星光广告有限公司", "上海星光广告"},
		{"ＡＣＭＥ　Ｃｏ．，Ｌｔｄ．", "acme"},
		{"Acme Co., Ltd.", "acme"},
		{"ACME co ltd", "acme"},
		{"Acme, Inc.", "acme"},
		{"Acme LLC", "acme"},
		{"Costco", "costco"},
		{"Star Light Media Co., Ltd.", "starlightmedia"},
		{"星光Media有限公司", "星光media"},
		{"有限公司", ""},
		{"Lt d", ""},    // joining makes a suffix: the key must be a fixed point
		{"ltd有限公司", ""}, // stripping 有限公司 leaves an English one
		{"", ""},
	}
	for _, c := range cases {
		if got := NormaliseCompanyName(c.in); got != c.want {
			t.Errorf("NormaliseCompanyName(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestNormalisePhone(t *testing.T) {
	cases := []struct{ in, want string }{
		{"138 0013 8000", "13800138000"},
		{"+86 138-0013-8000", "13800138000"},
		{"0086 13800138000", "13800138000"},
		{"8613800138000", "13800138000"},
		{"１３８００１３８０００", "13800138000"},
		{"010-12345678", "01012345678"},
		{"+86 10 1234 5678", "01012345678"},
		{"(021) 5555 6666", "02155556666"},
		{"+86 (21) 5555-6666", "02155556666"},
		{"", ""},
		{"无", ""},
	}
	for _, c := range cases {
		if got := NormalisePhone(c.in); got != c.want {
			t.Errorf("NormalisePhone(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestNameSeparatorFastPath checks the table and range answers of
// isNameSeparator against the unicode tables for every code point.
func TestNameSeparatorFastPath(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		want := unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r)
		if got := isNameSeparator(r); got != want {
			t.Fatalf("isNameSeparator(%U) = %v, want %v", r, got, want)
		}
	}
}

// TestFoldLowerFastPath checks foldLower against width.Fold and
// strings.ToLower for every code point of the Basic Multilingual Plane,
// alone and between ASCII and ideographs, and for invalid UTF-8.
func TestFoldLowerFastPath(t *testing.T) {
	for r := rune(0); r <= 0xffff; r++ {
		for _, s := range []string{string(r), "Ab" + string(r) + "星光Z"} {
			if got, want := foldLower(s), strings.ToLower(width.Fold.String(s)); got != want {
				t.Fatalf("foldLower(%q) = %q, want %q", s, got, want)
			}
		}
	}
	if got, want := foldLower("AB\xff星"), strings.ToLower(width.Fold.String("AB\xff星")); got != want {
		t.Fatalf("foldLower of invalid UTF-8 = %q, want %q", got, want)
	}
}

// TestDropCoreWordsAsEveryWord checks dropCoreWords against removing every
// core word in turn.
func TestDropCoreWordsAsEveryWord(t *testing.T) {
	for _, s := range []string{"", "上海星光广告传媒", "北京北京市区县科技技术", "集团股份有限公司星光集团",
		"华东华南上上海海广告告", "acme传媒", "内蒙古宁夏广西星光", "广广告告"} {
		want := s
		for _, w := range coreWords {
			want = strings.ReplaceAll(want, w, "")
		}
		if got := dropCoreWords(s); got != want {
			t.Errorf("dropCoreWords(%q) = %q, want %q", s, got, want)
		}
	}
}
