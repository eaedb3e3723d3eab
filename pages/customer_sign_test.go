package pages

import "testing"

// TestMaskEmail: the page shows where the code goes without the whole
// address.
func TestMaskEmail(t *testing.T) {
	for addr, want := range map[string]string{"chen@example.com": "c***@example.com", "陈@例子.中国": "陈***@例子.中国",
		"@x": "***", "none": "***"} {
		if got := maskEmail(addr); got != want {
			t.Errorf("maskEmail(%q) = %q, want %q", addr, got, want)
		}
	}
}
