package workflows

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"
	"go.temporal.io/sdk/workflow"

	"salesflow/activities"
	"salesflow/policy"
	"salesflow/workflows/payload"
)

// holdEnv runs a HoldWorkflow against a hold set kept in memory: the
// activities are mocked, but the times they answer are counted by the
// same HoldTerms functions the real ones use, on the statutory calendar
// (National Day 2026 is 1–7 October, Saturday 10 October a make-up
// working day).
type holdEnv struct {
	t       *testing.T
	env     *testsuite.TestWorkflowEnvironment
	terms   HoldTiming
	expires time.Time
	live    int
	warned  []time.Time // when each warning was written
	lapsed  []time.Time // when the holds lapsed
	offered []WaitlistInput
	// pending: the proposal's contract is under way, so a due hold is
	// extended (when, in extended) instead of lapsing.
	pending  bool
	extended []time.Time
}

var cal = policy.ChinaCalendar{}

func cst(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, policy.Shanghai)
	if err != nil {
		panic(err)
	}
	return t
}

func newHoldEnv(t *testing.T, start time.Time, terms HoldTiming) *holdEnv {
	var s testsuite.WorkflowTestSuite
	h := &holdEnv{t: t, env: s.NewTestWorkflowEnvironment(), terms: terms, live: 1}
	h.env.SetStartTime(start)
	h.expires = terms.Until(cal, start) // what HoldLines stored at the submission
	h.env.RegisterActivity(&activities.Activities{})
	h.env.OnActivity(a.ReadHolds, mock.Anything, mock.Anything).Return(
		func(_ context.Context, _ activities.HoldRef) (activities.HoldStatus, error) {
			exp, warn := h.expires, terms.WarnAt(cal, h.expires)
			return activities.HoldStatus{HoldSet: payload.HoldSet{Live: h.live, ExpiresAt: &exp, ContractPending: h.pending},
				WarnAt: &warn}, nil
		})
	h.env.OnActivity(a.WarnHolds, mock.Anything, mock.Anything).Return(
		func(_ context.Context, in activities.WarnHoldsInput) (bool, error) {
			require.True(t, in.ExpiresAt.Equal(h.expires), "warned of the current expiry")
			h.warned = append(h.warned, h.env.Now())
			return true, nil
		})
	h.env.OnActivity(a.LapseHolds, mock.Anything, mock.Anything).Return(
		func(_ context.Context, _ activities.LapseHoldsInput) ([]string, error) {
			if h.env.Now().Before(h.expires) || h.live == 0 {
				return nil, nil
			}
			if h.pending {
				h.extended = append(h.extended, h.env.Now())
				h.expires = terms.Until(cal, h.expires)
				return nil, nil
			}
			h.live = 0
			h.lapsed = append(h.lapsed, h.env.Now())
			return []string{"claim-1"}, nil
		})
	h.env.OnActivity(a.OpenHoldRenewal, mock.Anything, mock.Anything).Return(nil)
	h.env.OnActivity(a.DecideHoldRenewal, mock.Anything, mock.Anything).Return(
		func(_ context.Context, in activities.RenewalDecisionInput) (*time.Time, error) {
			if in.Approve {
				h.expires = terms.Until(cal, h.expires)
			}
			exp := h.expires
			return &exp, nil
		})
	h.env.RegisterWorkflow(WaitlistWorkflow)
	h.env.OnWorkflow(WaitlistWorkflow, mock.Anything, mock.Anything).Return(
		func(_ workflow.Context, in WaitlistInput) (WaitlistResult, error) {
			h.offered = append(h.offered, in)
			return WaitlistResult{}, nil
		})
	return h
}

func (h *holdEnv) run() HoldState {
	h.env.ExecuteWorkflow(HoldWorkflow, HoldInput{ProposalID: "p-1", Round: 1, Owner: author, Timing: h.terms})
	require.True(h.t, h.env.IsWorkflowCompleted())
	require.NoError(h.t, h.env.GetWorkflowError())
	var st HoldState
	require.NoError(h.t, h.env.GetWorkflowResult(&st))
	return st
}

// at schedules an Update of the hold workflow at instant when.
func (h *holdEnv) at(when time.Time, start time.Time, name string, arg any, out *outcome) {
	scheduleUpdate(h.env, when.Sub(start), name, name+"-"+when.String(), arg, out)
}

