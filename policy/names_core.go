package policy

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// regionWords and industryWords are the parts of a company name many
// unrelated companies share: "上海星光广告传媒" and "星光广告" are one
// company to R2.2's reader, "上海星光" and "上海月光" are not.
var (
	regionWords = []string{"中国", "全国", "国际", "华东", "华南", "华北", "华中", "西南", "西北", "东北",
		"北京", "上海", "天津", "重庆", "广州", "深圳", "杭州", "南京", "苏州", "成都", "武汉", "西安",
		"广东", "浙江", "江苏", "山东", "河北", "河南", "湖北", "湖南", "四川", "福建", "安徽", "江西",
		"辽宁", "吉林", "黑龙江", "云南", "贵州", "广西", "海南", "山西", "陕西", "甘肃", "青海", "内蒙古",
		"宁夏", "新疆", "西藏", "香港", "澳门", "台湾", "省", "市", "区", "县"}
	industryWords = []string{"广告", "传媒", "文化", "科技", "技术", "信息", "网络", "数字", "电子", "贸易",
		"商贸", "实业", "投资", "管理", "咨询", "服务", "发展", "控股", "集团", "商业", "餐饮", "连锁",
		"服饰", "品牌", "地产", "开发", "旅游", "营销", "策划", "设计", "制作", "展览", "会展", "印刷",
		"媒体", "影视", "教育", "医疗", "健康", "食品", "物流", "工程", "建设", "建筑", "汽车", "工贸"}
	coreDropTokens = map[string]bool{"china": true, "international": true, "intl": true, "group": true,
		"holdings": true, "holding": true, "media": true, "advertising": true, "technology": true,
		"technologies": true, "tech": true, "trading": true, "culture": true, "network": true,
		"digital": true, "beijing": true, "shanghai": true, "shenzhen": true, "guangzhou": true,
		"hangzhou": true, "the": true, "and": true}
)

// CompanyNameCore is the blocking key of R2.2's near-duplicate warnings:
// the normalised name (NormaliseCompanyName) without its region, industry
// and legal-form words, so that only names sharing the distinctive part are
// compared by similarity — a btree lookup instead of a scan of every name.
// A name that is nothing but such words keeps its normalised name as core.
func CompanyNameCore(name string) string {
	norm := NormaliseCompanyName(name)
	if norm == "" {
		return ""
	}
	tokens := nameTokens(name)
	kept := tokens[:0]
	for _, t := range tokens {
		if !englishSuffixes[t] && !coreDropTokens[t] {
			kept = append(kept, t)
		}
	}
	core := dropCoreWords(strings.Join(kept, ""))
	if core == "" {
		return norm
	}
	return core
}

// coreWords are the words CompanyNameCore drops, in the order it drops
// them: legal forms, regions, industries.
var coreWords = slices.Concat(chineseSuffixes, regionWords, industryWords)

// coreWordsFrom lists, for each rune a core word begins with, the
// positions in coreWords of the words beginning with it.
var coreWordsFrom = func() map[rune][]int {
	m := map[rune][]int{}
	for i, w := range coreWords {
		r, _ := utf8.DecodeRuneInString(w)
		m[r] = append(m[r], i)
	}
	return m
}()

// dropCoreWords removes every occurrence of each core word from s, word
// after word in coreWords' order. It tries only the words beginning with
// a rune s holds (removing words never adds a rune), not all 110 on every
// name: an import computes the core of every row.
func dropCoreWords(s string) string {
	var at []int
	for _, r := range s {
		at = append(at, coreWordsFrom[r]...)
	}
	slices.Sort(at)
	for _, i := range slices.Compact(at) {
		s = strings.ReplaceAll(s, coreWords[i], "")
	}
	return s
}
