package activities_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/google/uuid"
	"go.temporal.io/sdk/temporal"

	"salesflow/activities"
	"salesflow/policy"
	"salesflow/store"
	"salesflow/store/storetest"
	"salesflow/workflows/payload"
)

// holdFixture is a fresh database with a resource of one slot, an owner,
// another salesperson and a proposal of each with a line for the same
// resource and dates.
type holdFixture struct {
	st           *store.Store
	acts         *activities.Activities
	owner, other policy.Actor
	resource     string
}

func newHoldFixture(t *testing.T) *holdFixture {
	st := storetest.Open(t)
	ctx := context.Background()
	f := &holdFixture{st: st, acts: activities.New(st), resource: "r1"}
	f.acts.Calendar = policy.ChinaCalendar{}
	product, err := st.CreateProduct(ctx, store.Product{ID: uuid.NewString(), Code: "P", Name: "灯箱", Unit: "天", ListPriceFen: 500})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.DB().Exec(`INSERT INTO media_resources (id, code, name, kind, product_id, city, capacity, sell_unit, active_from)
		VALUES ('r1', 'R1', '灯箱一号', 'light_box', $1, '上海', 1, 'day', '2026-01-01')`, product.ID); err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"owner", "other"} {
		u := mustUser(t, st, name, "")
		cust, err := st.CreateCustomer(ctx, store.Customer{ID: uuid.NewString(), Name: "客户" + name, Channel: "internet",
			OwnerID: u.ID, CollectedOn: "2026-11-20", CreatedBy: u.ID})
		if err != nil {
			t.Fatal(err)
		}
		a := policy.Actor{ID: u.ID, Roles: u.Roles}
		line := policy.Line{ProductID: product.ID, Quantity: 5, UnitPriceFen: 500, ResourceID: "r1", StartsOn: "2027-03-01", EndsOn: "2027-03-05"}
		id := []string{"p1", "p2"}[i]
		if err := f.acts.CreateProposal(ctx, activities.CreateProposalInput{ProposalID: id, WorkflowID: "proposal-" + id,
			CustomerID: cust.ID, Owner: a, Draft: payload.ProposalDraft{Title: "t", Lines: []policy.Line{line}}}); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			f.owner = a
		} else {
			f.other = a
		}
	}
	return f
}

func (f *holdFixture) count(t *testing.T, q string, args ...any) int {
	t.Helper()
	var n int
	if err := f.st.DB().Get(&n, q, args...); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestHoldActivitiesWriteOnce runs each hold and waiting-list activity
// twice with the same step key, as a retry after a crash does: the second
// run writes nothing and answers the same.
func TestHoldActivitiesWriteOnce(t *testing.T) {
	f := newHoldFixture(t)
	ctx := context.Background()
	hold := activities.HoldLinesInput{HoldRef: activities.HoldRef{WorkflowID: "hold-p1-1", ProposalID: "p1", Owner: f.owner},
		StepKey: "proposal-p1/submit-1"}
	for attempt := 1; attempt <= 2; attempt++ {
		out, err := f.acts.HoldLines(ctx, hold)
		if err != nil || len(out.Held) != 1 || out.Held[0].ID != "hold-p1-1.line-1" {
			t.Fatalf("attempt %d hold: %+v %v", attempt, out, err)
		}
	}
	if n := f.count(t, `SELECT count(*) FROM audit_events WHERE subject_type = 'resource_claim'`); n != 1 {
		t.Fatalf("one claim.held event, got %d", n)
	}

	// The other salesperson is refused with what the API shows, and waits.
	_, err := f.acts.HoldLines(ctx, activities.HoldLinesInput{HoldRef: activities.HoldRef{WorkflowID: "hold-p2-1",
		ProposalID: "p2", Owner: f.other}, StepKey: "proposal-p2/submit-1"})
	var appErr *temporal.ApplicationError
	var taken payload.ClaimTaken
	if !errors.As(err, &appErr) || appErr.Type() != activities.ErrTypeResourceTaken || !appErr.NonRetryable() ||
		appErr.Details(&taken) != nil || taken.LineNo != 1 || taken.TakenUntil == nil || taken.HolderID != f.owner.ID {
		t.Fatalf("a taken slot is a non-retryable ResourceTaken naming line, until when and holder: %v %+v", err, taken)
	}
	if _, err := f.st.JoinWaitlist(ctx, store.NewWaitlistEntry{ResourceID: f.resource, StartsOn: "2027-03-03",
		EndsOn: "2027-03-04", UserID: f.other.ID}); err != nil {
		t.Fatal(err)
	}

	release := activities.ReleaseHoldsInput{ProposalID: "p1", StepKey: "proposal-p1/decline/release", ActorID: f.owner.ID, Reason: "declined"}
	offer := activities.OfferNextInput{ReleasedClaimID: "hold-p1-1.line-1", WorkflowID: "waitlist-hold-p1-1.line-1",
		StepKey: "waitlist-hold-p1-1.line-1/offer-0"}
	for attempt := 1; attempt <= 2; attempt++ {
		ids, err := f.acts.ReleaseHolds(ctx, release)
		if err != nil || !slices.Equal(ids, []string{"hold-p1-1.line-1"}) {
			t.Fatalf("attempt %d release: %v %v", attempt, ids, err)
		}
		offers, err := f.acts.OfferNext(ctx, offer)
		if err != nil || len(offers) != 1 || offers[0].UserID != f.other.ID {
			t.Fatalf("attempt %d offer: %+v %v", attempt, offers, err)
		}
	}
	if n := f.count(t, `SELECT count(*) FROM notifications WHERE user_id = $1 AND kind = 'waitlist_offer'`, f.other.ID); n != 1 {
		t.Fatalf("one offer notification, got %d", n)
	}
	lapse := activities.LapseOfferInput{ClaimID: "offer-1.hold-p1-1.line-1", StepKey: "waitlist-hold-p1-1.line-1/lapse-1"}
	if ok, err := f.acts.LapseOffer(ctx, lapse); err != nil || ok {
		t.Fatalf("an offer not yet due stays: %v %v", ok, err)
	}
	if _, err := f.st.DB().Exec(`UPDATE resource_claims SET expires_at = now() - interval '1 second' WHERE id = $1`, lapse.ClaimID); err != nil {
		t.Fatal(err)
	}
	for attempt := 1; attempt <= 2; attempt++ {
		if ok, err := f.acts.LapseOffer(ctx, lapse); err != nil || !ok {
			t.Fatalf("attempt %d lapse: %v %v", attempt, ok, err)
		}
	}
	if n := f.count(t, `SELECT count(*) FROM resource_waitlist WHERE state = 'passed'`); n != 1 {
		t.Fatal("the lapsed offer's entry is passed")
	}
	report, err := f.st.VerifyAudit(ctx, nil, true)
	if err != nil || !report.Valid {
		t.Fatalf("audit chain: %+v %v", report, err)
	}
}
