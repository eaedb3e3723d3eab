package api

import (
	"net/http"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// A GBK file with Chinese headers imports resources row by row; bad rows
// are reported with their field, and the same file again creates nothing
// (issue 13).
func TestResourceImport(t *testing.T) {
	e := newTestEnv(t)
	admin, sales := e.as(t, "admin"), e.as(t, "sales1")
	tag := randomSuffix()
	csv := "编号,名称,类型,城市,区县,地址,纬度,经度,面数,售卖单位,起售日期,停售日期,备注\n" +
		"IMP-" + tag + "-1,南京路灯箱,灯箱,上海,黄浦,南京东路 1 号,31.23,121.47,2,周,2027/1/1,,东侧\n" +
		"IMP-" + tag + "-2,外滩大屏,LED屏,上海,黄浦,,,,1,天,2027-01-01,2027-12-31,\n" +
		"IMP-" + tag + "-3,坏行,飞艇,上海,,,95,121,1,年,2027-01-01,,\n" +
		",无编号,灯箱,上海,,,,,1,周,2027-01-01,,\n"
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(csv))
	if err != nil {
		t.Fatal(err)
	}
	path := "/api/v1/resources/import?product=" + e.products[0].Code
	if r := sales.sendAs("POST", path, "text/csv", gbk, nil); r.code != http.StatusForbidden {
		t.Fatalf("a salesperson imports: %d", r.code)
	}
	res := admin.sendAs("POST", path, "text/csv", gbk, nil).status(http.StatusOK)
	counts := res.body["counts"].(map[string]any)
	if counts["created"].(float64) != 2 || counts["invalid"].(float64) != 2 {
		t.Fatalf("import: %s", res.raw)
	}
	invalid := res.body["invalid"].([]any)
	bad := invalid[0].(map[string]any)
	fields := map[string]bool{}
	for _, f := range bad["errors"].([]any) {
		fields[f.(map[string]any)["field"].(string)] = true
	}
	if bad["row"].(float64) != 4 || !fields["kind"] || !fields["sell_unit"] || !fields["latitude"] {
		t.Fatalf("the bad row names its fields: %v", bad)
	}
	created := res.body["created"].([]any)[0].(map[string]any)
	got := admin.do("GET", "/api/v1/resources/"+created["id"].(string), nil, nil).status(http.StatusOK)
	if got.str("kind") != "light_box" || got.str("sell_unit") != "week" || got.body["capacity"].(float64) != 2 ||
		got.str("active_from") != "2027-01-01" || got.str("name") != "南京路灯箱" || got.str("product_id") != e.products[0].ID {
		t.Fatalf("imported resource: %s", got.raw)
	}
	again := admin.sendAs("POST", path, "text/csv", []byte(csv), nil).status(http.StatusOK)
	if c := again.body["counts"].(map[string]any); c["created"].(float64) != 0 || c["existing"].(float64) != 2 {
		t.Fatalf("the same file (now UTF-8) again: %s", again.raw)
	}
	english := "code,name,kind,city,sell_unit,active_from,product\nIMP-" + tag + "-4,Bund loop,led_screen,Shanghai,day,2027-01-01," + e.products[1].Code + "\n"
	if r := admin.sendAs("POST", "/api/v1/resources/import", "text/csv", []byte(english), nil).status(http.StatusOK); r.body["counts"].(map[string]any)["created"].(float64) != 1 {
		t.Fatalf("English headers: %s", r.raw)
	}
	r := admin.sendAs("POST", path, "text/csv", []byte("名称,城市\n甲,上海\n"), nil).status(http.StatusUnprocessableEntity)
	if !strings.Contains(string(r.raw), "编号") {
		t.Fatalf("a file without codes: %s", r.raw)
	}
}
