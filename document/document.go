// Package document renders a contract as PDF with a Chinese font: parties,
// lines with list and agreed prices, totals in yuan, service terms (R5.1),
// approvals (R5.2, R5.3) and signatures (R5.5). Until a contract is signed
// by both parties every page says plainly that it is not valid (R5.5).
// Rendering is pure: the caller supplies the font bytes and all data, and
// the same input gives the same bytes.
package document

import (
	"bytes"
	"fmt"
	"os"
	"time"

	"github.com/go-pdf/fpdf"
)

// DefaultFontPath is the TTF of Debian's fonts-lxgw-wenkai package
// (SALESFLOW_PDF_FONT overrides it).
const DefaultFontPath = "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf"

// NotValidBanner is printed on every page of an unsigned contract (R5.5).
const NotValidBanner = "未签署 — 无效 / NOT SIGNED — NOT VALID"

// ForSignatureBanner is printed on every page of the document issued for
// signing. The parties sign these very bytes and they are served unchanged
// after the signatures (the signatures bind their SHA-256), so the banner
// must stay true before and after: valid only once both have signed
// (R5.5), which GET …/verification shows.
const ForSignatureBanner = "未经双方签署无效 / NOT VALID UNLESS SIGNED BY BOTH PARTIES"

// SignedBanner heads every page of the copy signed by both parties.
const SignedBanner = "双方已签署 / SIGNED BY BOTH PARTIES"

// Line is one priced line; prices in fen.
type Line struct {
	Code, Name, Unit string
	Quantity         int64
	ListPriceFen     int64
	UnitPriceFen     int64
}

// Approval is one counted approval.
type Approval struct {
	Role, DecidedBy, OnBehalfOf string
	At                          time.Time
}

// Signature is one party's signature.
type Signature struct {
	Role, Signer, OnBehalfOf, Signatory, DocumentSHA256 string
	At                                                  time.Time
}

// Contract is everything printed.
type Contract struct {
	ID, CustomerName, OwnerName, Company string
	Version                              int
	ContentHash                          string
	Lines                                []Line
	FreeRevisions                        *int
	ServiceFee                           string
	StartsOn, EndsOn                     string
	Approvals                            []Approval
	Signatures                           []Signature
	Signed                               bool
	// ForSignature marks the document issued for signing (see
	// ForSignatureBanner); ignored when Signed.
	ForSignature bool
	// IssuedAt is the server time the document was made (R5.4); it is
	// also the PDF's creation date, so rendering is reproducible.
	IssuedAt time.Time
}

// LoadFont reads the TTF at path once; callers keep the bytes.
func LoadFont(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("PDF font (SALESFLOW_PDF_FONT, apt package fonts-lxgw-wenkai): %w", err)
	}
	return b, nil
}

// Render returns the PDF of c set in font (TTF bytes).
func Render(font []byte, c Contract) ([]byte, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCreationDate(c.IssuedAt)
	pdf.SetModificationDate(c.IssuedAt)
	pdf.SetCompression(true)
	pdf.AddUTF8FontFromBytes("wenkai", "", font)
	pdf.SetTitle("广告销售服务合同 "+c.ID, true)
	pdf.SetHeaderFunc(func() { header(pdf, c) })
	pdf.SetFooterFunc(func() { footer(pdf, c) })
	pdf.AddPage()
	parties(pdf, c)
	lines(pdf, c)
	terms(pdf, c)
	approvals(pdf, c)
	signatures(pdf, c)
	if err := pdf.Error(); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Yuan formats fen as yuan with two decimals and thousands separators.
func Yuan(fen int64) string {
	sign := ""
	if fen < 0 {
		sign, fen = "-", -fen
	}
	whole, cents := fen/100, fen%100
	s := fmt.Sprint(whole)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return fmt.Sprintf("%s¥%s.%02d", sign, s, cents)
}
