package policy

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
)

// ContractContent is everything an approval approves: the priced lines, the
// service terms (R5.1), the period and the version. Dates are YYYY-MM-DD in
// the company's zone.
type ContractContent struct {
	Version      int          `json:"version"`
	Lines        []PricedLine `json:"lines"`
	ServiceTerms ServiceTerms `json:"service_terms"`
	StartsOn     string       `json:"starts_on"`
	EndsOn       string       `json:"ends_on"`
}

// canonicalContent fixes the field order and spelling the hash is taken
// over; struct encoding in encoding/json is deterministic, and a nil free
// revisions count is written as -1 so "absent" and "0" differ.
type canonicalContent struct {
	Version       int          `json:"version"`
	Lines         []PricedLine `json:"lines"`
	FreeRevisions int          `json:"free_revisions"`
	ServiceFee    string       `json:"service_fee"`
	StartsOn      string       `json:"starts_on"`
	EndsOn        string       `json:"ends_on"`
}

// ContentHash is the SHA-256 (hex) over the canonical JSON of c. An approval
// records the hash it approved, and only approvals of the current hash count
// (R5.2, R5.3): any change of lines, prices, terms, dates or version changes
// the hash.
func ContentHash(c ContractContent) string {
	cc := canonicalContent{Version: c.Version, Lines: c.Lines, FreeRevisions: -1,
		ServiceFee: c.ServiceTerms.ServiceFee, StartsOn: c.StartsOn, EndsOn: c.EndsOn}
	if cc.Lines == nil {
		cc.Lines = []PricedLine{}
	}
	if c.ServiceTerms.FreeRevisions != nil {
		cc.FreeRevisions = *c.ServiceTerms.FreeRevisions
	}
	b, err := json.Marshal(cc)
	if err != nil { // cannot happen: only ints and strings
		panic(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
