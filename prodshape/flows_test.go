package prodshape

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"mime/multipart"
	"net/http"
	"time"
)

// flowKind is one of the journeys the suite drives end to end.
type flowKind string

const (
	kindF1      flowKind = "F1 proposal → accepted"
	kindF2      flowKind = "F2 contract → signed"
	kindF2Major flowKind = "F2 major contract → signed"
	kindVisit   flowKind = "visit → reported"
	kindContact flowKind = "new customer → contacted (R2.5)"
)

// kindMix is how many of every ten flows are of each kind.
var kindMix = []struct {
	kind flowKind
	per  int
}{{kindF1, 2}, {kindF2, 2}, {kindF2Major, 2}, {kindVisit, 2}, {kindContact, 2}}

// flow is one journey and what it left behind.
type flow struct {
	n          int
	kind       flowKind
	owner      string // the salesperson's username
	home       int    // the API process its clients try first
	customerID string
	proposalID string
	contractID string
	visitID    string
	created    time.Time // when its customer was recorded (R2.5's week starts)
	err        error
	took       time.Duration
}

func (f *flow) key(step string) string { return fmt.Sprintf("prodshape-%d-%s", f.n, step) }

// people are the signed-in users, one set per API process tried first.
type people map[string]*user

// driver drives flows with the users of the seed.
type driver struct {
	users    []people // by home API process
	products []string // product ids of the rate card
	listFen  []int64  // their list prices
}

func (d *driver) as(f *flow, name string) *user { return d.users[f.home][name] }

// run drives f to its end state; the first error ends it.
func (d *driver) run(ctx context.Context, f *flow) error {
	var err error
	if f.customerID, err = d.newCustomer(ctx, f); err != nil {
		return err
	}
	f.created = time.Now()
	switch f.kind {
	case kindF1:
		return d.proposalAccepted(ctx, f)
	case kindF2, kindF2Major:
		if err := d.proposalAccepted(ctx, f); err != nil {
			return err
		}
		return d.contractSigned(ctx, f)
	case kindVisit:
		return d.visitReported(ctx, f)
	case kindContact:
		_, err := d.as(f, f.owner).want(ctx, "POST", "/api/v1/customers/"+f.customerID+"/interactions",
			map[string]any{"kind": "phone", "summary": "首次电话联系，介绍春季广告位"}, f.key("call"), http.StatusCreated)
		return err
	}
	return fmt.Errorf("unknown flow kind %q", f.kind)
}

// newCustomer records the flow's customer. The API takes no
// Idempotency-Key here; a retry after a lost answer meets R2.2's duplicate
// check, whose 409 names the record the first attempt stored.
func (d *driver) newCustomer(ctx context.Context, f *flow) (string, error) {
	body := map[string]any{"name": fmt.Sprintf("产销形态测试客户 %d-%s", f.n, randomHex(4)), "channel": "trade_show",
		"collected_on": time.Now().Format(time.DateOnly)}
	res, err := d.as(f, f.owner).want(ctx, "POST", "/api/v1/customers", body, f.key("customer"),
		http.StatusCreated, http.StatusConflict)
	if err != nil {
		return "", err
	}
	if res.Code == http.StatusConflict {
		id, _ := res.Body["existing_customer_id"].(string)
		if !res.Retried || id == "" {
			return "", fmt.Errorf("new customer: %s", truncate(res.Raw, 300))
		}
		return id, nil
	}
	return res.str("id"), nil
}

func (d *driver) items(fen func(list int64) int64) []map[string]any {
	out := []map[string]any{}
	for i, id := range d.products[:2] {
		out = append(out, map[string]any{"product_id": id, "quantity": 1, "unit_price_fen": fen(d.listFen[i])})
	}
	return out
}

func atList(list int64) int64 { return list }

// proposalAccepted is F1: draft, submit, the reviewer approves, the
// customer accepts.
func (d *driver) proposalAccepted(ctx context.Context, f *flow) error {
	sales := d.as(f, f.owner)
	res, err := sales.want(ctx, "POST", "/api/v1/proposals", map[string]any{"customer_id": f.customerID,
		"title": fmt.Sprintf("春季投放方案 %d", f.n), "body": "方案正文", "items": d.items(atList)},
		f.key("proposal"), http.StatusCreated, http.StatusOK)
	if err != nil {
		return err
	}
	f.proposalID = res.str("id")
	path := "/api/v1/proposals/" + f.proposalID
	if _, err := sales.want(ctx, "POST", path+"/submit", nil, f.key("submit"), http.StatusOK); err != nil {
		return err
	}
	if err := d.decide(ctx, f, "reviewer", path, "review"); err != nil {
		return err
	}
	res, err = sales.want(ctx, "POST", path+"/customer-response", map[string]any{"accepted": true, "note": "客户确认", "paper": true},
		f.key("accept"), http.StatusOK)
	if err != nil {
		return err
	}
	if res.str("status") != "accepted" {
		return fmt.Errorf("proposal %s after acceptance: %s", f.proposalID, truncate(res.Raw, 300))
	}
	f.contractID = res.str("contract_id")
	return nil
}

// decide has name approve the open task of the resource at path, found as
// the resource's open_task_id. The wait bounds a step the workflow takes
// after answering; it is not a timing assertion.
func (d *driver) decide(ctx context.Context, f *flow, name, path, step string) error {
	u := d.as(f, name)
	var task string
	for stop := time.Now().Add(2 * time.Minute); task == ""; time.Sleep(300 * time.Millisecond) {
		res, err := u.get(ctx, path)
		if err != nil {
			return err
		}
		task = res.str("open_task_id")
		if task == "" && time.Now().After(stop) {
			return fmt.Errorf("%s: no open task for %s after 2m: %s", step, name, truncate(res.Raw, 300))
		}
	}
	_, err := u.want(ctx, "POST", "/api/v1/tasks/"+task+"/decision", map[string]string{"decision": "approve",
		"comment": "同意"}, f.key(step), http.StatusOK)
	return err
}