func requireAt(t *testing.T, want string, got []time.Time) {
	t.Helper()
	require.Len(t, got, 1)
	require.True(t, got[0].Equal(cst(want)), "at %s, want %s", got[0].In(policy.Shanghai), want)
}

// TestHoldWarnsAndLapsesAcrossNationalDay: submitted on Wednesday 30
// September at 10:00, seven working days skip National Day (1–7 October)
// and count the make-up Saturday 10 October: the hold lapses on Thursday
// 15 October at 10:00, its owner is warned a working day before, and the
// freed slot goes to the waiting list.
func TestHoldWarnsAndLapsesAcrossNationalDay(t *testing.T) {
	start := cst("2026-09-30 10:00")
	h := newHoldEnv(t, start, HoldTiming{})
	require.True(t, h.expires.Equal(cst("2026-10-15 10:00")), "expires %s", h.expires.In(policy.Shanghai))
	st := h.run()
	requireAt(t, "2026-10-14 10:00", h.warned)
	requireAt(t, "2026-10-15 10:00", h.lapsed)
	require.Equal(t, HoldEnded, st.Status)
	require.Equal(t, []WaitlistInput{{ReleasedClaimID: "claim-1"}}, h.offered)
}

// TestHoldMakeUpSaturdayCounts: two working days from Thursday 8 October
// end on the make-up Saturday 10 October.
func TestHoldMakeUpSaturdayCounts(t *testing.T) {
	h := newHoldEnv(t, cst("2026-10-08 09:30"), HoldTiming{WorkingDays: 2})
	h.run()
	requireAt(t, "2026-10-09 09:30", h.warned)
	requireAt(t, "2026-10-10 09:30", h.lapsed)
}

// TestHoldRenewalAcrossWeekend: the owner asks for a renewal, the owner
// and another salesperson cannot decide it, the manager approves: the
// hold lasts seven working days more (to Monday 26 October, over a
// weekend), the first warning never comes, the new one comes on Friday 23
// October, a working day before the Monday.
func TestHoldRenewalAcrossWeekend(t *testing.T) {
	start := cst("2026-09-30 10:00")
	h := newHoldEnv(t, start, HoldTiming{})
	var stranger1, req, again, self, other, ok outcome
	h.at(cst("2026-10-09 11:00"), start, UpdateHoldRenewal, RenewalRequest{Actor: stranger}, &stranger1)
	h.at(cst("2026-10-12 11:00"), start, UpdateHoldRenewal, RenewalRequest{Actor: author}, &req)
	h.at(cst("2026-10-12 12:00"), start, UpdateHoldRenewal, RenewalRequest{Actor: author}, &again)
	task := "hold-p-1-1-renewal-1"
	h.at(cst("2026-10-13 09:00"), start, UpdateHoldDecide, DecideRequest{Actor: author, TaskID: task, Decision: DecisionApprove}, &self)
	h.at(cst("2026-10-13 09:10"), start, UpdateHoldDecide, DecideRequest{Actor: stranger, TaskID: task, Decision: DecisionApprove}, &other)
	h.at(cst("2026-10-13 09:20"), start, UpdateHoldDecide, DecideRequest{Actor: manager, TaskID: task, Decision: DecisionApprove}, &ok)
	st := h.run()
	require.ErrorContains(t, stranger1.rejected, "owner")
	require.NoError(t, req.rejected)
	require.ErrorContains(t, again.rejected, "already waiting")
	require.ErrorContains(t, self.rejected, "own renewal")
	require.ErrorContains(t, other.rejected, "sales manager")
	require.NoError(t, ok.rejected)
	require.NoError(t, ok.err)
	require.Equal(t, 1, st.Renewals)
	requireAt(t, "2026-10-23 10:00", h.warned)
	requireAt(t, "2026-10-26 10:00", h.lapsed)
}

