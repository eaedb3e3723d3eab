package service

import (
	"context"
	"strings"
	"time"

	"salesflow/policy"
	"salesflow/store"
	"salesflow/workflows"
	"salesflow/workflows/payload"
)

// A visit (R3.5–R3.8, R4.2): the salesperson plans it, their manager
// approves it, the front desk records the departure, the salesperson
// comes back and files the report. Each step is an Update of the visit's
// workflow, which refuses a step its state does not allow.

// VisitPlanInput is a visit as the salesperson plans it.
type VisitPlanInput struct {
	CustomerID     string `json:"customer_id"`
	Goals          string `json:"goals" text:"block,max=4000"`
	PlannedStart   string `json:"planned_start"`
	PlannedReturn  string `json:"planned_return"`
	ProgressReport string `json:"progress_report" text:"block,max=4000"`
}

// plan checks in and returns the plan the workflow carries.
func (in VisitPlanInput) plan(now time.Time) (workflows.VisitPlan, error) {
	var v Validation
	CheckText(&v, in)
	if strings.TrimSpace(in.Goals) == "" {
		v.Add("goals", "field.required")
	} else if len([]rune(in.Goals)) > 4000 {
		v.Add("goals", "field.too_long", 4000)
	}
	if len([]rune(in.ProgressReport)) > 4000 {
		v.Add("progress_report", "field.too_long", 4000)
	}
	from, to := PlannedTimes(now)
	start, okS := CheckTime(&v, "planned_start", in.PlannedStart, from, to)
	back, errR := time.Parse(time.RFC3339, in.PlannedReturn)
	switch {
	case errR != nil:
		v.Add("planned_return", "field.timestamp")
	case okS && !back.After(start):
		v.Add("planned_return", "field.return_after_start")
	case !back.After(now):
		v.Add("planned_return", "field.return_in_past")
	case okS && back.Sub(start) > MaxVisit:
		v.Add("planned_return", "field.visit_too_long", int(MaxVisit.Hours()))
	case !okS && back.After(to):
		v.Add("planned_return", "field.time_range", ShanghaiMinute(now), ShanghaiMinute(to))
	}
	return workflows.VisitPlan{Goals: strings.TrimSpace(in.Goals), PlannedStart: start, PlannedReturn: back,
		ProgressReport: strings.TrimSpace(in.ProgressReport)}, v.Err()
}

// checkVisitPlan: the customer is the actor's (like a proposal, R2.1), the
// plan is well formed, and a revisit carries its progress report (R4.2).
func (s *Service) checkVisitPlan(ctx context.Context, actor store.User, in VisitPlanInput) (workflows.VisitPlan, error) {
	if err := TextErr(in); err != nil {
		return workflows.VisitPlan{}, err
	}
	if err := s.CheckOwnCustomer(ctx, actor, in.CustomerID, "problem.not_visit_owner"); err != nil {
		return workflows.VisitPlan{}, err
	}
	plan, err := in.plan(time.Now())
	if err != nil {
		return plan, err
	}
	earlier, err := s.store.EarlierVisits(ctx, in.CustomerID)
	if err != nil {
		return plan, err
	}
	if policy.RevisitNeedsProgressReport(earlier, plan.ProgressReport) {
		return plan, NewError(KindInvalid, "progress-report-required", "problem.progress_report_required",
			"detail.progress_report_required", earlier).WithField("progress_report", "field.progress_report")
	}
	return plan, nil
}

// PlanVisit starts the visit's workflow with an Update that answers once
// the plan is stored; the plan goes to the salesperson's manager (R3.5).
// The same key from the same actor names the same visit: sent again, it
// answers once the workflow knows the visit. It returns the visit's ID.
func (s *Service) PlanVisit(ctx context.Context, actor store.User, key string, in VisitPlanInput) (string, error) {
	plan, err := s.checkVisitPlan(ctx, actor, in)
	if err != nil {
		return "", err
	}
	id := newID("visit", actor.ID, key)
	if _, err := s.store.VisitByID(ctx, id); err == nil { // a key used before (see AwaitCreatedKnown)
		return id, s.AwaitCreatedKnown(ctx, workflows.VisitWorkflowID(id), workflows.UpdateVisitCreated)
	}
	start := workflows.VisitInput{VisitID: id, CustomerID: in.CustomerID, Owner: Actor(actor), ManagerID: actor.ManagerID,
		Plan: plan, Timing: s.cfg.VisitTiming}
	err = s.StartCreated(ctx, CreatedStart{WorkflowID: workflows.VisitWorkflowID(id), CustomerID: in.CustomerID,
		OwnerID: actor.ID, Stage: string(policy.VisitPendingApproval), Workflow: workflows.VisitWorkflow, Input: start,
		Created: workflows.UpdateVisitCreated})
	if err != nil && !StartedBefore(err) {
		return "", err
	}
	return id, nil
}

