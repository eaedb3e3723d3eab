package api

import (
	"bytes"
	"fmt"
	"net/http"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestNormalContractToSigned: a contract within the salesperson's
// authority goes from the accepted proposal to the company's approval
// (R5.2) and is valid only with both signatures (R5.5).
func TestNormalContractToSigned(t *testing.T) {
	e := newTestEnv(t)
	sales, approver, director := e.as(t, "sales1"), e.as(t, "approver"), e.as(t, "director")
	id := e.acceptedContract(sales, 95_000)
	path := "/api/v1/contracts/" + id

	drafted := sales.do("GET", path, nil, nil).status(http.StatusOK)
	wantContract(t, drafted, "drafting")
	item := drafted.body["items"].([]any)[0].(map[string]any)
	if item["unit_price_fen"].(float64) != 95_000 || item["list_price_fen"].(float64) != 100_000 {
		t.Fatalf("the contract is drafted from the accepted prices: %s", drafted.raw)
	}
	noTerms := sales.post(path+"/submit", nil, "").status(http.StatusUnprocessableEntity)
	if noTerms.str("type") != "/problems/no-service-terms" || !hasFieldError(noTerms, "service_terms") {
		t.Fatalf("R5.1: %s", noTerms.raw)
	}
	e.withTerms(sales, id, 2, 95_000).status(http.StatusOK)
	submitted := sales.post(path+"/submit", nil, "").status(http.StatusOK)
	wantContract(t, submitted, "in_approval")
	if submitted.body["major"] != false || !slices.Equal(roles(submitted), []string{"company_approver"}) {
		t.Fatalf("a normal contract needs only the company: %s", submitted.raw)
	}
	if director.openTaskFor(id) != "" {
		t.Fatal("the director must not be offered a normal contract")
	}
	wantContract(t, approveAll(t, id, approver), "approved")

	unsigned := e.document(t, sales, id)
	wantContract(t, approver.sign(id, "company", "", "").status(http.StatusOK), "approved")
	if v := sales.do("GET", path+"/verification", nil, nil).status(http.StatusOK); v.body["valid"] != false {
		t.Fatalf("one signature is not valid (R5.5): %s", v.raw)
	}
	signed := sales.sign(id, "customer", "王总经理", "").status(http.StatusOK)
	wantContract(t, signed, "signed")
	if v := sales.do("GET", path+"/verification", nil, nil).status(http.StatusOK); v.body["valid"] != true {
		t.Fatalf("both signatures over the stored document verify: %s", v.raw)
	}
	sig := signed.body["signatures"].([]any)[0].(map[string]any)
	if sum := fmt.Sprint(sig["document_sha256"]); sum != unsigned.sha {
		t.Fatalf("the signature binds the document that was served: %s vs %s", sum, unsigned.sha)
	}
	h := sales.classHistory(signed.str("customer_id"))
	if last := h[len(h)-1]; last["to_class"] != "signed" || last["source"] != "contract_signed" ||
		last["contract_id"] != id || last["actor_id"] != e.users["sales1"].ID {
		t.Fatalf("a signed contract makes the customer signed, in its class history (R4.1): %v", h)
	}
	if !strings.Contains(unsigned.text, "NOT VALID UNLESS SIGNED BY BOTH PARTIES") || !strings.Contains(unsigned.text, "未经双方签署无效") {
		t.Fatalf("the document issued for signing must say it is not valid until both sign (R5.5): %q", unsigned.text)
	}
	if final := e.document(t, sales, id); final.sha != unsigned.sha {
		t.Fatalf("the signed document is the one issued for signing, byte for byte: %s vs %s", final.sha, unsigned.sha)
	}
}

// TestVerificationDetectsTampering: one changed byte of the stored document
// or one changed signature field fails verification.
func TestVerificationDetectsTampering(t *testing.T) {
	e := newTestEnv(t)
	sales, id := e.as(t, "sales1"), e.signedContract(t)
	verify := func() response {
		return sales.do("GET", "/api/v1/contracts/"+id+"/verification", nil, nil).status(http.StatusOK)
	}
	if verify().body["valid"] != true {
		t.Fatal("untouched contract must verify")
	}
	db := e.Store.DB()
	flip := `UPDATE contract_documents SET pdf = set_byte(pdf, 200, get_byte(pdf, 200) # 1) WHERE contract_id = $1`
	db.MustExec(flip, id)
	if v := verify(); v.body["valid"] != false || v.body["document_intact"] != false {
		t.Fatalf("a changed document byte must fail: %s", v.raw)
	}
	db.MustExec(flip, id) // flip back
	if verify().body["valid"] != true {
		t.Fatal("restored document must verify again")
	}
	db.MustExec(`UPDATE signatures SET signed_at = signed_at + interval '1 second' WHERE contract_id = $1 AND signer_role = 'customer'`, id)
	v := verify()
	checks := v.body["signatures"].([]any)
	if v.body["valid"] != false || checks[1].(map[string]any)["signature_valid"] != false {
		t.Fatalf("a changed signature row must fail: %s", v.raw)
	}
}

type pdfDoc struct {
	sha  string
	text string
}

// document fetches the contract PDF, its served SHA-256 and its text as
// poppler's pdftotext (apt package poppler-utils) extracts it.
func (e *testEnv) document(t *testing.T, c *apiClient, id string) pdfDoc {
	t.Helper()
	body, sha := rawDocument(t, c, id)
	return pdfDoc{sha: sha, text: pdfText(t, body)}
}

func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	cmd := exec.Command("pdftotext", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext (apt package poppler-utils): %v", err)
	}
	return string(out)
}

// TestContractAuditTrailForItsReaders: whoever may see a contract may read
// its audit trail; others may not.
func TestContractAuditTrailForItsReaders(t *testing.T) {
	e := newTestEnv(t)
	sales := e.as(t, "sales1")
	id := e.acceptedContract(sales, 90_000)
	res := sales.do("GET", "/api/v1/audit?subject_type=contract&subject_id="+id, nil, nil).status(http.StatusOK)
	if items := res.body["items"].([]any); len(items) == 0 {
		t.Fatalf("no contract events: %s", res.raw)
	}
	e.as(t, "sales3").do("GET", "/api/v1/audit?subject_type=contract&subject_id="+id, nil, nil).status(http.StatusNotFound)
}
