package workflows

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"salesflow/policy"
)

// TestApprovalReminderAndEscalationInWorkingDays: a step opened on the eve
// of National Day 2026 (Wednesday 30 September) reminds its approver one
// working day later — Thursday 8 October, after the seven days off — and
// is escalated to the approvers' manager three working days later:
// Saturday 10 October, a make-up working day (调休). A plain weekday
// calendar would say 1 and 5 October. The escalation target may decide.
func TestApprovalReminderAndEscalationInWorkingDays(t *testing.T) {
	c := newContractEnv(t)
	start := time.Date(2026, 9, 30, 10, 0, 0, 0, policy.Shanghai)
	c.env.SetStartTime(start)
	var sub, byBoss result
	c.update(UpdateContractRevise, ContractReviseRequest{Actor: author, Draft: terms(0)}, &result{})
	c.update(UpdateContractSubmit, SubmitRequest{Actor: author}, &sub)
	c.at(15*24*time.Hour, UpdateContractDecide, decide(boss, "k-1-approval-1-1", DecisionApprove, "代为批准"), &byBoss)
	c.cancelAfter(time.Hour)
	c.run(ContractTiming{})

	require.NoError(t, sub.err)
	require.Equal(t, []time.Time{time.Date(2026, 10, 8, 10, 2, 0, 0, policy.Shanghai)}, inZone(c.reminded))
	require.Equal(t, []time.Time{time.Date(2026, 10, 10, 10, 2, 0, 0, policy.Shanghai)}, inZone(c.escalated))
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
