package service

import (
	"errors"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// FuzzParseCustomerFile drives the CSV import's parsing with any file: it never
// panics; a file is either refused whole with a 422 malformed-csv problem
// or read into at most MaxImportRows rows of valid UTF-8, each on a line
// of the file. Seeds include GB18030, Latin-1 and the rows of issue 11.
func FuzzParseCustomerFile(f *testing.F) {
	gb, _ := simplifiedchinese.GB18030.NewEncoder().String("公司名称,渠道,收集日期\n𠀀喆公司,互联网,2024-01-02\n")
	for _, seed := range []string{
		"name,channel,collected_on\nA Co.,internet,2024-01-02\nB,internet,0000-01-01\nC\x00,internet,2024-01-02\n",
		"\uFEFFname,notes\n\"x\",\"two\nlines\"\n", gb, "name\nM\xfcller Z\xfcrich GmbH\n", "", "name\n\"unterminated\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		rows, err := ParseCustomerFile(body)
		if err != nil {
			var ae *Error
			if !errors.As(err, &ae) || ae.Kind != KindInvalid || ae.Code != "malformed-csv" {
				t.Fatalf("a file is refused with a malformed-csv problem: %#v", err)
			}
			return
		}
		if len(rows) > MaxImportRows {
			t.Fatalf("%d rows", len(rows))
		}
		for _, r := range rows {
			if r.Line < 2 {
				t.Fatalf("a data row starts after the header: line %d", r.Line)
			}
			for _, s := range []string{r.Customer.Name, r.Customer.Channel, r.Customer.CollectedOn, r.Customer.Phone, r.Customer.Notes} {
				if !utf8.ValidString(s) {
					t.Fatalf("a field is not UTF-8 after decoding: %q", s)
				}
			}
		}
	})
}

// FuzzDecodeCSVText: UTF-8 comes back unchanged; anything accepted comes
// back as valid UTF-8; nothing decoded holds U+FFFD unless the file did.
func FuzzDecodeCSVText(f *testing.F) {
	gb, _ := simplifiedchinese.GB18030.NewEncoder().String("𠀀喆北京广告有限公司")
	for _, seed := range []string{"plain", gb, "caf\xe9, M\xfcller", "\xff\xfe", "\x81\x30\x81\x30", "\xa1"} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		text, ok := decodeCSVText(body)
		switch {
		case utf8.Valid(body) && (!ok || string(text) != string(body)):
			t.Fatalf("UTF-8 is read as it is")
		case ok && !utf8.Valid(text):
			t.Fatalf("decoded text is not UTF-8: %q", text)
		}
	})
}
