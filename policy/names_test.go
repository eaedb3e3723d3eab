package policy

import "testing"

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
