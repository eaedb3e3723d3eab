package site

import "testing"

// TestTemporalLink: admins get the Web UI's workflow address, others none.
func TestTemporalLink(t *testing.T) {
	b := Base{temporalUI: "http://ui:8233/namespaces/default/workflows/"}
	if got := b.TemporalLink("contact-c 1-2"); got != "http://ui:8233/namespaces/default/workflows/contact-c%201-2" {
		t.Errorf("link %q", got)
	}
	if (Base{}).TemporalLink("proposal-1") != "" || b.TemporalLink("") != "" {
		t.Error("a link without the admin's address or a workflow ID")
	}
}
