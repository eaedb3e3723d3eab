package api

import (
	"context"
	"net/http"
	"salesflow/workflows"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"go.temporal.io/sdk/client"
)

// TestMajorContractRejectionsAndVoiding: a line below the salesperson's
// authority makes the contract major (R5.3): the director decides first,
// then the company (R5.2). Rejections at either step send it back; a
// revision after an approval voids it.
func TestMajorContractRejectionsAndVoiding(t *testing.T) {
	e := newTestEnv(t)
	sales, director, approver := e.as(t, "sales1"), e.as(t, "director"), e.as(t, "approver")
	id := e.acceptedContract(sales, 80_000)
	path := "/api/v1/contracts/" + id
	e.withTerms(sales, id, 1, 80_000).status(http.StatusOK)
	submitted := sales.post(path+"/submit", nil, "").status(http.StatusOK)
	if submitted.body["major"] != true || !slices.Equal(roles(submitted), []string{"marketing_director", "company_approver"}) {
		t.Fatalf("80%% of list with 10%% authority is major: %s", submitted.raw)
	}
	if approver.openTaskFor(id) != "" {
		t.Fatal("the company must not be offered the step before the director decided")
	}
	rejected := director.decide(director.openTaskFor(id), "reject", "折扣超出权限", "").status(http.StatusOK)
	wantContract(t, rejected, "revising")

	sales.post(path+"/submit", nil, "").status(http.StatusOK)
	wantContract(t, approveAll(t, id, director), "in_approval")
	wantContract(t, approver.decide(approver.openTaskFor(id), "reject", "服务条款不清", "").status(http.StatusOK), "revising")
	before := sales.do("GET", path, nil, nil).status(http.StatusOK)
	if a := approvals(before); len(a) != 3 || a[1]["decision"] != "approve" || a[1]["voided"] != false {
		t.Fatalf("want the director's approval standing before the revision: %s", before.raw)
	}
	revised := e.withTerms(sales, id, 2, 85_000).status(http.StatusOK)
	for _, a := range approvals(revised) {
		if a["voided"] != true {
			t.Fatalf("a revision voids every earlier approval: %s", revised.raw)
		}
	}
	if revised.str("content_hash") == before.str("content_hash") {
		t.Fatal("a revision changes the content hash")
	}
	sales.post(path+"/submit", nil, "").status(http.StatusOK)
	approved := approveAll(t, id, director, approver)
	wantContract(t, approved, "approved")
	for _, a := range approvals(approved)[3:] {
		if a["content_hash"] != approved.str("content_hash") || a["voided"] != false {
			t.Fatalf("the counted approvals bind the current content: %s", approved.raw)
		}
	}
	approver.sign(id, "company", "", "").status(http.StatusOK)
	wantContract(t, sales.sign(id, "customer", "赵总", "").status(http.StatusOK), "signed")
}

// TestContractRecallSelfApprovalAndWrongRole: the author may recall before
// anyone decided; an author holding the approver role can never approve
// their own contract; a wrong role cannot decide or sign.
func TestContractRecallSelfApprovalAndWrongRole(t *testing.T) {
	e := newTestEnv(t)
	author, approver, director := e.as(t, "salesapprover"), e.as(t, "approver"), e.as(t, "director")
	id := e.acceptedContract(author, 100_000)
	path := "/api/v1/contracts/" + id
	e.withTerms(author, id, 0, 100_000).status(http.StatusOK)
	author.post(path+"/submit", nil, "").status(http.StatusOK)
	if author.openTaskFor(id) != "" {
		t.Fatal("the author's own approval task must not be in their inbox")
	}
	task := approver.openTaskFor(id)
	if res := author.decide(task, "approve", "", "").status(http.StatusForbidden); res.str("type") != "/problems/self-review" {
		t.Fatalf("self-approval: %s", res.raw)
	}
	director.decide(task, "approve", "", "").status(http.StatusNotFound) // not offered to the director
	wantContract(t, author.post(path+"/recall", nil, "").status(http.StatusOK), "revising")
	if approver.openTaskFor(id) != "" {
		t.Fatal("a recalled contract's task is withdrawn")
	}
	approver.decide(task, "approve", "", "").status(http.StatusConflict)

	author.post(path+"/submit", nil, "").status(http.StatusOK)
	approveAll(t, id, approver)
	author.post(path+"/recall", nil, "").status(http.StatusConflict)
	director.sign(id, "company", "", "").status(http.StatusForbidden)
	approver.sign(id, "customer", "某人", "").status(http.StatusForbidden)
	if res := author.sign(id, "company", "", "").status(http.StatusForbidden); res.str("type") != "/problems/self-review" {
		t.Fatalf("the author cannot sign for the company: %s", res.raw)
	}
}

