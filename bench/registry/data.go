package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"strings"
)

// row is one generated customer record.
type row struct {
	name, phone, channel, collected string
}

var (
	regions   = []string{"华东", "华南", "华北", "西南", "东北", "华中", "西北"}
	trades    = []string{"广告传媒", "商业管理", "文化旅游", "餐饮连锁", "电子科技", "服饰品牌", "地产开发"}
	suffixes  = []string{"有限公司", "有限责任公司", "股份有限公司", "集团有限公司"}
	variantOf = []func(string) string{
		func(s string) string { return " " + s + " " },                       // stray spaces
		func(s string) string { return strings.Replace(s, "有限公司", "公司", 1) }, // another suffix
		toFullWidthDigits, // 全角 digits
	}
)

// generate makes n rows; a share dup of them repeat an earlier company under
// another spelling (R2.2 must catch every one).
func generate(n int, dup float64) []row {
	r := rand.New(rand.NewPCG(7, 11))
	out := make([]row, 0, n)
	for i := 0; i < n; i++ {
		if i > 0 && r.Float64() < dup {
			earlier := out[r.IntN(len(out))]
			v := variantOf[r.IntN(len(variantOf))]
			out = append(out, row{name: v(earlier.name), phone: "", channel: "trade_show", collected: earlier.collected})
			continue
		}
		out = append(out, company(i, r))
	}
	return out
}

func company(i int, r *rand.Rand) row {
	name := fmt.Sprintf("%s%s%d号%s", regions[i%len(regions)], trades[(i/7)%len(trades)], i, suffixes[r.IntN(len(suffixes))])
	return row{name: name, phone: fmt.Sprintf("139%08d", i), channel: "trade_show", collected: "2026-11-25"}
}

func toFullWidthDigits(s string) string {
	return strings.Map(func(c rune) rune {
		if c >= '0' && c <= '9' {
			return c - '0' + '０'
		}
		return c
	}, s)
}

// csvOf renders rows as an import file with an English header.
func csvOf(rows []row) string {
	var b strings.Builder
	b.WriteString("name,channel,collected_on,phone\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "\"%s\",%s,%s,%s\n", strings.ReplaceAll(r.name, `"`, `""`), r.channel, r.collected, r.phone)
	}
	return b.String()
}

func machine() string {
	host, _ := os.Hostname()
	return fmt.Sprintf("%s, %d CPUs, %s", host, runtime.NumCPU(), runtime.Version())
}
