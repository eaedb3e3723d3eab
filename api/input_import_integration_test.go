package api

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestImportNeverHalfWritesWith500 (issue 11, point 3): one good row then
// a row dated 0000-01-01 or holding NUL answered 500 after the good row
// was created. Now every row gets its result: the good one created, the
// others invalid with the field and why; nothing answers 500.
func TestImportNeverHalfWritesWith500(t *testing.T) {
	e := newTestEnv(t)
	sales := e.as(t, "sales1")
	good := "好行" + randomSuffix()
	csv := "name,channel,collected_on,notes\n" +
		good + ",internet," + today() + ",\n" +
		"零年" + randomSuffix() + ",internet,0000-01-01,\n" +
		"空字符\x00" + randomSuffix() + ",internet," + today() + ",\n" +
		"备注" + randomSuffix() + ",internet," + today() + ",响铃\a\n"
	res := sales.postCSV([]byte(csv)).status(http.StatusOK)
	created, invalid := rowsOf(res, "created"), rowsOf(res, "invalid")
	if len(created) != 1 || created[2] == nil || len(invalid) != 3 || len(rowsOf(res, "failed")) != 0 {
		t.Fatalf("every row gets its result: %s", res.raw)
	}
	for row, field := range map[float64]string{3: "collected_on", 4: "name", 5: "notes"} {
		errs := invalid[row]["errors"].([]any)
		if errs[0].(map[string]any)["field"] != field {
			t.Fatalf("row %v names %s: %v", row, field, invalid[row])
		}
	}
}

// TestImportEncodings (issue 11, points 4 and 5): a GB18030 four-byte
// character was garbled (the file was read as GBK); a Latin-1 file was
// read silently as GBK; a 6 MiB file got the JSON body's message.
func TestImportEncodings(t *testing.T) {
	e := newTestEnv(t)
	sales := english(e.as(t, "sales1"))
	name := "𠀀喆公司" + randomSuffix() // U+20000 is four bytes in GB18030; 喆 is GBK's
	gb, err := simplifiedchinese.GB18030.NewEncoder().String(fmt.Sprintf(
		"公司名称,渠道,收集日期\n%s,互联网,%s\n北京广告%s,展会,%s\n", name, today(), randomSuffix(), today()))
	if err != nil {
		t.Fatal(err)
	}
	res := sales.postCSV([]byte(gb)).status(http.StatusOK)
	created := rowsOf(res, "created")
	if len(created) != 2 {
		t.Fatalf("GB18030 file: %s", res.raw)
	}
	got := sales.do("GET", "/api/v1/customers/"+created[2]["id"].(string), nil, nil).status(http.StatusOK)
	if got.str("name") != name {
		t.Fatalf("the four-byte character is read as written: %q, want %q", got.str("name"), name)
	}

	latin1, err := charmap.ISO8859_1.NewEncoder().String("name,channel,collected_on\nMüller Zürich GmbH,internet," +
		today() + "\nSociété Générale,internet," + today() + "\n")
	if err != nil {
		t.Fatal(err)
	}
	res = sales.postCSV([]byte(latin1)).status(http.StatusUnprocessableEntity)
	if res.str("type") != "/problems/malformed-csv" || !strings.Contains(res.str("detail"), "UTF-8") {
		t.Fatalf("a Latin-1 file is refused whole, asking for UTF-8: %s", res.raw)
	}

	big := append([]byte("name,channel,collected_on\n"), bytes.Repeat([]byte("x,internet,2024-01-01\n"), 6<<20/22)...)
	res = sales.postCSV(big)
	if res.code != http.StatusRequestEntityTooLarge || res.str("type") != "/problems/too-large" ||
		!strings.Contains(res.str("detail"), "CSV file must be at most 5 MiB") {
		t.Fatalf("a 6 MiB file: %d %s", res.code, res.raw)
	}
}
