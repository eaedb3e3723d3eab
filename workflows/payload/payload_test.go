package payload_test

import (
	"encoding/json"
	"testing"
	"time"

	"salesflow/policy"
	"salesflow/workflows/payload"
)

// TestEncoding pins each payload's JSON to what the store row it replaced
// produced when this package was made, so recorded histories keep
// decoding: a changed tag or omitempty fails here, not in a running
// workflow. Each type appears filled (every field named) and empty (which
// fields are omitted).
func TestEncoding(t *testing.T) {
	at := time.Date(2026, 12, 1, 8, 30, 0, 0, time.UTC)
	free := 3
	lines := []policy.Line{{ProductID: "p1", Quantity: 2, UnitPriceFen: 100}}
	const stamp = `"2026-12-01T08:30:00Z"`
	const zeroTime = `"0001-01-01T00:00:00Z"`
	claim := payload.ResourceClaim{ID: "c1", ResourceID: "r1", Slot: 1, StartsOn: "2027-01-01", EndsOn: "2027-01-31",
		State: "held", HolderID: "u1", HolderName: "h", ProposalID: "p1", LineNo: 1, ContractID: "k1", CustomerID: "cu",
		CustomerName: "cn", ExpiresAt: &at, Renewals: 1, CreatedAt: at, UpdatedAt: at, ReleasedAt: &at, ReleaseReason: "lapsed"}
	for _, tc := range []struct {
		name string
		v    any
		want string
	}{
		{"ProposalDraft", payload.ProposalDraft{Title: "t", Body: "b", Lines: lines},
			`{"title":"t","body":"b","lines":[{"product_id":"p1","quantity":2,"unit_price_fen":100}]}`},
		{"empty ProposalDraft", payload.ProposalDraft{}, `{"title":"","body":"","lines":null}`},
		{"ContractDraft", payload.ContractDraft{Lines: lines, ServiceTerms: policy.ServiceTerms{FreeRevisions: &free},
			StartsOn: "2027-01-01", EndsOn: "2027-02-01"},
			`{"lines":[{"product_id":"p1","quantity":2,"unit_price_fen":100}],"service_terms":{"free_revisions":3},"starts_on":"2027-01-01","ends_on":"2027-02-01"}`},
		{"empty ContractDraft", payload.ContractDraft{}, `{"lines":null,"service_terms":{}}`},
		{"ContractHead", payload.ContractHead{Version: 2, ContentHash: "h", HasServiceTerms: true},
			`{"version":2,"content_hash":"h","has_service_terms":true}`},
		{"ApprovalRound", payload.ApprovalRound{Major: true, Required: []policy.Role{policy.RoleMarketingDirector}},
			`{"major":true,"required":["marketing_director"]}`},
		{"empty ApprovalRound", payload.ApprovalRound{}, `{"major":false,"required":null}`},
		{"VisitReport", payload.VisitReport{Notes: "n", MetName: "m", MetTitle: "mt", IsDecisionMaker: true, Needs: "ne",
			AuthorID: "u1", CreatedAt: at, Late: true},
			`{"notes":"n","met_name":"m","met_title":"mt","is_decision_maker":true,"needs":"ne","author_id":"u1","created_at":` + stamp + `,"late":true}`},
		{"empty VisitReport", payload.VisitReport{},
			`{"notes":"","met_name":"","met_title":"","is_decision_maker":false,"needs":"","author_id":"","created_at":` + zeroTime + `,"late":false}`},
		{"ContactStatus", payload.ContactStatus{Current: true, Contacted: true, OwnerID: "o", ManagerID: "m", Name: "n"},
			`{"current":true,"contacted":true,"owner_id":"o","manager_id":"m","name":"n"}`},
		{"empty ContactStatus", payload.ContactStatus{},
			`{"current":false,"contacted":false,"owner_id":"","manager_id":"","name":""}`},
		{"Offer", payload.Offer{ClaimID: "c", UserID: "u", ExpiresAt: at, WaitlistID: 7},
			`{"claim_id":"c","user_id":"u","expires_at":` + stamp + `,"waitlist_id":7}`},
		{"HoldOutcome", payload.HoldOutcome{Held: []payload.ResourceClaim{claim}, Released: []string{"c0"}},
			`{"held":[{"id":"c1","resource_id":"r1","slot":1,"starts_on":"2027-01-01","ends_on":"2027-01-31","state":"held",` +
				`"holder_id":"u1","holder_name":"h","proposal_id":"p1","line_no":1,"contract_id":"k1","customer_id":"cu",` +
				`"customer_name":"cn","expires_at":` + stamp + `,"renewals":1,"created_at":` + stamp + `,"updated_at":` + stamp +
				`,"released_at":` + stamp + `,"release_reason":"lapsed"}],"released":["c0"]}`},
		{"HoldOutcome with an empty claim", payload.HoldOutcome{Held: []payload.ResourceClaim{{}}},
			`{"held":[{"id":"","resource_id":"","slot":0,"starts_on":"","ends_on":"","state":"","renewals":0,"created_at":` +
				zeroTime + `,"updated_at":` + zeroTime + `}],"released":null}`},
		{"HoldSet", payload.HoldSet{Live: 2, ExpiresAt: &at, ContractPending: true},
			`{"live":2,"expires_at":` + stamp + `,"contract_pending":true}`},
		{"empty HoldSet", payload.HoldSet{}, `{"live":0,"contract_pending":false}`},
		{"ClaimTaken", payload.ClaimTaken{LineNo: 1, ResourceID: "r", StartsOn: "s", EndsOn: "e", State: "held",
			TakenUntil: &at, HolderID: "h", HolderName: "hn", CustomerName: "cn"},
			`{"line":1,"resource_id":"r","starts_on":"s","ends_on":"e","state":"held","taken_until":` + stamp +
				`,"holder_id":"h","holder_name":"hn","customer_name":"cn"}`},
		{"empty ClaimTaken", payload.ClaimTaken{},
			`{"line":0,"resource_id":"","starts_on":"","ends_on":"","state":"","holder_id":"","holder_name":"","customer_name":""}`},
	} {
		got, err := json.Marshal(tc.v)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != tc.want {
			t.Errorf("%s encodes as\n  %s\nwant (the encoding in recorded histories)\n  %s", tc.name, got, tc.want)
		}
	}
}