// TestSigningBeforeApprovalAndIdempotency: no signature before every
// approval; the same Idempotency-Key twice is one decision and one
// signature; one signature alone leaves the contract not valid.
func TestSigningBeforeApprovalAndIdempotency(t *testing.T) {
	e := newTestEnv(t)
	sales, approver, approver2 := e.as(t, "sales1"), e.as(t, "approver"), e.as(t, "approver2")
	id := e.acceptedContract(sales, 100_000)
	path := "/api/v1/contracts/" + id
	sales.sign(id, "customer", "钱总", "").status(http.StatusConflict)
	e.withTerms(sales, id, 0, 100_000).status(http.StatusOK)
	first := sales.post(path+"/submit", nil, "submit-1").status(http.StatusOK)
	again := sales.post(path+"/submit", nil, "submit-1").status(http.StatusOK)
	if first.str("open_task_id") != again.str("open_task_id") {
		t.Fatal("the same submit twice opens one round")
	}
	approver.sign(id, "company", "", "").status(http.StatusConflict)
	task := approver.openTaskFor(id)
	wantContract(t, approver.decide(task, "approve", "好", "click-1").status(http.StatusOK), "approved")
	wantContract(t, approver.decide(task, "approve", "好", "click-1").status(http.StatusOK), "approved")
	if res := approver2.decide(task, "approve", "", "click-2").status(http.StatusConflict); res.str("type") != "/problems/task-decided" {
		t.Fatalf("a decided task: %s", res.raw)
	}
	approver.sign(id, "company", "", "sign-1").status(http.StatusOK)
	approver.sign(id, "company", "", "sign-1").status(http.StatusOK)
	approver2.sign(id, "company", "", "sign-2").status(http.StatusConflict)
	var n int
	_ = e.Store.DB().Get(&n, `SELECT (SELECT count(*) FROM contract_approvals WHERE contract_id = $1)
		+ 10 * (SELECT count(*) FROM signatures WHERE contract_id = $1)`, id)
	if n != 11 {
		t.Fatalf("want one approval and one signature, got code %d", n)
	}
	v := sales.do("GET", path+"/verification", nil, nil).status(http.StatusOK)
	if v.body["valid"] != false || v.body["document_intact"] != true {
		t.Fatalf("one signature over an intact document is still not valid: %s", v.raw)
	}
	// The signature that completes the contract ends its workflow; the
	// same key again still answers with the first result.
	wantContract(t, sales.sign(id, "customer", "钱总", "sign-c").status(http.StatusOK), "signed")
	wantContract(t, sales.sign(id, "customer", "钱总", "sign-c").status(http.StatusOK), "signed")
	sales.sign(id, "customer", "钱总", "sign-d").status(http.StatusConflict)
}