// ExpectedReturnInput is the salesperson telling the manager they will be
// back later (R3.6).
type ExpectedReturnInput struct {
	ExpectedReturn string `json:"expected_return"`
	Reason         string `json:"reason" text:"block,max=4000"`
}

// VisitReportInput is the visit report (R3.3, R3.8).
type VisitReportInput struct {
	Notes           string `json:"notes" text:"block"`
	MetName         string `json:"met_name" text:"max=200"`
	MetTitle        string `json:"met_title" text:"max=200"`
	IsDecisionMaker *bool  `json:"is_decision_maker"`
	Needs           string `json:"needs" text:"block,max=4000"`
}

// Check refuses a report without notes, whom the salesperson met, their
// title or whether they decide, and text over its length.
func (in VisitReportInput) Check() (payload.VisitReport, error) {
	var v Validation
	CheckText(&v, in)
	for _, f := range []struct {
		name, value string
		max         int
	}{{"notes", in.Notes, 20000}, {"met_name", in.MetName, 200}, {"met_title", in.MetTitle, 200}} {
		if strings.TrimSpace(f.value) == "" {
			v.Add(f.name, "field.required")
		} else if len([]rune(f.value)) > f.max {
			v.Add(f.name, "field.too_long", f.max)
		}
	}
	if in.IsDecisionMaker == nil {
		v.Add("is_decision_maker", "field.required")
	}
	if len([]rune(in.Needs)) > 4000 {
		v.Add("needs", "field.too_long", 4000)
	}
	rep := payload.VisitReport{Notes: strings.TrimSpace(in.Notes), MetName: strings.TrimSpace(in.MetName),
		MetTitle: strings.TrimSpace(in.MetTitle), Needs: strings.TrimSpace(in.Needs)}
	if in.IsDecisionMaker != nil {
		rep.IsDecisionMaker = *in.IsDecisionMaker
	}
	return rep, v.Err()
}

// VisitStep is one step on a visit after its plan: the departure (the
// front desk's visit slip, at the server's time), the return, a later
// expected return, the report.
type VisitStep struct {
	update string
	build  func(actor store.User) (any, error)
}

// Depart is the front desk recording the visit slip (客户走访单, R3.5).
func Depart() VisitStep { return actorStep(workflows.UpdateVisitDepart) }

// Return is the salesperson (or the front desk) recording the return.
func Return() VisitStep { return actorStep(workflows.UpdateVisitReturn) }

func actorStep(update string) VisitStep {
	return VisitStep{update: update, build: func(actor store.User) (any, error) {
		return workflows.VisitActorRequest{Actor: Actor(actor)}, nil
	}}
}

// ExpectedReturn moves the late-return watch to a later time (R3.6).
func ExpectedReturn(in ExpectedReturnInput) VisitStep {
	return VisitStep{update: workflows.UpdateVisitExpectedReturn, build: func(actor store.User) (any, error) {
		var v Validation
		now := time.Now()
		at, err := time.Parse(time.RFC3339, in.ExpectedReturn)
		if err == nil && !at.After(now) {
			v.Add("expected_return", "field.return_in_past")
		} else {
			at, _ = CheckTime(&v, "expected_return", in.ExpectedReturn, now, now.Add(MaxVisit))
		}
		if strings.TrimSpace(in.Reason) == "" {
			v.Add("reason", "field.required")
		}
		return workflows.ExpectedReturnRequest{Actor: Actor(actor), ExpectedReturn: at, Reason: strings.TrimSpace(in.Reason)}, v.Err()
	}}
}

// Report files the visit report (R3.3, R3.8); after the deadline it is
// kept and marked late.
func Report(in VisitReportInput) VisitStep {
	return VisitStep{update: workflows.UpdateVisitReport, build: func(actor store.User) (any, error) {
		rep, err := in.Check()
		return workflows.VisitReportRequest{Actor: Actor(actor), Report: rep}, err
	}}
}

// StepName is the step's Update name (pages word their flash by it).
func (st VisitStep) StepName() string { return st.update }

// TakeVisitStep checks actor may see visit id, builds the step and sends
// it, idempotent by key. A visit whose workflow has ended (rejected or
// reported) is a conflict.
func (s *Service) TakeVisitStep(ctx context.Context, actor store.User, key, id string, step VisitStep) (store.Visit, error) {
	v, err := s.Visit(ctx, actor, id)
	if err != nil {
		return v, err
	}
	arg, err := step.build(actor)
	if err == nil {
		err = s.Update(ctx, key, v.WorkflowID, step.update, actor, arg, nil)
	}
	if IsWorkflowGone(err) {
		err = Conflict("visit closed")
	}
	return v, err
}

// StoredVisit is visit id as stored, without a visibility check: the
// answer to a step or a decision the actor was just allowed to take.
func (s *Service) StoredVisit(ctx context.Context, id string) (store.Visit, error) {
	v, err := s.store.VisitByID(ctx, id)
	return v, NotFoundAs(err, "visit "+id)
}
