package workflows

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"salesflow/policy"
)

// TestApprovalReminderAndEscalationInWorkingDays: a step opened on a Friday
// reminds its approver one working day later (Monday) and is escalated to
// the approvers' manager three working days later (Wednesday), who may
// then decide.
func TestApprovalReminderAndEscalationInWorkingDays(t *testing.T) {
	c := newContractEnv(t)
	start := time.Date(2026, 11, 27, 10, 0, 0, 0, policy.Shanghai) // a Friday
	c.env.SetStartTime(start)
	var sub, byBoss result
	c.update(UpdateContractRevise, ContractReviseRequest{Actor: author, Draft: terms(0)}, &result{})
	c.update(UpdateContractSubmit, SubmitRequest{Actor: author}, &sub)
	c.at(7*24*time.Hour, UpdateContractDecide, decide(boss, "k-1-approval-1-1", DecisionApprove, "代为批准"), &byBoss)
	c.cancelAfter(time.Hour)
	c.run(ContractTiming{})

	require.NoError(t, sub.err)
	require.Len(t, c.reminded, 1)
	require.Len(t, c.escalated, 1)
	submitted := start.Add(2 * time.Minute)
	require.Equal(t, policy.AddWorkingDays(policy.Weekdays{}, submitted, 1, policy.Shanghai), c.reminded[0].In(policy.Shanghai))
	require.Equal(t, time.Monday, c.reminded[0].In(policy.Shanghai).Weekday())
	require.Equal(t, time.Wednesday, c.escalated[0].In(policy.Shanghai).Weekday())
	require.NoError(t, byBoss.rejected, "the escalation target may decide")
	require.Equal(t, policy.ContractApproved, byBoss.state.Status)
}

// TestApprovalTimersConfigurable: shortened timings (as the integration
// tests and SALESFLOW_CONTRACT_* use) fire at the given durations.
func TestApprovalTimersConfigurable(t *testing.T) {
	c := newContractEnv(t)
	start := time.Date(2026, 11, 25, 9, 0, 0, 0, policy.Shanghai)
	c.env.SetStartTime(start)
	c.update(UpdateContractRevise, ContractReviseRequest{Actor: author, Draft: terms(0)}, &result{})
	c.update(UpdateContractSubmit, SubmitRequest{Actor: author}, &result{})
	c.cancelAfter(time.Hour)
	c.run(ContractTiming{RemindAfter: 10 * time.Minute, EscalateAfter: 30 * time.Minute})

	submitted := start.Add(2 * time.Minute)
	require.Equal(t, []time.Time{submitted.Add(10 * time.Minute)}, inZone(c.reminded))
	require.Equal(t, []time.Time{submitted.Add(30 * time.Minute)}, inZone(c.escalated))
}

// TestDecisionStopsReminders: a step decided in time neither reminds nor
// escalates, and the next step's timers start from its own opening.
func TestDecisionStopsReminders(t *testing.T) {
	c := newContractEnv(t)
	c.major = true
	var second result
	c.update(UpdateContractRevise, ContractReviseRequest{Actor: author, Draft: terms(0)}, &result{})
	c.update(UpdateContractSubmit, SubmitRequest{Actor: author}, &result{})
	c.update(UpdateContractDecide, decide(director, "k-1-approval-1-1", DecisionApprove, ""), &result{})
	c.at(5*time.Minute, UpdateContractDecide, decide(approver, "k-1-approval-1-2", DecisionApprove, ""), &second)
	c.cancelAfter(30 * 24 * time.Hour)
	c.run(ContractTiming{RemindAfter: 10 * time.Minute, EscalateAfter: 20 * time.Minute})

	require.NoError(t, second.err)
	require.Empty(t, c.reminded)
	require.Empty(t, c.escalated)
}

func inZone(ts []time.Time) []time.Time {
	out := make([]time.Time, len(ts))
	for i, t := range ts {
		out[i] = t.In(policy.Shanghai)
	}
	return out
}
