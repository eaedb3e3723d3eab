package customers

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"salesflow/i18n"
	"salesflow/pages/site"
	"salesflow/pages/site/sitetest"
	"salesflow/policy"
	"salesflow/service"
	"salesflow/store"
	"salesflow/web"
)

// sampleCustomerPages is the data of every customer page, as a salesperson
// sees their own customer.
func sampleCustomerPages() map[string]any {
	u := store.User{ID: "u-1", Name: "李销售", Roles: []string{"salesperson"}}
	base := site.Base{User: &u, Nav: site.Nav{Customers: true}}
	due := time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC)
	owner := "李销售"
	cust := customerRow{Customer: store.Customer{ID: "c-1", Name: "华星商贸有限公司", Channel: "trade_show",
		OwnerID: "u-1", OwnerName: owner, Class: "key", CollectedOn: "2025-02-26", EnteredAt: due.AddDate(0, 0, -7),
		Phone: "021-55550000", Industry: "零售", Needs: "春节档期大屏", ContactDueAt: &due}, EnteredLate: true, ContactOverdue: true}
	return map[string]any{
		"customers": customersPage{Base: base, Rows: []customerRow{cust}, Classes: []string{"key", "tracking"},
			Filter: service.CustomerQuery{Class: "key"}, NewRecord: true, Next: "cur-1"},
		"customer": customerPage{Base: base, C: cust, Kinds: []string{"phone", "visit"}, Classes: []string{"key", "tracking"},
			Contacts: []store.Contact{{Name: "陈经理", Title: "总经理", IsDecisionMaker: true}}, CanAct: true, ProposeVisit: true,
			Timeline:  []store.Interaction{{Kind: "visit", Summary: "会见 / Met: 陈经理", OccurredOn: "2025-03-03", ActorName: owner}},
			Ownership: []store.OwnershipEvent{{OwnerName: &owner, Kind: "collected", CreatedAt: due}}, Form: service.InteractionInput{Kind: "phone"}},
		"customer_form": customerForm{Base: site.Base{User: &u, Problem: &site.Problem{Status: 422, Title: "x",
			Fields: map[string]string{"name": "必填", "contacts[1].email": "邮箱格式不对"}}},
			Contacts: make([]service.ContactInput, contactRows), Channels: []string{"trade_show", "marketing_event"},
			Check: duplicateCheck{Checked: true, Similar: []store.SimilarCustomer{{OwnerName: "王销售", Similarity: 0.62}}}},
	}
}

// TestCustomerPageTemplates renders the registry's pages in both languages.
func TestCustomerPageTemplates(t *testing.T) {
	view, err := web.New(web.Options{Location: policy.Shanghai})
	if err != nil {
		t.Fatal(err)
	}
	want := map[i18n.Lang]map[string][]string{
		i18n.ZH: {
			"customers":     {"华星商贸有限公司", "重点客户", "录入迟延", "联系已逾期", "行业展览会", "cursor=cur-1", `href="/customers/c-1"`},
			"customer":      {"华星商贸有限公司", "陈经理", "决策人", "春节档期大屏", "拜访", "会见 / Met: 陈经理", "登记者成为负责人", `/proposals/new?customer_id=c-1`, "记录联系"},
			"customer_form": {"录入新客户", "必填", "邮箱格式不对", "有 1 个名称相似的客户", "王销售", "相似度 0.62", "公司营销活动"},
		},
		i18n.EN: {
			"customers":     {"Customers", "Key", "Entered late", "Contact overdue", "Trade show"},
			"customer":      {"Contacts", "Decision-maker", "Timeline", "collected and owns it", "Log contact"},
			"customer_form": {"New customer", "1 customers have similar names", "similarity 0.62"},
		},
	}
	sitetest.CheckPages(t, func(i18n.Lang) map[string]any { return sampleCustomerPages() }, want)
	var buf bytes.Buffer
	if err := view.Fragment(&buf, string(i18n.ZH), "duplicate_check", duplicateCheck{Checked: true, Exists: true, Owner: "王销售"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "该客户已由 王销售 登记") || strings.Contains(buf.String(), "<html") {
		t.Errorf("the duplicate fragment: %s", buf.String())
	}
}
