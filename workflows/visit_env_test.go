package workflows

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"go.temporal.io/sdk/testsuite"

	"salesflow/activities"
	"salesflow/policy"
)

var frontDesk = policy.Actor{ID: "u-desk", Name: "前台", Roles: []string{"front_desk"}}

// visitEnv runs the visit workflow with the database activities mocked;
// the deadline activity runs for real on the calendar given, so the tests
// check the working-day arithmetic the worker uses.
type visitEnv struct {
	t         *testing.T
	env       *testsuite.TestWorkflowEnvironment
	start     time.Time
	plan      VisitPlan
	lateAt    []time.Time
	endOfDay  []bool
	remindAt  []time.Time
	escalated []time.Time
	reports   []activities.VisitReportInput
	returns   []activities.ReturnInput
}

func newVisitEnv(t *testing.T, start time.Time, cal policy.Calendar) *visitEnv {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	v := &visitEnv{t: t, env: env, start: start,
		plan: VisitPlan{Goals: "介绍广告位", PlannedStart: start.Add(time.Hour), PlannedReturn: start.Add(3 * time.Hour)}}
	env.SetStartTime(start)
	env.RegisterActivity(&activities.Activities{Calendar: cal})
	env.OnActivity(a.CreateVisit, mock.Anything, mock.Anything).Return([]string{}, nil)
	env.OnActivity(a.RecordVisitDecision, mock.Anything, mock.Anything).Return([]string{"n-1"}, nil)
	env.OnActivity(a.RecordDeparture, mock.Anything, mock.Anything).Return(nil)
	env.OnActivity(a.RecordExpectedReturn, mock.Anything, mock.Anything).Return([]string{}, nil)
	env.OnActivity(a.EmailNotifications, mock.Anything, mock.Anything).Return(nil)
	env.OnActivity(a.RecordReturn, mock.Anything, mock.Anything).Return(
		func(_ context.Context, in activities.ReturnInput) error {
			v.returns = append(v.returns, in)
			return nil
		})
	env.OnActivity(a.RecordVisitReport, mock.Anything, mock.Anything).Return(
		func(_ context.Context, in activities.VisitReportInput) error {
			v.reports = append(v.reports, in)
			return nil
		})
	env.OnActivity(a.AlertLateReturn, mock.Anything, mock.Anything).Return(
		func(_ context.Context, in activities.VisitAlertInput) ([]string, error) {
			v.lateAt, v.endOfDay = append(v.lateAt, env.Now()), append(v.endOfDay, in.EndOfDay)
			return nil, nil
		})
	env.OnActivity(a.RemindVisitReport, mock.Anything, mock.Anything).Return(
		func(context.Context, activities.VisitAlertInput) ([]string, error) {
			v.remindAt = append(v.remindAt, env.Now())
			return nil, nil
		})
	env.OnActivity(a.EscalateVisitReport, mock.Anything, mock.Anything).Return(
		func(context.Context, activities.VisitAlertInput) ([]string, error) {
			v.escalated = append(v.escalated, env.Now())
			return nil, nil
		})
	return v
}

// visitResult is what one Update produced.
type visitResult struct {
	rejected error
	err      error
	state    VisitState
}

// at sends an Update at the simulated instant when.
func (v *visitEnv) at(when time.Time, name string, arg any) *visitResult {
	out := &visitResult{}
	id := name + "-" + when.Format(time.RFC3339)
	v.env.RegisterDelayedCallback(func() {
		v.env.UpdateWorkflow(name, id, &testsuite.TestUpdateCallback{
			OnAccept: func() {},
			OnReject: func(err error) { out.rejected = err },
			OnComplete: func(r any, err error) {
				out.err = err
				if s, ok := r.(VisitState); ok {
					out.state = s
				}
			},
		}, arg)
	}, when.Sub(v.start))
	return out
}

// approveAndDepart approves the plan a minute in and departs at departAt.
func (v *visitEnv) approveAndDepart(departAt time.Time) {
	v.at(v.start.Add(time.Minute), UpdateVisitDecide, DecideRequest{Actor: manager, TaskID: "v-1-plan", Decision: DecisionApprove})
	v.at(departAt, UpdateVisitDepart, VisitActorRequest{Actor: frontDesk})
}

func (v *visitEnv) cancelAt(when time.Time) {
	v.env.RegisterDelayedCallback(func() { v.env.CancelWorkflow() }, when.Sub(v.start))
}

func (v *visitEnv) run(timing VisitTiming) {
	v.env.ExecuteWorkflow(VisitWorkflow, VisitInput{VisitID: "v-1", CustomerID: "c-1", Owner: author,
		ManagerID: manager.ID, Plan: v.plan, Timing: timing})
}

func sampleReport() VisitReportRequest {
	return VisitReportRequest{Actor: author, Report: visitReport()}
}
