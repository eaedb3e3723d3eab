package pages

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
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

// sampleContractPages are the contract and delegation pages with data a
// person would see, in one language.
func sampleContractPages(lang i18n.Lang) map[string]any {
	now := time.Date(2025, 3, 3, 1, 30, 0, 0, time.UTC) // 09:30 in Shanghai
	approver := &store.User{ID: "u-3", Username: "approver", Name: "赵批", Roles: []string{"company_approver"}}
	sales := &store.User{ID: "u-2", Username: "sales1", Name: "王销", Roles: []string{"salesperson"}}
	base := func(u *store.User) site.Base { return site.Base{Lang: string(lang), User: u} }
	free, task, starts, ends := 2, "k-1-approval-1-2", "2025-04-01", "2026-03-31"
	director, onBehalf, comment, revised := "u-4", "钱总", "同意", "revised"
	k := store.Contract{ID: "k-1", ProposalID: "p-1", CustomerName: "华星商贸", OwnerID: "u-2", OwnerName: "王销",
		Status: "in_approval", Version: 2, Major: true, RequiredApprovals: []string{"marketing_director", "company_approver"},
		ServiceTerms: policy.ServiceTerms{FreeRevisions: &free}, StartsOn: &starts, EndsOn: &ends, TotalFen: 2_000_000,
		CreatedAt: now, UpdatedAt: now, OpenTaskID: &task,
		Items: []store.ContractItem{{LineNo: 1, ProductID: "pr-1", ProductCode: "A01", ProductName: "首页横幅", Unit: "天",
			Quantity: 2, UnitPriceFen: 1_000_000, ListPriceFen: 1_200_000}},
		Approvals: []store.ContractApproval{
			{Role: "company_approver", Version: 1, DecidedByName: "赵批", Decision: "approve", At: now, Voided: true, VoidReason: &revised},
			{Role: "marketing_director", Version: 2, DecidedByName: "孙助", OnBehalfOf: &director, OnBehalfOfName: &onBehalf,
				Decision: "approve", Comment: &comment, At: now}},
		History: []store.Event{
			{ActorName: "王销", Action: "contract.drafted", At: now, Detail: json.RawMessage(`{"version":1}`)},
			{ActorName: "王销", Action: "contract.revised", At: now, Detail: json.RawMessage(`{"version":2}`)},
			{ActorName: "孙助", OnBehalfOf: "u-4", Action: "contract.approval_approved", At: now,
				Detail: json.RawMessage(`{"version":2,"role":"marketing_director","comment":"同意"}`)},
			{ActorName: "王销", Action: "contract.signed_customer", At: now, Detail: json.RawMessage(`{"signatory_name":"陈客户"}`)},
			{Action: "contract.approval_reminded", At: now, Detail: json.RawMessage(`{"role":"company_approver"}`)}}}
	inApproval := contractPage{Base: base(approver), K: k, Items: contractItemViews(k.Items, 10), Authority: 10,
		BelowAny: true, Submitted: true, Steps: approvalSteps(k), DocumentURL: "/api/v1/contracts/k-1/document",
		Actions: contractActions{Decide: &decisionForm{TaskID: task, Key: "k", Return: "/contracts/k-1"}, DecideFor: "钱总"}}
	for _, a := range k.Approvals {
		inApproval.Decisions = append(inApproval.Decisions, approvalView{ContractApproval: a, Comment: derefString(a.Comment),
			OnBehalfOf: derefString(a.OnBehalfOfName), Void: map[bool]string{true: "revised"}[a.Voided]})
	}
	inApproval.History, inApproval.Versions = contractHistory(k)

	signed := k
	signed.Status, signed.OpenTaskID = "signed", nil
	signed.Signatures = []store.Signature{
		{SignerRole: "company", SignerName: "孙助", OnBehalfOfName: "赵批", DocumentSHA256: strings.Repeat("ab", 32), SignedAt: now},
		{SignerRole: "customer", SignerName: "王销", CustomerSignatoryName: "陈客户", DocumentSHA256: strings.Repeat("ab", 32), SignedAt: now}}
	verify := &service.ContractVerification{Issued: true, DocumentSHA256: strings.Repeat("ab", 32), Intact: true, Valid: true,
		Checks: []service.SignatureCheck{{SignerRole: "company", DocumentMatches: true, SignatureValid: true},
			{SignerRole: "customer", DocumentMatches: true, SignatureValid: true}}}
	signedPage := contractPage{Base: base(sales), K: signed, Items: contractItemViews(k.Items, 10), Authority: 10,
		Submitted: true, Steps: approvalSteps(signed), Verify: verify, Signatures: signatureViews(signed.Signatures, verify),
		DocumentURL: "/api/v1/contracts/k-1/document"}

	draft := k
	draft.Status, draft.RequiredApprovals, draft.Approvals, draft.OpenTaskID = "drafting", []string{}, nil, nil
	draft.ServiceTerms = policy.ServiceTerms{}
	draftPage := contractPage{Base: base(sales), K: draft, Items: contractItemViews(k.Items, 10), Authority: 10,
		BelowAny: true, DocumentURL: "/api/v1/contracts/k-1/document",
		Actions: contractActions{Edit: true, Submit: true, SubmitKey: "s", NeedsTerms: true}}

	approved := k
	approved.Status, approved.OpenTaskID = "approved", nil
	approvedPage := contractPage{Base: base(sales), K: approved, Items: contractItemViews(k.Items, 10), Authority: 10,
		Submitted: true, Steps: approvalSteps(approved), DocumentURL: "/api/v1/contracts/k-1/document",
		Verify:  &service.ContractVerification{Issued: true, DocumentSHA256: strings.Repeat("cd", 32), Intact: true},
		Actions: contractActions{SignCustomer: true, SignCustomerKey: "c", SignCompany: true, SignCompanyKey: "co", SignCompanyFor: "赵批"}}

	products := []store.Product{{ID: "pr-1", Code: "A01", Name: "首页横幅", Unit: "天", ListPriceFen: 1_200_000}}
	form := contractForm{Base: base(sales), K: k, NextVersion: 3, Key: "k", Terms: "fee", ServiceFee: "",
		FreeRevisions: "", StartsOn: "2025-04-01", EndsOn: "2025-03-01",
		Lines: []lineView{{ProductID: "pr-1", Quantity: "2", Price: "10000", Products: products}, {Products: products}}}
	form.Problem = &site.Problem{Status: 422, Title: i18n.T(lang, "problem.validation"), Fields: map[string]string{
		"service_terms.service_fee": i18n.T(lang, "field.required"), "ends_on": i18n.T(lang, "field.ends_before_starts")}}

	deleg := store.Delegation{ID: "d-1", FromUser: "u-3", FromUserName: "赵批", ToUser: "u-5", ToUserName: "孙助",
		Role: "company_approver", StartsAt: now, EndsAt: now.Add(72 * time.Hour)}
	delegations := delegationsPage{Base: base(approver), CanGrant: true, Key: "k", StartsAt: "2025-03-03T09:30",
		Roles:      []string{"company_approver"},
		Given:      delegationList{Given: true, Rows: []delegationRow{{Delegation: deleg, State: "active", CanRevoke: true}}},
		Colleagues: []store.User{{ID: "u-5", Username: "assistant", Name: "孙助"}}}
	delegations.Problem = &site.Problem{Status: 422, Title: i18n.T(lang, "problem.validation"),
		Fields: map[string]string{"ends_at": i18n.T(lang, "page.delegations.datetime")}}

	version := 2
	due := now.Add(time.Hour)
	card := newTaskCard(store.Task{ID: task, Kind: "contract_approval", SubjectType: "contract", SubjectID: "k-1",
		SubjectVersion: &version, SubjectTitle: "华星商贸", AuthorName: "王销", Status: "open", CreatedAt: now, DueAt: &due}, now)
	card.Contract = &contractTaskInfo{Major: true, TotalFen: 2_000_000, Role: "company_approver", OnBehalfOf: "赵批"}

	return map[string]any{
		"contract":             inApproval,
		"contract_signed":      signedPage,
		"contract_draft":       draftPage,
		"contract_approved":    approvedPage,
		"contract_form":        form,
		"delegations":          delegations,
		"delegations_received": delegationsPage{Base: base(sales), Given: delegationList{Given: true}, Received: delegationList{Rows: []delegationRow{{Delegation: deleg, State: "ended"}}}},
		"inbox":                inboxPage{Base: base(approver), Tasks: []taskCard{card}},
	}
}

