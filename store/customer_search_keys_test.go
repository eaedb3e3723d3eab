package store

import "testing"

// TestSearchKeys: a query written as a phone number searches phones, and
// names too while it is short enough to be a name ("360"); a name holding
// digits searches names only, and so does a number too short to narrow
// anything.
func TestSearchKeys(t *testing.T) {
	for q, want := range map[string][2]bool{
		"138-0013 8000": {false, true},
		"(010) 6666":    {false, true},
		"0013":          {true, true},
		"360":           {true, true},
		"12":            {true, false},
		"充1234号":        {true, false},
		"星辰广告":          {true, false},
	} {
		name, phone := searchKeys(q)
		if (name != "") != want[0] || (phone != "") != want[1] {
			t.Errorf("searchKeys(%q) = %q, %q; want name %v, phone %v", q, name, phone, want[0], want[1])
		}
	}
}
