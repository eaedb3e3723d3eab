package policy

// ProposalStatus is a step of the proposal loop F1.
type ProposalStatus string

// The states of F1. A declined or rejected proposal goes back to revising.
const (
	ProposalDraft    ProposalStatus = "draft"     // 起草
	ProposalInReview ProposalStatus = "in_review" // 广告推广方案评审
	ProposalRevising ProposalStatus = "revising"  // 修改
	ProposalApproved ProposalStatus = "approved"  // submitted to the customer
	ProposalAccepted ProposalStatus = "accepted"  // customer accepts → F2
)

// Editable reports whether a proposal in status s may be revised or submitted
// (F1: only a draft or a proposal sent back for revision).
func (s ProposalStatus) Editable() bool {
	return s == ProposalDraft || s == ProposalRevising
}

// Line is one line of a proposal or contract: a rate-card product, how many,
// and the agreed unit price in fen. A line may name a media resource and
// its dates (issue 13; YYYY-MM-DD, both inclusive): its quantity is then
// the number of sellable units in the range (UnitStarts) and its product
// the resource's. The three fields are omitted when empty, so histories and
// content hashes recorded before them decode and hash as they did.
type Line struct {
	ProductID    string `json:"product_id"`
	Quantity     int64  `json:"quantity"`
	UnitPriceFen int64  `json:"unit_price_fen"`
	ResourceID   string `json:"resource_id,omitempty"`
	StartsOn     string `json:"starts_on,omitempty"`
	EndsOn       string `json:"ends_on,omitempty"`
}

// LineProblem names what is wrong with one line; Field is the JSON field.
type LineProblem struct {
	Index int
	Field string
	Code  string
}

// Limits on proposal lines: enough for any real rate card, small enough that
// totals cannot overflow int64 fen (1e4 lines × 1e6 × 1e12 would).
const (
	MaxLines       = 200
	MaxQuantity    = 1_000_000
	MaxUnitPriceFn = 100_000_000_000 // ¥1,000,000,000.00 per unit
)

// CheckLines validates proposal lines: at least one, positive quantities,
// prices that are not negative. It returns one problem per bad field.
func CheckLines(lines []Line) (problems []LineProblem, empty bool) {
	if len(lines) == 0 {
		return nil, true
	}
	for i, l := range lines {
		if l.ProductID == "" {
			problems = append(problems, LineProblem{i, "product_id", "required"})
		}
		if l.Quantity <= 0 || l.Quantity > MaxQuantity {
			problems = append(problems, LineProblem{i, "quantity", "out_of_range"})
		}
		if l.UnitPriceFen < 0 || l.UnitPriceFen > MaxUnitPriceFn {
			problems = append(problems, LineProblem{i, "unit_price_fen", "out_of_range"})
		}
	}
	return problems, false
}

// TotalFen sums quantity × unit price over lines (valid lines cannot overflow).
func TotalFen(lines []Line) int64 {
	var total int64
	for _, l := range lines {
		total += l.Quantity * l.UnitPriceFen
	}
	return total
}
