package document

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

func sample(signed bool) Contract {
	two := 2
	c := Contract{ID: "c-1", CustomerName: "上海示例贸易有限公司", OwnerName: "张三", Version: 2,
		ContentHash: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
		Lines: []Line{{Code: "LB-MALL-A", Name: "商场主入口灯箱广告", Unit: "块·月", Quantity: 3,
			ListPriceFen: 1_200_000, UnitPriceFen: 1_000_000}},
		FreeRevisions: &two, StartsOn: "2026-12-01", EndsOn: "2027-11-30",
		Approvals: []Approval{{Role: "company_approver", DecidedBy: "孙审批", At: time.Date(2026, 11, 27, 2, 0, 0, 0, time.UTC)}},
		Signed:    signed, IssuedAt: time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC)}
	if signed {
		at := time.Date(2026, 11, 27, 4, 0, 0, 0, time.UTC)
		c.Signatures = []Signature{{Role: "company", Signer: "周代理", OnBehalfOf: "孙审批", DocumentSHA256: "d701", At: at},
			{Role: "customer", Signer: "张三", Signatory: "王总经理", DocumentSHA256: "d701", At: at}}
	}
	return c
}

func font(t *testing.T) []byte {
	t.Helper()
	path := os.Getenv("SALESFLOW_PDF_FONT")
	if path == "" {
		path = DefaultFontPath
	}
	b, err := LoadFont(path)
	if err != nil {
		t.Skipf("font not installed: %v", err)
	}
	return b
}

func TestRenderIsReproducibleAndMarksUnsigned(t *testing.T) {
	f := font(t)
	first, err := Render(f, sample(false))
	if err != nil {
		t.Fatal(err)
	}
	again, err := Render(f, sample(false))
	if err != nil || !bytes.Equal(first, again) {
		t.Fatalf("same input must give the same bytes (%v)", err)
	}
	if !bytes.HasPrefix(first, []byte("%PDF-")) {
		t.Fatal("not a PDF")
	}
	signed, err := Render(f, sample(true))
	if err != nil || bytes.Equal(first, signed) {
		t.Fatalf("the signed rendering must differ from the unsigned one (%v)", err)
	}
	if text, ok := pdfText(t, first); ok && !strings.Contains(text, NotValidBanner) {
		t.Fatalf("every page of an unsigned contract says it is not valid (R5.5): %q", text)
	}
	if text, ok := pdfText(t, signed); ok && (strings.Contains(text, "NOT VALID") || !strings.Contains(text, "上海示例贸易有限公司")) {
		t.Fatalf("a signed contract carries no banner and reads in Chinese: %q", text)
	}
	issue := sample(false)
	issue.ForSignature = true
	forSigning, err := Render(f, issue)
	if err != nil {
		t.Fatal(err)
	}
	if text, ok := pdfText(t, forSigning); ok && (!strings.Contains(text, "NOT VALID UNLESS SIGNED BY BOTH PARTIES") ||
		!strings.Contains(text, "未经双方签署无效") || strings.Contains(text, NotValidBanner) ||
		strings.Contains(text, "Not signed by either party")) {
		t.Fatalf("the document issued for signing says it is valid only once both have signed: %q", text)
	}
	if out := os.Getenv("SALESFLOW_PDF_SAMPLE"); out != "" {
		_ = os.WriteFile(out, first, 0o644)
		_ = os.WriteFile(out+".signed.pdf", signed, 0o644)
	}
}

func TestYuan(t *testing.T) {
	for fen, want := range map[int64]string{0: "¥0.00", 5: "¥0.05", 123456789: "¥1,234,567.89", -100: "-¥1.00"} {
		if got := Yuan(fen); got != want {
			t.Errorf("Yuan(%d) = %q, want %q", fen, got, want)
		}
	}
}

// pdfText extracts the text with poppler's pdftotext when installed
// (apt package poppler-utils); ok is false without it.
func pdfText(t *testing.T, pdf []byte) (string, bool) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Log("pdftotext not installed; text checks skipped")
		return "", false
	}
	cmd := exec.Command("pdftotext", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out), true
}

// TestPreviewRendersToPNG renders page 1 with pdftoppm, as a person would
// look at it; SALESFLOW_PDF_PREVIEW=/path.png keeps the image to look at.
func TestPreviewRendersToPNG(t *testing.T) {
	pdf, err := Render(font(t), sample(false))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skip("pdftoppm (poppler-utils) not installed")
	}
	dir := t.TempDir()
	if err := os.WriteFile(dir+"/c.pdf", pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile",
		dir+"/c.pdf", dir+"/page").CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	png, err := os.ReadFile(dir + "/page.png")
	if err != nil || !bytes.HasPrefix(png, []byte("\x89PNG")) || len(png) < 10_000 {
		t.Fatalf("page 1 did not render to a real image (%d bytes, %v)", len(png), err)
	}
	if out := os.Getenv("SALESFLOW_PDF_PREVIEW"); out != "" {
		_ = os.WriteFile(out, png, 0o644)
	}
}