// contractSigned is F2 from the drafted contract: terms (a discount beyond
// the salesperson's authority makes it major, R5.3), submit, every
// required approval, then both signatures (R5.5).
func (d *driver) contractSigned(ctx context.Context, f *flow) error {
	sales := d.as(f, f.owner)
	if f.contractID == "" { // drafted after the answer: read it from the proposal
		for stop := time.Now().Add(2 * time.Minute); f.contractID == ""; time.Sleep(300 * time.Millisecond) {
			res, err := sales.get(ctx, "/api/v1/proposals/"+f.proposalID)
			if err != nil {
				return err
			}
			if f.contractID = res.str("contract_id"); f.contractID == "" && time.Now().After(stop) {
				return fmt.Errorf("no contract drafted from proposal %s", f.proposalID)
			}
		}
	}
	path := "/api/v1/contracts/" + f.contractID
	price := atList
	if f.kind == kindF2Major {
		price = func(list int64) int64 { return list * 6 / 10 }
	}
	terms := map[string]any{"items": d.items(price), "service_terms": map[string]any{"free_revisions": 1},
		"starts_on": "2026-12-01", "ends_on": "2027-11-30"}
	if _, err := sales.want(ctx, "PUT", path, terms, f.key("terms"), http.StatusOK); err != nil {
		return err
	}
	res, err := sales.want(ctx, "POST", path+"/submit", nil, f.key("contract-submit"), http.StatusOK)
	if err != nil {
		return err
	}
	if major, _ := res.Body["major"].(bool); major != (f.kind == kindF2Major) {
		return fmt.Errorf("contract %s: major=%v for %s: %s", f.contractID, major, f.kind, truncate(res.Raw, 300))
	}
	approvers := []string{"approver"}
	if f.kind == kindF2Major {
		approvers = []string{"director", "approver"}
	}
	for _, a := range approvers {
		if err := d.decide(ctx, f, a, path, "approve-"+a); err != nil {
			return err
		}
	}
	if _, err := d.as(f, "approver").want(ctx, "POST", path+"/signatures", map[string]any{"signer_role": "company"},
		f.key("sign-company"), http.StatusOK); err != nil {
		return err
	}
	// The customer signed on paper: the owner uploads the signed scan and
	// records the signature bound to it (the link path is tested in api/).
	scan, err := paperScan(f.contractID)
	if err != nil {
		return err
	}
	res, err = sales.want(ctx, "POST", path+"/paper-scans", scan, f.key("scan"), http.StatusCreated, http.StatusOK)
	if err != nil {
		return err
	}
	res, err = sales.want(ctx, "POST", path+"/signatures", map[string]any{"signer_role": "customer",
		"signatory_name": "周总", "paper_scan_sha256": res.str("sha256")}, f.key("sign-customer"), http.StatusOK)
	if err != nil {
		return err
	}
	if res.str("status") != "signed" {
		return fmt.Errorf("contract %s after both signatures: %s", f.contractID, truncate(res.Raw, 300))
	}
	return nil
}

// visitReported: plan, the manager approves, the front desk records the
// departure, the salesperson returns and reports (R3.5–R3.8).
func (d *driver) visitReported(ctx context.Context, f *flow) error {
	sales := d.as(f, f.owner)
	now := time.Now()
	res, err := sales.want(ctx, "POST", "/api/v1/visits", map[string]any{"customer_id": f.customerID,
		"goals": "介绍春季广告位", "planned_start": now.Add(-time.Minute).Format(time.RFC3339),
		"planned_return": now.Add(3 * time.Hour).Format(time.RFC3339)}, f.key("visit"), http.StatusCreated, http.StatusOK)
	if err != nil {
		return err
	}
	f.visitID = res.str("id")
	path := "/api/v1/visits/" + f.visitID
	if err := d.decide(ctx, f, "manager", path, "visit-plan"); err != nil {
		return err
	}
	if _, err := d.as(f, "frontdesk").want(ctx, "POST", path+"/departure", nil, f.key("depart"), http.StatusOK); err != nil {
		return err
	}
	if _, err := sales.want(ctx, "POST", path+"/return", nil, f.key("return"), http.StatusOK); err != nil {
		return err
	}
	res, err = sales.want(ctx, "POST", path+"/report", map[string]any{"notes": "客户计划春季投放商场灯箱",
		"met_name": "周总", "met_title": "市场总监", "is_decision_maker": true, "needs": "三个月的灯箱"},
		f.key("report"), http.StatusOK)
	if err != nil {
		return err
	}
	if res.str("status") != "reported" {
		return fmt.Errorf("visit %s after the report: %s", f.visitID, truncate(res.Raw, 300))
	}
	return nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// paperScan is a signed paper copy's scan as a multipart upload.
func paperScan(contractID string) (rawBody, error) {
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	part, err := w.CreateFormFile("file", "signed.pdf")
	if err == nil {
		_, err = part.Write([]byte("%PDF-1.4\n% signed on paper by 周总 for " + contractID + "\n%%EOF\n"))
	}
	if err == nil {
		err = w.Close()
	}
	return rawBody{contentType: w.FormDataContentType(), data: body.Bytes()}, err
}
