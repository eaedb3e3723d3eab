package service

import (
	"strings"
	"testing"
)

// TestJobFileName: a job shows its file's own name, whatever path or
// control characters the client sent with it.
func TestJobFileName(t *testing.T) {
	for in, want := range map[string]string{
		"客户.csv":                    "客户.csv",
		`C:\Users\张\Desktop\客户.csv`: "客户.csv",
		"/tmp/a/b.csv":              "b.csv",
		"a\x00b\r\n.csv":            "ab.csv",
		"":                          "",
		"   ":                       "",
	} {
		if got := jobFileName(in); got != want {
			t.Errorf("jobFileName(%q) = %q, want %q", in, got, want)
		}
	}
	if got := jobFileName(strings.Repeat("名", 300) + ".csv"); len([]rune(got)) != 200 {
		t.Errorf("a long name is kept at %d characters", len([]rune(got)))
	}
}
