package api

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"mime/multipart"
	"net/http"
	"testing"
)

// acceptedContract walks a proposal for a new customer of c through review
// and the customer's acceptance, priced at prices (fen, against list prices
// 100 000 and 250 000), and returns the contract drafted from it (F1 → F2).
func (e *testEnv) acceptedContract(c *apiClient, prices ...int64) string {
	c.t.Helper()
	cust := c.newCustomer("合同客户 " + randomSuffix())
	res := c.do("POST", "/api/v1/proposals", map[string]any{"customer_id": cust, "title": "合同方案",
		"body": "正文", "items": e.items(prices...)}, nil).status(http.StatusCreated)
	id := res.str("id")
	c.do("POST", "/api/v1/proposals/"+id+"/submit", nil, nil).status(http.StatusOK)
	rev := e.as(c.t, "reviewer")
	rev.decide(rev.openTaskFor(id), "approve", "", "").status(http.StatusOK)
	accepted := c.do("POST", "/api/v1/proposals/"+id+"/customer-response",
		map[string]any{"accepted": true, "note": "签约", "paper": true}, nil).status(http.StatusOK)
	contractID := accepted.str("contract_id")
	if contractID == "" {
		c.t.Fatalf("an accepted proposal names its contract: %s", accepted.raw)
	}
	return contractID
}

// withTerms revises the contract with items at prices and free revisions.
func (e *testEnv) withTerms(c *apiClient, id string, free int, prices ...int64) response {
	c.t.Helper()
	return c.do("PUT", "/api/v1/contracts/"+id, map[string]any{"items": e.items(prices...),
		"service_terms": map[string]any{"free_revisions": free}, "starts_on": "2026-12-01", "ends_on": "2027-11-30"}, nil)
}

func (c *apiClient) post(path string, body any, key string) response {
	c.t.Helper()
	h := map[string]string{}
	if key != "" {
		h["Idempotency-Key"] = key
	}
	return c.do("POST", path, body, h)
}

// sign signs for role. For the customer it is the paper path: the scan
// of the signed paper is uploaded first (what the upload answers is not
// checked here: the signature's answer says whether it was accepted).
func (c *apiClient) sign(id, role, signatory, key string) response {
	c.t.Helper()
	body := map[string]any{"signer_role": role}
	if signatory != "" {
		body["signatory_name"] = signatory
	}
	if role == "customer" {
		// The scan's hash names it, whatever the upload answers (a repeat,
		// or too early), so a retried signature is the same request.
		scan := paperScan(id, signatory)
		c.uploadScan(id, scan)
		sum := sha256.Sum256(scan)
		body["paper_scan_sha256"] = hex.EncodeToString(sum[:])
	}
	return c.post("/api/v1/contracts/"+id+"/signatures", body, key)
}

// paperScan is a small PDF standing for the signed paper: the same for the
// same contract and signatory, so a retried signature uploads the same.
func paperScan(contractID, signatory string) []byte {
	return []byte("%PDF-1.4\n% signed on paper by " + signatory + " for " + contractID + "\n%%EOF\n")
}

// uploadScan posts content as the contract's paper scan.
func (c *apiClient) uploadScan(id string, content []byte) response {
	c.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	part, err := w.CreateFormFile("file", "signed.pdf")
	if err != nil {
		c.t.Fatal(err)
	}
	_, _ = part.Write(content)
	_ = w.Close()
	return c.sendAs("POST", "/api/v1/contracts/"+id+"/paper-scans", w.FormDataContentType(), body.Bytes(), nil)
}

// approveAll has each client approve the contract's open step in turn.
func approveAll(t *testing.T, id string, approvers ...*apiClient) response {
	t.Helper()
	var last response
	for _, a := range approvers {
		task := a.openTaskFor(id)
		if task == "" {
			t.Fatalf("no open task for contract %s in this approver's inbox", id)
		}
		last = a.decide(task, "approve", "同意", "").status(http.StatusOK)
	}
	return last
}

func wantContract(t *testing.T, r response, status string) {
	t.Helper()
	if got := r.str("status"); got != status {
		t.Fatalf("contract status %q, want %q: %s", got, status, r.raw)
	}
}

func roles(r response) []string {
	out := []string{}
	list, _ := r.body["required_approvals"].([]any)
	for _, v := range list {
		out = append(out, v.(string))
	}
	return out
}

// approvals returns the contract's approval records.
func approvals(r response) []map[string]any {
	out := []map[string]any{}
	list, _ := r.body["approvals"].([]any)
	for _, v := range list {
		out = append(out, v.(map[string]any))
	}
	return out
}