// TestContractPageTemplates renders every contract and delegation page in
// both languages and checks what a reader would look for.
func TestContractPageTemplates(t *testing.T) {
	view, err := web.New(web.Options{Location: policy.Shanghai})
	if err != nil {
		t.Fatal(err)
	}
	want := map[i18n.Lang]map[string][]string{
		i18n.ZH: {
			"contract": {"合同 · 华星商贸", "审批中", "重大合同", "市场总监", "公司审批", "已同意", "待审批", "孙助", "（代 钱总）",
				"2025-03-03 09:30", "已作废（合同已修改）", "超出价格权限", "−16.6%", "¥20,000.00", "含免费修改换画 2 次",
				"2025-04-01", "2026-03-31", "/api/v1/contracts/k-1/document", `action="/tasks/k-1-approval-1-2/decision"`,
				"您将代 钱总 处理", "起草了合同", "客户签字人：陈客户", "审批同意", "提醒审批人", "系统", "第 2 版", "授权"},
			"contract_signed": {"已签署", "陈客户", "（代 赵批）", "abababababab", "验证通过：文本完整，双方签署均有效。", "双方已签署的正式文本"},
			"contract_draft":  {"起草中", "尚未写明服务条款", "修改合同", "提交审批", "须市场总监同意", `href="/contracts/k-1/edit"`},
			"contract_approved": {"代表公司签署", "记录客户签署", "客户签字人", `name="signatory_name"`, `value="customer"`,
				`value="company"`, "您将代 赵批 处理", "尚未生效：等待双方签署。", "文本注明无效"},
			"contract_form": {"修改合同", "第 2 版 → 第 3 版", "首页横幅", `value="10000"`, "含免费修改换画", "服务另行收费",
				"暂不约定", `value="fee" checked`, "必填", "结束日期不能早于开始日期", `type="date"`, `hx-get="/proposals/line"`},
			"delegations": {"授权", "我给出的授权", "孙助", "生效中", "2025-03-03 09:30", "2025-03-06 09:30", `type="datetime-local"`, "撤销", "公司审批",
				`value="2025-03-03T09:30"`, "请选择日期和时间", "北京时间"},
			"delegations_received": {"我收到的授权", "赵批", "已结束", "您尚未授权任何人。"},
			"inbox":                {"合同审批", "合同 · 华星商贸", `href="/contracts/k-1"`, "重大合同", "公司审批", "¥20,000.00", "您将代 赵批 处理"},
		},
		i18n.EN: {
			"contract": {"Contract · 华星商贸", "In approval", "Major", "Marketing director", "Company approver", "Approved",
				"Waiting", "(for 钱总)", "Void (contract revised)", "Below authority", "2 free artwork changes/revisions included",
				"You act for 钱总", "drafted the contract", "reminded the approver", "System", "v2", "Delegations"},
			"contract_signed":      {"Signed", "Customer signatory", "Verified: the document is intact and both signatures hold."},
			"contract_draft":       {"Drafting", "No service terms yet", "Submit for approval"},
			"contract_approved":    {"Sign for the company", "Record the customer", "Not valid yet"},
			"contract_form":        {"Edit the contract", "v2 → v3", "Service is charged", "Not agreed yet", "is required", "must not be before starts_on"},
			"delegations":          {"Delegations", "Given by me", "Active", "China Standard Time", "choose a date and time", "Authorise"},
			"delegations_received": {"Given to me", "Ended", "You have authorised no one."},
			"inbox":                {"Contract approval", "Contract · 华星商贸", "Major", "Company approver", "You act for 赵批"},
		},
	}
	for lang, pagesWant := range want {
		data := sampleContractPages(lang)
		for name, texts := range pagesWant {
			page := name
			if i := strings.Index(name, "_"); i > 0 && name != "contract_form" {
				page = name[:i]
			}
			sitetest.CheckPage(t, view, lang, name, page, data[name], texts)
		}
	}
}

