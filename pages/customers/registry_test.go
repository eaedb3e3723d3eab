package customers

import (
	"testing"
	"time"

	"salesflow/i18n"
	"salesflow/pages/site"
	"salesflow/pages/site/sitetest"
	"salesflow/service"
	"salesflow/store"
)

// registrySamplePages are the customer list, a customer's file and the
// customer form with data a person would see, in one language.
func registrySamplePages(lang i18n.Lang) map[string]any {
	now := time.Date(2025, 3, 3, 1, 30, 0, 0, time.UTC) // 09:30 in Shanghai
	sales := &store.User{ID: "u-2", Username: "sales1", Name: "王销", Roles: []string{"salesperson"}}
	base := func(u *store.User) site.Base {
		b := site.Base{Lang: string(lang), User: u}
		b.Nav.Proposals, b.Nav.NewProposal = true, true
		return b
	}
	cust := store.Customer{ID: "c-1", Name: "华星商贸", Channel: "trade_show", Class: "tracking", OwnerID: "u-2",
		OwnerName: "王销", CollectedOn: "2025-03-01", EnteredAt: now}
	custBase := base(sales)
	custBase.Problem = &site.Problem{Status: 422, Title: i18n.T(lang, "problem.validation"),
		Fields: map[string]string{"phone": i18n.T(lang, "field.phone")}}
	return map[string]any{
		"customers": customersPage{Base: base(sales), NewRecord: true,
			Rows: []customerRow{{Customer: cust}}},
		"customer": customerPage{Base: base(sales), C: customerRow{Customer: cust}, ProposeVisit: true,
			Contacts: []store.Contact{{Name: "陈总", IsDecisionMaker: true}}},
		"customer_form": customerForm{Base: custBase, Channels: []string{"internet"},
			Req: service.CustomerInput{Name: "华星", Phone: "12"}, Contacts: make([]service.ContactInput, contactRows)},
	}
}

// TestRegistryPageTemplates renders the registry's pages in both
// languages and checks what a reader would look for.
func TestRegistryPageTemplates(t *testing.T) {
	sitetest.CheckPages(t, registrySamplePages, map[i18n.Lang]map[string][]string{
		i18n.ZH: {
			"customers":     {"录入新客户", "华星商贸", "跟踪客户", "行业展览会", `href="/customers/c-1"`},
			"customer":      {"华星商贸", "陈总", "决策人", `href="/proposals/new?customer_id=c-1"`},
			"customer_form": {"公司名称", "互联网", "电话号码至少需要 5 位数字", `value="12"`},
		},
		i18n.EN: {
			"customers":     {"Customers", "New customer", "Tracking", "Trade show"},
			"customer":      {"Contacts", "Decision-maker", "New proposal"},
			"customer_form": {"Company", "Internet", "a phone number needs at least 5 digits"},
		},
	})
}