// TestDelegatedApprovalAndSignature: someone the company approver
// authorised decides and signs in their name, recorded as such (R5.5); an
// expired delegation gives nothing.
func TestDelegatedApprovalAndSignature(t *testing.T) {
	e := newTestEnv(t)
	sales, approver, deputy, late := e.as(t, "sales1"), e.as(t, "approver"), e.as(t, "sales2"), e.as(t, "sales3")
	now := time.Now()
	sales.post("/api/v1/delegations", map[string]any{"to_user_id": e.users["sales2"].ID,
		"starts_at": now.Format(time.RFC3339), "ends_at": now.Add(time.Hour).Format(time.RFC3339)}, "").status(http.StatusForbidden)
	approver.post("/api/v1/delegations", map[string]any{"to_user_id": e.users["sales2"].ID,
		"starts_at": now.Add(-time.Minute).Format(time.RFC3339), "ends_at": now.Add(time.Hour).Format(time.RFC3339)}, "").status(http.StatusCreated)
	bad := approver.post("/api/v1/delegations", map[string]any{"to_user_id": e.users["sales3"].ID,
		"starts_at": now.Add(-2 * time.Hour).Format(time.RFC3339), "ends_at": now.Add(-time.Hour).Format(time.RFC3339)}, "")
	if !hasFieldError(bad.status(http.StatusUnprocessableEntity), "ends_at") {
		t.Fatalf("a delegation that already ended: %s", bad.raw)
	}
	e.Store.DB().MustExec(`INSERT INTO delegations (id, from_user, to_user, role, starts_at, ends_at)
		VALUES ('expired-'||md5(random()::text), $1, $2, 'company_approver', now() - interval '2 days', now() - interval '1 day')`,
		e.users["approver"].ID, e.users["sales3"].ID)

	id := e.acceptedContract(sales, 100_000)
	e.withTerms(sales, id, 0, 100_000).status(http.StatusOK)
	sales.post("/api/v1/contracts/"+id+"/submit", nil, "").status(http.StatusOK)
	task := deputy.openTaskFor(id)
	if task == "" || late.openTaskFor(id) != "" {
		t.Fatalf("the delegate sees the task (%q); the holder of an expired delegation does not", task)
	}
	late.decide(task, "approve", "", "").status(http.StatusNotFound)
	late.do("GET", "/api/v1/contracts/"+id, nil, nil).status(http.StatusNotFound)
	approved := deputy.decide(task, "approve", "代孙审批同意", "").status(http.StatusOK)
	a := approvals(approved)[0]
	if a["decided_by"] != e.users["sales2"].ID || a["on_behalf_of"] != e.users["approver"].ID {
		t.Fatalf("a delegated approval names both: %v", a)
	}
	late.sign(id, "company", "", "").status(http.StatusNotFound)
	signed := deputy.sign(id, "company", "", "").status(http.StatusOK)
	s := signed.body["signatures"].([]any)[0].(map[string]any)
	if s["signer_id"] != e.users["sales2"].ID || s["on_behalf_of"] != e.users["approver"].ID {
		t.Fatalf("a delegated signature names both: %v", s)
	}
	list := deputy.do("GET", "/api/v1/delegations", nil, nil).status(http.StatusOK)
	if len(list.body["items"].([]any)) != 1 {
		t.Fatalf("the delegate sees the delegation they received: %s", list.raw)
	}
}

// TestMajorContractSeparationOfDuties: one person who holds both the
// director's and the company approver's roles gives the director's approval
// of a major contract; the company's step is then refused to them (403)
// and given by another approver (NIST AC-5).
func TestMajorContractSeparationOfDuties(t *testing.T) {
	e := newTestEnv(t)
	sales, dual, approver := e.as(t, "sales1"), e.as(t, "dirapprover"), e.as(t, "approver")
	id := e.acceptedContract(sales, 80_000)
	e.withTerms(sales, id, 1, 80_000).status(http.StatusOK)
	sales.post("/api/v1/contracts/"+id+"/submit", nil, "").status(http.StatusOK)
	wantContract(t, dual.decide(dual.openTaskFor(id), "approve", "总监同意", "").status(http.StatusOK), "in_approval")
	company := approver.openTaskFor(id)
	// The contract's page offers the decision by the validator's rule: not
	// to the director who approved the round's first step, though the task
	// is in their inbox as a company approver's.
	dualPage, approverPage := e.pageBrowser(t), e.pageBrowser(t)
	dualPage.signIn("dirapprover")
	approverPage.signIn("approver")
	decideForm := `action="/tasks/` + company + `/decision"`
	if html := dualPage.page("/contracts/" + id); strings.Contains(html, decideForm) {
		t.Errorf("the page offers the decision to the one who approved the first step")
	}
	approverPage.page("/contracts/"+id, decideForm)
	refused := dual.decide(company, "approve", "公司也同意", "").status(http.StatusForbidden)
	if !strings.Contains(string(refused.raw), "/problems/") {
		t.Fatalf("the refusal is a problem document: %s", refused.raw)
	}
	approved := approver.decide(company, "approve", "", "").status(http.StatusOK)
	wantContract(t, approved, "approved")
	if a := approvals(approved); len(a) != 2 || a[0]["decided_by"] == a[1]["decided_by"] {
		t.Fatalf("the two approvals come from two people: %v", a)
	}
}

