package pages

import (
	"testing"
	"time"

	"salesflow/i18n"
	"salesflow/pages/site"
	"salesflow/pages/site/sitetest"
	"salesflow/store"
)

// approverSamplePages are the signed contracts list and a contract's inbox
// card, as an admin sees them, in one language.
func approverSamplePages(lang i18n.Lang) map[string]any {
	now := time.Date(2025, 3, 3, 1, 30, 0, 0, time.UTC)
	b := site.Base{Lang: string(lang), User: &store.User{ID: "u-a", Username: "admin", Name: "管理员甲", Roles: []string{"admin"}, Active: true}}
	k := store.Contract{ID: "k-1", CustomerName: "华星商贸", OwnerName: "王销", TotalFen: 2_160_000, Major: true,
		StartsOn: ptr("2025-04-01"), EndsOn: ptr("2026-03-31"), UpdatedAt: now}
	task := store.Task{ID: "t-1", Kind: "contract_approval", SubjectType: "contract", SubjectID: "k-1",
		SubjectTitle: "华星商贸", AuthorName: "王销", CreatedAt: now}
	card := newTaskCard(task, now)
	card.Contract = &contractTaskInfo{Major: true, TotalFen: 2_160_000, Role: "marketing_director", Authority: 10,
		Items: contractItemViews([]store.ContractItem{{ProductName: "首页横幅", Unit: "天", Quantity: 2,
			UnitPriceFen: 1_020_000, ListPriceFen: 1_200_000}}, 10)}
	return map[string]any{
		"contracts_signed": signedContractsPage{Base: b, Contracts: []store.Contract{k}},
		"inbox":            inboxPage{Base: b, Tasks: []taskCard{card}},
	}
}

func ptr[T any](v T) *T { return &v }

// TestApproverPageTemplates: the signed list and the price lines of a
// contract's card against the approver's authority, in both languages.
func TestApproverPageTemplates(t *testing.T) {
	sitetest.CheckPages(t, approverSamplePages, map[i18n.Lang]map[string][]string{
		i18n.ZH: {
			"contracts_signed": {"已签合同", "华星商贸", "¥21,600.00", "2025-04-01", "重大合同"},
			"inbox":            {"目录价", "¥12,000.00", "¥10,200.00", "−15.0%", "超出价格权限", "最多低于目录价 10%"},
		},
		i18n.EN: {
			"contracts_signed": {"Signed contracts", "Major"},
			"inbox":            {"List price", "Below authority", "up to 10% off list"},
		},
	})
}
