package service

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"
)

// TestFreshIDsAreTimeOrdered: IDs made one after another are version 7
// and sort in the order they were made, which is what keeps the indexes
// keyed by them appending (issue 12).
func TestFreshIDsAreTimeOrdered(t *testing.T) {
	ids := make([]string, 2000)
	for i := range ids {
		ids[i] = FreshID()
		if v := uuid.MustParse(ids[i]).Version(); v != 7 {
			t.Fatalf("FreshID %s is version %d, want 7", ids[i], v)
		}
	}
	if !slices.IsSorted(ids) {
		t.Fatal("fresh IDs made in turn do not sort in the order they were made")
	}
	if len(slices.Compact(slices.Clone(ids))) != len(ids) {
		t.Fatal("FreshID repeated an ID")
	}
}

// TestFileRowIDs: a keyed file's rows are named the same every time the
// file comes, each line differently, version 8 with the RFC 9562 variant,
// sharing the file's prefix and sorted by line; another file (another
// key or other bytes) gets other names.
func TestFileRowIDs(t *testing.T) {
	const file = "salesflow:customer-import:u1:key-1:abcd"
	var ids []string
	for line := 2; line < 1200; line++ {
		id := fileRowID(file, line)
		if again := fileRowID(file, line); again != id {
			t.Fatalf("line %d named %s, then %s", line, id, again)
		}
		u := uuid.MustParse(id)
		if u.Version() != 8 || u.Variant() != uuid.RFC4122 {
			t.Fatalf("%s: version %d variant %v, want 8 and RFC 9562's", id, u.Version(), u.Variant())
		}
		ids = append(ids, id)
	}
	if !slices.IsSorted(ids) || len(slices.Compact(slices.Clone(ids))) != len(ids) {
		t.Fatal("a file's rows are not named in line order, each once")
	}
	prefix := ids[0][:23] // the first 80 bits, with the version and variant
	for _, id := range ids {
		if !strings.HasPrefix(id, prefix) {
			t.Fatalf("%s does not share its file's prefix %s", id, prefix)
		}
	}
	if other := fileRowID(file+"0", 2); other[:23] == prefix {
		t.Fatalf("another file got the same prefix: %s", other)
	}
	if big := fileRowID(file, 1<<40); !strings.HasPrefix(big, prefix) {
		t.Fatalf("a far line left the file's prefix: %s", big)
	}
}
