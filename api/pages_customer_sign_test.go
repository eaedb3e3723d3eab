package api

import (
	"testing"

	"salesflow/store"
)

// TestCustomerPageHelpers: the page shows where the code goes without the
// whole address; a signatory's name with control or direction characters
// is refused; a proposal's hash follows its content and version only.
func TestCustomerPageHelpers(t *testing.T) {
	for addr, want := range map[string]string{"chen@example.com": "c***@example.com", "陈@例子.中国": "陈***@例子.中国",
		"@x": "***", "none": "***"} {
		if got := maskEmail(addr); got != want {
			t.Errorf("maskEmail(%q) = %q, want %q", addr, got, want)
		}
	}
	for name, ok := range map[string]bool{"陈立": true, "Anne-Marie O'Neil": true, "": false, "a\u202eb": false,
		"a\x07b": false, "a\u200bb": false} {
		var v validation
		checkSignatory(&v, "signatory_name", name)
		if (v.Err() == nil) != ok {
			t.Errorf("signatory %q: accepted=%v, want %v", name, v.Err() == nil, ok)
		}
	}
	p := store.Proposal{ID: "p1", Version: 2, Title: "方案", Body: "正文",
		Items: []store.ProposalItem{{ProductID: "x", Quantity: 1, UnitPriceFen: 100, ListPriceFen: 120}}}
	same := p
	same.OwnerName, same.Status = "another", "accepted" // not content
	if proposalHash(p) != proposalHash(same) {
		t.Error("the hash changed with what is not the content")
	}
	changed := p
	changed.Items = []store.ProposalItem{{ProductID: "x", Quantity: 1, UnitPriceFen: 99, ListPriceFen: 120}}
	if proposalHash(p) == proposalHash(changed) {
		t.Error("a changed price keeps the hash")
	}
}