// TestContractPageFragments renders the contract task's card and its done
// card on their own, as htmx swaps them.
func TestContractPageFragments(t *testing.T) {
	view, err := web.New(web.Options{Location: policy.Shanghai})
	if err != nil {
		t.Fatal(err)
	}
	reject := "reject"
	done := store.Task{ID: "t-1", SubjectType: "contract", SubjectID: "k-1", SubjectTitle: "华星商贸", Decision: &reject}
	card := newTaskCard(store.Task{ID: "t-2", Kind: "contract_approval", SubjectType: "contract", SubjectID: "k-1",
		SubjectTitle: "华星商贸"}, time.Now())
	for name, tc := range map[string]struct {
		data any
		want []string
	}{
		"task_done": {done, []string{"已驳回", `href="/contracts/k-1"`, "合同 · 华星商贸"}},
		"task_card": {card, []string{"合同审批", `href="/contracts/k-1"`, `hx-post="/tasks/t-2/decision"`}},
	} {
		var buf bytes.Buffer
		if err := view.Fragment(&buf, string(i18n.ZH), name, tc.data); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, w := range tc.want {
			if !strings.Contains(buf.String(), w) {
				t.Errorf("%s: %q missing in %s", name, w, buf.String())
			}
		}
	}
}

// TestContractPageCatalogue checks that every key the new templates use,
// and every contract status, role, step, party, audit action and task kind
// the store can hold, has both texts.
func TestContractPageCatalogue(t *testing.T) {
	keys := map[string]bool{}
	re := regexp.MustCompile(`\bt "(page\.[a-z0-9_.]+)"`)
	for _, f := range []string{"contract.html", "contract_form.html", "delegations.html", "partials.html", "layout.html", "proposal.html"} {
		b, err := os.ReadFile(filepath.Join("..", "web", "templates", f))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			keys[m[1]] = true
		}
	}
	for _, s := range []policy.ContractStatus{policy.ContractDrafting, policy.ContractInApproval, policy.ContractRevising,
		policy.ContractApproved, policy.ContractSigned} {
		keys["page.status."+string(s)] = true
	}
	for _, r := range policy.AllRoles {
		keys["page.role."+string(r)] = true
	}
	for _, s := range []string{"approve", "reject", "waiting", "pending"} {
		keys["page.step."+s] = true
	}
	for _, s := range []policy.SignerRole{policy.SignerCompany, policy.SignerCustomer} {
		keys["page.party."+string(s)] = true
	}
	for _, s := range []string{"revised", "new_round", "other"} {
		keys["page.contract.voided_"+s] = true
	}
	for _, s := range []string{"active", "upcoming", "ended"} {
		keys["page.delegations.state_"+s] = true
	}
	// Every contract.* action the activities write to the trail.
	actions := regexp.MustCompile(`"(contract\.[a-z_]+)"`)
	for _, f := range []string{"contract.go", "signing.go"} {
		b, err := os.ReadFile(filepath.Join("..", "activities", f))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range actions.FindAllStringSubmatch(string(b), -1) {
			if !strings.HasSuffix(m[1], "_") { // a prefix, completed below
				keys["page.action."+m[1]] = true
			}
		}
	}
	for _, s := range []policy.SignerRole{policy.SignerCompany, policy.SignerCustomer} {
		keys["page.action.contract.signed_"+string(s)] = true // built as "contract.signed_" + role
	}
	keys["page.task_kind.contract_approval"] = true
	if !keys["page.action.contract.document_issued"] || !keys["page.action.contract.approval_escalated"] {
		t.Fatal("the activities' actions were not found")
	}
	for k := range keys {
		zh, okZH := i18n.Lookup(i18n.ZH, k)
		en, okEN := i18n.Lookup(i18n.EN, k)
		if !okZH || !okEN || zh == "" || en == "" {
			t.Errorf("%s: missing in the catalogue or in one language", k)
		}
	}
	// That both languages take the same arguments is checked for every key
	// by package i18n's TestCatalogue.
}

