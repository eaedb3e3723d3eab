package policy

import "math/big"

// ContractStatus is a step of the contract loop F2.
type ContractStatus string

// The states of F2. A rejection or a recall sends the contract back to
// revising; it is signed only when both parties have signed (R5.5).
const (
	ContractDrafting   ContractStatus = "drafting"    // 起草
	ContractInApproval ContractStatus = "in_approval" // 审批广告销售服务合同
	ContractRevising   ContractStatus = "revising"    // 修改
	ContractApproved   ContractStatus = "approved"    // waiting for signatures
	ContractSigned     ContractStatus = "signed"      // 签订
)

// Editable reports whether a contract in status s may be revised or
// submitted (F2: only a draft or a contract sent back for revision).
func (s ContractStatus) Editable() bool {
	return s == ContractDrafting || s == ContractRevising
}

// PricedLine is a contract line with the rate card's list price copied at
// drafting time, which R5.3 compares against.
type PricedLine struct {
	Line
	ListPriceFen int64 `json:"list_price_fen"`
	// ListTotalFen is a resource line's list price (issue 13): the sum of
	// the dated price of each unit (ListTotal), which R5.3 judges against;
	// ListPriceFen is then its average per unit, rounded down, for display.
	// Zero and omitted for a line without a resource.
	ListTotalFen int64 `json:"list_total_fen,omitempty"`
}

// BelowAuthority reports whether one line is priced below what the
// salesperson may grant alone: unit < list × (1 − pct/100), compared in
// integer fen as unit×100 < list×(100−pct) so no rounding decides (R5.3).
// A resource line compares its totals instead (lineBelowAuthority), since
// its units' list prices may differ. A percentage outside 0–100 is clamped.
func BelowAuthority(l PricedLine, authorityPct int) bool {
	pct := int64(min(max(authorityPct, 0), 100))
	if l.ResourceID != "" {
		return lineBelowAuthority(l, pct)
	}
	return l.UnitPriceFen*100 < l.ListPriceFen*(100-pct)
}

// DiscountTenths is how far below list price a line is priced, in tenths
// of a per cent rounded down (125 is 12.5 %); ok is false at or above list,
// or with no list price. A resource line compares its totals, as R5.3
// judges it (its units may carry different list prices, issue 13), in big
// integers since a total times 1,000 may pass int64.
func (l PricedLine) DiscountTenths() (tenths int64, ok bool) {
	list, agreed := big.NewInt(l.ListPriceFen), big.NewInt(l.UnitPriceFen)
	if l.ResourceID != "" {
		list = big.NewInt(l.ListTotalFen)
		agreed.Mul(agreed, big.NewInt(l.Quantity))
	}
	if list.Sign() <= 0 || agreed.Cmp(list) >= 0 {
		return 0, false
	}
	d := new(big.Int).Sub(list, agreed)
	return d.Mul(d, big.NewInt(1000)).Quo(d, list).Int64(), true
}

// IsMajor reports whether a contract is major: any line is priced below the
// owner's discount authority (R5.3). A price exactly at the limit is not.
func IsMajor(lines []PricedLine, authorityPct int) bool {
	for _, l := range lines {
		if BelowAuthority(l, authorityPct) {
			return true
		}
	}
	return false
}

// RequiredApprovals lists the approvals a contract needs, in order: the
// marketing director first when it is major (R5.3), then always the company
// approver, who has the final say (R5.2).
func RequiredApprovals(major bool) []Role {
	if major {
		return []Role{RoleMarketingDirector, RoleCompanyApprover}
	}
	return []Role{RoleCompanyApprover}
}

// ServiceTerms says how after-sale service is handled (R5.1): either a
// number of free artwork changes/revisions (免费修改换画) or a description
// of how service is charged.
type ServiceTerms struct {
	FreeRevisions *int   `json:"free_revisions,omitempty"`
	ServiceFee    string `json:"service_fee,omitempty"`
}

// Stated reports whether the terms satisfy R5.1: free revisions given as a
// number ≥ 0, or a non-empty service-fee description.
func (t ServiceTerms) Stated() bool {
	if t.FreeRevisions != nil && *t.FreeRevisions >= 0 {
		return true
	}
	return t.ServiceFee != ""
}

// Valid reports whether the terms are well formed: not both at once, and
// no negative number of free revisions. Empty terms are valid (a draft may
// leave them open) but not Stated.
func (t ServiceTerms) Valid() bool {
	if t.FreeRevisions != nil && (*t.FreeRevisions < 0 || t.ServiceFee != "") {
		return false
	}
	return true
}
