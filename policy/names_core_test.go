package policy

import "testing"

// TestCompanyNameCore: names of one company under region, industry and
// legal-form variations share a core; distinct companies do not.
func TestCompanyNameCore(t *testing.T) {
	cases := []struct{ in, want string }{
		{"上海星光广告有限公司", "星光"},
		{"星光广告传媒", "星光"},
		{"（上海）星光广告股份有限公司", "星光"},
		{"北京星光文化传媒集团有限公司", "星光"},
		{"上海月光广告有限公司", "月光"},
		{"北辰广告abc有限公司", "北辰abc"},
		{"北辰广告abc传媒", "北辰abc"},
		{"华东广告传媒12号有限公司", "12号"},
		{"Star Light Media Co., Ltd.", "starlight"},
		{"Shanghai Star Light Advertising Ltd", "starlight"},
		{"ＡＣＭＥ　Ｃｏ．，Ｌｔｄ．", "acme"},
		{"上海广告有限公司", "上海广告"}, // nothing distinctive: the normalised name
		{"Media Group", "mediagroup"},
		{"有限公司", ""},
		{"", ""},
	}
	for _, c := range cases {
		if got := CompanyNameCore(c.in); got != c.want {
			t.Errorf("CompanyNameCore(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