// TestDelegationOneRoleRevokedAndBounded (issue 11 point 12): a delegation
// passes on one role — the delegator names it when they hold two — lasts at
// most the configured maximum, lets the delegate see only the contracts
// that role's work needs, and ends at once when the delegator revokes it.
func TestDelegationOneRoleRevokedAndBounded(t *testing.T) {
	e := newTestEnv(t)
	sales, dual, deputy := e.as(t, "sales1"), e.as(t, "dirapprover"), e.as(t, "sales3")
	now := time.Now()
	window := func(d time.Duration) map[string]any {
		return map[string]any{"to_user_id": e.users["sales3"].ID, "starts_at": now.Add(-time.Minute).Format(time.RFC3339),
			"ends_at": now.Add(d).Format(time.RFC3339)}
	}
	if bad := dual.post("/api/v1/delegations", window(time.Hour), "").status(http.StatusUnprocessableEntity); !hasFieldError(bad, "role") {
		t.Fatalf("a delegator with two roles must name one: %s", bad.raw)
	}
	tooLong := window(31 * 24 * time.Hour)
	tooLong["role"] = "marketing_director"
	if bad := dual.post("/api/v1/delegations", tooLong, "").status(http.StatusUnprocessableEntity); !hasFieldError(bad, "ends_at") {
		t.Fatalf("a delegation over 30 days: %s", bad.raw)
	}
	asked := window(time.Hour)
	asked["role"] = "marketing_director"
	d := dual.post("/api/v1/delegations", asked, "").status(http.StatusCreated)
	if d.str("role") != "marketing_director" {
		t.Fatalf("the delegation carries the role asked for: %s", d.raw)
	}
	delegation := d.str("id")

	// A normal contract waits for the company approver only: the director's
	// delegate is not offered it and cannot see it.
	normal := e.acceptedContract(sales, 100_000)
	e.withTerms(sales, normal, 0, 100_000).status(http.StatusOK)
	sales.post("/api/v1/contracts/"+normal+"/submit", nil, "").status(http.StatusOK)
	if deputy.openTaskFor(normal) != "" {
		t.Fatal("a marketing director's delegate is offered the company approver's step")
	}
	deputy.do("GET", "/api/v1/contracts/"+normal, nil, nil).status(http.StatusNotFound)
	// A major contract waits for the director first: offered and visible.
	major := e.acceptedContract(sales, 80_000)
	e.withTerms(sales, major, 1, 80_000).status(http.StatusOK)
	sales.post("/api/v1/contracts/"+major+"/submit", nil, "").status(http.StatusOK)
	if deputy.openTaskFor(major) == "" {
		t.Fatal("the director's delegate is offered the director's step")
	}
	deputy.do("GET", "/api/v1/contracts/"+major, nil, nil).status(http.StatusOK)

	deputy.post("/api/v1/delegations/"+delegation+"/revoke", nil, "").status(http.StatusForbidden)
	revoked := dual.post("/api/v1/delegations/"+delegation+"/revoke", nil, "revoke-"+delegation).status(http.StatusOK)
	if revoked.body["revoked_at"] == nil {
		t.Fatalf("revoked: %s", revoked.raw)
	}
	dual.post("/api/v1/delegations/"+delegation+"/revoke", nil, "another-key").status(http.StatusConflict)
	if deputy.openTaskFor(major) != "" {
		t.Fatal("a revoked delegation still offers the step")
	}
	deputy.do("GET", "/api/v1/contracts/"+major, nil, nil).status(http.StatusNotFound)
	var audited int
	_ = e.Store.DB().Get(&audited, `SELECT count(*) FROM audit_events WHERE subject_id = $1
		AND action IN ('delegation.created', 'delegation.revoked')`, delegation)
	if audited != 2 {
		t.Fatalf("want the delegation's creation and revocation audited, got %d events", audited)
	}
	// Leave no step waiting in the shared database's inboxes.
	for _, id := range []string{normal, major} {
		sales.post("/api/v1/contracts/"+id+"/recall", nil, "").status(http.StatusOK)
	}
}

// TestContractOnItsWayIsStillRunning: a contract whose workflow runs but
// has not stored its first version (an acceptance answered while a worker
// restarts carries its ID already) answers 503 still-running with
// Retry-After, so a client retries instead of hearing "no such contract";
// once the workflow is gone, the same ID is 404.
func TestContractOnItsWayIsStillRunning(t *testing.T) {
	e := newTestEnv(t)
	sales := e.as(t, "sales1")
	id := uuid.NewString()
	ctx := context.Background()
	// No worker polls this queue: the workflow runs and never drafts.
	run, err := e.Temporal.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: workflows.ContractWorkflowID(id),
		TaskQueue: "nobody-" + randomSuffix()}, workflows.ContractWorkflow, workflows.ContractInput{ContractID: id})
	if err != nil {
		t.Fatal(err)
	}
	r := sales.do("GET", "/api/v1/contracts/"+id, nil, nil).status(http.StatusServiceUnavailable)
	if r.str("type") != "/problems/still-running" || r.header.Get("Retry-After") == "" {
		t.Fatalf("a contract on its way: %s", r.raw)
	}
	if err := e.Temporal.TerminateWorkflow(ctx, run.GetID(), run.GetRunID(), "test over"); err != nil {
		t.Fatal(err)
	}
	sales.do("GET", "/api/v1/contracts/"+id, nil, nil).status(http.StatusNotFound)
}