// TestWaitlistOfferLapsesAndPassesOn: an offer made on Friday 9 October at
// 15:00 lasts one working day, to the make-up Saturday; lapsed, it passes
// to the next, whose offer lasts to Monday 12 October 15:00 and is taken.
func TestWaitlistOfferLapsesAndPassesOn(t *testing.T) {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.SetStartTime(cst("2026-10-09 15:00"))
	var terms HoldTiming
	queue := []string{"u-2", "u-3"}
	var lapses []time.Time
	env.RegisterActivity(&activities.Activities{})
	env.OnActivity(a.OfferNext, mock.Anything, mock.Anything).Return(
		func(_ context.Context, in activities.OfferNextInput) ([]payload.Offer, error) {
			if len(queue) == 0 {
				return nil, nil
			}
			o := payload.Offer{ClaimID: "offer-" + queue[0], UserID: queue[0], ExpiresAt: terms.OfferUntil(cal, env.Now())}
			queue = queue[1:]
			return []payload.Offer{o}, nil
		})
	env.OnActivity(a.LapseOffer, mock.Anything, mock.Anything).Return(
		func(_ context.Context, in activities.LapseOfferInput) (bool, error) {
			lapses = append(lapses, env.Now())
			return in.ClaimID == "offer-u-2", nil // u-3 took theirs
		})
	env.ExecuteWorkflow(WaitlistWorkflow, WaitlistInput{ReleasedClaimID: "claim-1"})
	require.NoError(t, env.GetWorkflowError())
	var res WaitlistResult
	require.NoError(t, env.GetWorkflowResult(&res))
	require.Equal(t, []string{"offer-u-2", "offer-u-3"}, res.Offers)
	require.Len(t, lapses, 2)
	require.True(t, lapses[0].Equal(cst("2026-10-10 15:00")), "first offer lapsed %s", lapses[0].In(policy.Shanghai))
	require.True(t, lapses[1].Equal(cst("2026-10-12 15:00")), "second offer ends %s", lapses[1].In(policy.Shanghai))
}

// TestHoldExtendedWhileContractPending: while the customer's contract is
// drafted or in approval the hold does not lapse and its owner is not
// warned: it is extended by the hold period each time it falls due, until
// the contract books it (nothing is held any more).
func TestHoldExtendedWhileContractPending(t *testing.T) {
	start := cst("2026-10-12 10:00")
	h := newHoldEnv(t, start, HoldTiming{WorkingDays: 2})
	h.pending = true
	h.env.RegisterDelayedCallback(func() { h.live = 0 }, cst("2026-10-15 12:00").Sub(start))
	st := h.run()
	require.Empty(t, h.warned)
	require.Empty(t, h.lapsed)
	requireAt(t, "2026-10-14 10:00", h.extended)
	require.True(t, h.expires.Equal(cst("2026-10-16 10:00")), "extended to %s", h.expires.In(policy.Shanghai))
	require.Equal(t, HoldEnded, st.Status)
}

// TestWaitlistReleasesFirstWhenOrdered: a person's release through the API
// is the waiting list's first step, answered to the Update sent with the
// start; a refused release answers the refusal and offers nothing.
func TestWaitlistReleasesFirstWhenOrdered(t *testing.T) {
	for _, refused := range []bool{false, true} {
		var s testsuite.WorkflowTestSuite
		env := s.NewTestWorkflowEnvironment()
		env.RegisterActivity(&activities.Activities{})
		var steps []string
		env.OnActivity(a.ReleaseClaim, mock.Anything, mock.Anything).Return(
			func(_ context.Context, in activities.ReleaseClaimInput) ([]string, error) {
				steps = append(steps, "release "+in.ClaimID+" "+in.Reason)
				if refused {
					return nil, temporal.NewNonRetryableApplicationError("released already", ErrTypeConflict, nil)
				}
				return []string{in.ClaimID}, nil
			})
		env.OnActivity(a.OfferNext, mock.Anything, mock.Anything).Return(
			func(_ context.Context, in activities.OfferNextInput) ([]payload.Offer, error) {
				steps = append(steps, "offer "+in.ReleasedClaimID)
				return nil, nil
			})
		var answer outcome
		scheduleUpdate(env, 0, UpdateWaitlistReleased, "released", nil, &answer)
		env.ExecuteWorkflow(WaitlistWorkflow, WaitlistInput{ReleasedClaimID: "c-1",
			Release: &ReleaseOrder{ActorID: manager.ID, Reason: "客户撤单", StepKey: "api/claim-release/k"}})
		require.True(t, env.IsWorkflowCompleted())
		if refused {
			require.ErrorContains(t, answer.err, "released already")
			require.Error(t, env.GetWorkflowError())
			require.Equal(t, []string{"release c-1 客户撤单"}, steps)
			continue
		}
		require.NoError(t, answer.err)
		require.NoError(t, env.GetWorkflowError())
		require.Equal(t, []string{"release c-1 客户撤单", "offer c-1"}, steps)
	}
}
