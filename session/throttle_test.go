package session

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestThrottleKeys: a username counts however it is typed, an IPv6 client
// by its /64 (one host holds the whole block), an IPv4-mapped address as
// the IPv4 one, and no key outgrows its column.
func TestThrottleKeys(t *testing.T) {
	for in, want := range map[string]string{" Sales1 ": "sales1", "": "-", "张三": "张三"} {
		if got := accountKey(in); got != want {
			t.Errorf("accountKey(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"203.0.113.7": "203.0.113.7", "::ffff:203.0.113.7": "203.0.113.7",
		"2001:db8:1:2:3:4:5:6": "2001:db8:1:2::/64", "not an ip": "not an ip", "": "unknown"} {
		if got := sourceKey(in); got != want {
			t.Errorf("sourceKey(%q) = %q, want %q", in, got, want)
		}
	}
	long := accountKey(strings.Repeat("名", 200))
	if len(long) > 100 || !utf8.ValidString(long) {
		t.Errorf("a long username's key is %d bytes, valid UTF-8 %v", len(long), utf8.ValidString(long))
	}
}
