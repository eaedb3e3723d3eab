package service

import (
	"testing"

	"salesflow/store"
)

// TestCustomerLinkHelpers: a signatory's name with control or direction
// characters is refused; a proposal's hash follows its content and
// version only.
func TestCustomerLinkHelpers(t *testing.T) {
	for name, ok := range map[string]bool{"陈立": true, "Anne-Marie O'Neil": true, "": false, "a\u202eb": false,
		"a\x07b": false, "a\u200bb": false} {
		var v Validation
		checkSignatory(&v, "signatory_name", name)
		if (v.Err() == nil) != ok {
			t.Errorf("signatory %q: accepted=%v, want %v", name, v.Err() == nil, ok)
		}
	}
	p := store.Proposal{ID: "p1", Version: 2, Title: "方案", Body: "正文",
		Items: []store.ProposalItem{{ProductID: "x", Quantity: 1, UnitPriceFen: 100, ListPriceFen: 120}}}
	same := p
	same.OwnerName, same.Status = "another", "accepted" // not content
	if ProposalHash(p) != ProposalHash(same) {
		t.Error("the hash changed with what is not the content")
	}
	changed := p
	changed.Items = []store.ProposalItem{{ProductID: "x", Quantity: 1, UnitPriceFen: 99, ListPriceFen: 120}}
	if ProposalHash(p) == ProposalHash(changed) {
		t.Error("a changed price keeps the hash")
	}
}
