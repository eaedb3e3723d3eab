package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRun moves a map file of the old form into catalogues that already
// hold a key, refuses a changed text unless told, and writes sorted files.
func TestRun(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("zh-Hans.json", `{"field.required": "必填"}`)
	write("en.json", `{"field.required": "is required"}`)
	write("i18n_input.go", "package api\n\nvar inputMessages = map[string]message{\n"+
		"\t\"field.required\": {\"必填\", \"is required\"},\n"+
		"\t\"field.nul\":      {\"不能包含 NUL 字符\", `must not contain NUL`},\n}\n\n"+
		"func init() {\n\tfor k, m := range inputMessages {\n\t\tmessages[k] = m\n\t}\n}\n")
	moved, total, err := run(dir, []string{filepath.Join(dir, "i18n_input.go")}, false)
	if err != nil || moved != 2 || total != 2 {
		t.Fatalf("moved %d, total %d, %v", moved, total, err)
	}
	en, _ := os.ReadFile(filepath.Join(dir, "en.json"))
	if want := "{\n  \"field.nul\": \"must not contain NUL\",\n  \"field.required\": \"is required\"\n}\n"; string(en) != want {
		t.Errorf("en.json:\n%s", en)
	}

	write("changed.go", "package api\n\nvar m = map[string]message{\"field.nul\": {\"不能含 NUL\", \"must not contain NUL\"}}\n")
	if _, _, err := run(dir, []string{filepath.Join(dir, "changed.go")}, false); err == nil || !strings.Contains(err.Error(), "field.nul in zh-Hans.json") {
		t.Errorf("a changed text: %v", err)
	}
	if _, _, err := run(dir, []string{filepath.Join(dir, "changed.go")}, true); err != nil {
		t.Fatal(err)
	}
	if zh, _ := os.ReadFile(filepath.Join(dir, "zh-Hans.json")); !strings.Contains(string(zh), "不能含 NUL") {
		t.Errorf("-overwrite kept the old text:\n%s", zh)
	}
}
