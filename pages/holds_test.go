package pages

import (
	"testing"
	"time"

	"salesflow/i18n"
	"salesflow/pages/site"
	"salesflow/pages/site/sitetest"
	"salesflow/policy"
	"salesflow/store"
	"salesflow/web"
)

// TestProposalPageShowsHolds renders a proposal's holds in both languages,
// with the owner's renewal form, and without it for anyone else.
func TestProposalPageShowsHolds(t *testing.T) {
	view, err := web.New(web.Options{Location: policy.Shanghai})
	if err != nil {
		t.Fatal(err)
	}
	until := time.Date(2026, 10, 15, 2, 0, 0, 0, time.UTC) // 10:00 in Shanghai
	owner := &store.User{ID: "u-2", Username: "sales1", Name: "王销", Roles: []string{"salesperson"}}
	p := store.Proposal{ID: "p-1", OwnerID: "u-2", Status: "in_review", Version: 1, Title: "国庆档灯箱"}
	holds := []store.ResourceClaim{
		{ID: "h-1", ResourceID: "R-001", StartsOn: "2026-10-01", EndsOn: "2026-10-07", State: store.ClaimHeld, ExpiresAt: &until},
		{ID: "h-2", ResourceID: "R-002", StartsOn: "2026-10-01", EndsOn: "2026-10-07", State: store.ClaimReleased}}
	if !canRenew(p, *owner, holds) || canRenew(p, store.User{ID: "u-9"}, holds) || canRenew(p, *owner, holds[1:]) {
		t.Fatal("only the owner renews, and only a live hold")
	}
	for lang, want := range map[i18n.Lang][]string{
		i18n.ZH: {"订位", "R-001", "2026-10-01 – 2026-10-07", "已订位", "已释放", "2026-10-15 10:00", `action="/proposals/p-1/holds/renewal"`, "申请续期"},
		i18n.EN: {"Holds", "Held", "Released", "Ask for a renewal"},
	} {
		page := proposalPage{Base: site.Base{Lang: string(lang), User: owner}, P: p, Holds: holds, RenewKey: "k"}
		sitetest.CheckPage(t, view, lang, "proposal holds", "proposal", page, want)
	}
}