// TestContractPageRules checks the view rules that need no database.
func TestContractPageRules(t *testing.T) {
	items := contractItemViews([]store.ContractItem{
		{Quantity: 1, UnitPriceFen: 90_000, ListPriceFen: 100_000}, // exactly 10% off: within
		{Quantity: 1, UnitPriceFen: 89_999, ListPriceFen: 100_000}, // below
	}, 10)
	if items[0].BelowAuthority || !items[1].BelowAuthority {
		t.Errorf("below authority: %v %v, want false true", items[0].BelowAuthority, items[1].BelowAuthority)
	}
	k := store.Contract{Status: "in_approval", RequiredApprovals: []string{"marketing_director", "company_approver"},
		Approvals: []store.ContractApproval{{Role: "marketing_director", Decision: "approve", Voided: true},
			{Role: "marketing_director", Decision: "approve"}}}
	steps := approvalSteps(k)
	if steps[0].State != "approve" || steps[1].State != "waiting" {
		t.Errorf("steps: %+v", steps)
	}
	k.Approvals = k.Approvals[:1] // only a voided one: the director's step waits again
	if steps = approvalSteps(k); steps[0].State != "waiting" || steps[1].State != "pending" {
		t.Errorf("steps after a void: %+v", steps)
	}
	for in, ok := range map[string]bool{"2025-03-03T09:30": true, "2025-03-03T09:30:15": true, "": false, "2025-03-03": false} {
		got, parsed := parseLocalMinute(in)
		if parsed != ok {
			t.Errorf("parseLocalMinute(%q) ok = %v", in, parsed)
		}
		if ok && got.UTC().Hour() != 1 {
			t.Errorf("parseLocalMinute(%q) = %v, want 01:30 UTC (China Standard Time)", in, got.UTC())
		}
	}
	if !(site.Base{User: &store.User{Roles: []string{"marketing_director"}}}).DelegationsNav() ||
		(site.Base{User: &store.User{Roles: []string{"salesperson"}}}).DelegationsNav() || (site.Base{}).DelegationsNav() {
		t.Error("the delegations link is offered to the wrong roles")
	}
}
