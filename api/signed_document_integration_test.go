package api

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"salesflow/service"
	"salesflow/store"
	"strings"
	"testing"
	"time"
)

// rawDocument fetches the contract PDF and returns its bytes and the
// X-Document-SHA256 it was served with.
func rawDocument(t *testing.T, c *apiClient, id string) ([]byte, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", c.base+"/api/v1/contracts/"+id+"/document", nil)
	req.Header.Set("Authorization", "Bearer "+c.token)
	res, err := c.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/pdf" || !bytes.HasPrefix(body, []byte("%PDF-")) {
		t.Fatalf("document: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	return body, res.Header.Get("X-Document-SHA256")
}

// TestSignedDocumentIsTheSignedBytes: after both signatures the document
// served is byte for byte the one signed — its SHA-256 is the one each
// signature binds — even after the product on it was renamed and time
// passed (issue 9, point 4).
func TestSignedDocumentIsTheSignedBytes(t *testing.T) {
	e := newTestEnv(t)
	sales, approver, admin := e.as(t, "sales1"), e.as(t, "approver"), e.as(t, "admin")
	product, err := e.service().CreateProduct(context.Background(), store.User{}, "",
		service.ProductInput{Code: "SIG" + randomSuffix(), Name: "签署前的产品名", Unit: "月", ListPriceFen: 100_000})
	if err != nil {
		t.Fatal(err)
	}
	id := e.acceptedContract(sales, 96_000)
	sales.do("PUT", "/api/v1/contracts/"+id, map[string]any{
		"items":         []map[string]any{{"product_id": product.ID, "quantity": 1, "unit_price_fen": 96_000}},
		"service_terms": map[string]any{"free_revisions": 1}, "starts_on": "2026-12-01", "ends_on": "2027-11-30"}, nil).status(http.StatusOK)
	sales.post("/api/v1/contracts/"+id+"/submit", nil, "").status(http.StatusOK)
	approveAll(t, id, approver)
	issued, issuedSHA := rawDocument(t, sales, id)
	approver.sign(id, "company", "", "").status(http.StatusOK)
	signed := sales.sign(id, "customer", "钱董事", "").status(http.StatusOK)
	wantContract(t, signed, "signed")

	time.Sleep(1100 * time.Millisecond) // a re-rendering would print a later time
	admin.do("PATCH", "/api/v1/products/"+product.ID, map[string]any{"name": "改名后的产品"}, nil).status(http.StatusOK)
	served, servedSHA := rawDocument(t, sales, id)
	sum := sha256.Sum256(served)
	if hex.EncodeToString(sum[:]) != servedSHA {
		t.Fatalf("X-Document-SHA256 %s is not the served bytes' %x", servedSHA, sum)
	}
	for _, s := range signed.body["signatures"].([]any) {
		if got := fmt.Sprint(s.(map[string]any)["document_sha256"]); got != servedSHA {
			t.Fatalf("the served document %s is not the one signed (%s)", servedSHA, got)
		}
	}
	if servedSHA != issuedSHA || string(served) != string(issued) {
		t.Fatal("the signed document must be the bytes issued for signing")
	}
	if text := pdfText(t, served); strings.Contains(text, "改名后的产品") || !strings.Contains(text, "签署前的产品名") {
		t.Fatalf("the signed document names the product as it was signed: %q", text)
	}
}
