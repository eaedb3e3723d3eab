package workflows

import (
	"strings"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"salesflow/activities"
	"salesflow/policy"
)

// validateDecide: only the owner's sales manager (any sales manager when
// the owner has none) decides a plan, never its author; a rejection says
// why (R3.5).
func (v *visit) validateDecide(ctx workflow.Context, req DecideRequest) error {
	if v.state.Status != policy.VisitPendingApproval || req.TaskID == "" || req.TaskID != v.state.OpenTaskID {
		return conflict("task %s is not open for decision", req.TaskID)
	}
	if req.Actor.ID == v.in.Owner.ID {
		return temporal.NewApplicationError("the salesperson cannot approve their own visit plan", ErrTypeSelfReview)
	}
	manager := v.in.ManagerID
	if (manager != "" && req.Actor.ID != manager) || (manager == "" && !req.Actor.Has(policy.RoleSalesManager)) {
		return temporal.NewApplicationError("only the salesperson's sales manager may decide the plan", ErrTypeForbidden)
	}
	if req.Decision != DecisionApprove && req.Decision != DecisionReject {
		return invalid("decision must be approve or reject")
	}
	if req.Decision == DecisionReject && strings.TrimSpace(req.Comment) == "" {
		return invalid("a rejection needs a comment for the salesperson")
	}
	return nil
}

func (v *visit) decide(ctx workflow.Context, req DecideRequest) (VisitState, error) {
	recheck := func(ctx workflow.Context) error { return v.validateDecide(ctx, req) }
	return v.step(ctx, recheck, func(ctx workflow.Context, key string) error {
		in := activities.VisitDecisionInput{VisitRef: v.ref(ctx), StepKey: key, TaskID: req.TaskID,
			Actor: req.Actor, Approve: req.Decision == DecisionApprove, Comment: req.Comment}
		var ids []string
		if err := runStep(ctx, a.RecordVisitDecision, in).Get(ctx, &ids); err != nil {
			return err
		}
		v.state.Status, v.state.OpenTaskID = policy.VisitRejected, ""
		if in.Approve {
			v.state.Status = policy.VisitApproved
		}
		v.mail(ctx, ids)
		return nil
	})
}

// validateDepart: the front desk fills in the visit slip, and only for an
// approved plan (R3.5).
func (v *visit) validateDepart(ctx workflow.Context, req VisitActorRequest) error {
	if !req.Actor.Has(policy.RoleFrontDesk) {
		return temporal.NewApplicationError("only the front desk records a departure", ErrTypeForbidden)
	}
	if v.state.Status != policy.VisitApproved {
		return conflict("visit is %s; only an approved visit can depart", v.state.Status)
	}
	return nil
}

func (v *visit) depart(ctx workflow.Context, req VisitActorRequest) (VisitState, error) {
	recheck := func(ctx workflow.Context) error { return v.validateDepart(ctx, req) }
	return v.step(ctx, recheck, func(ctx workflow.Context, key string) error {
		in := activities.VisitStepInput{VisitRef: v.ref(ctx), StepKey: key, Actor: req.Actor}
		if err := runStep(ctx, a.RecordDeparture, in).Get(ctx, nil); err != nil {
			return err
		}
		v.state.Status, v.state.DepartedAt = policy.VisitDeparted, workflow.Now(ctx)
		return nil
	})
}

// validateExpectedReturn: the salesperson who is out tells the manager a
// later time, with a reason (R3.6).
func (v *visit) validateExpectedReturn(ctx workflow.Context, req ExpectedReturnRequest) error {
	if err := v.checkOwner(req.Actor); err != nil {
		return err
	}
	if v.state.Status != policy.VisitDeparted {
		return conflict("visit is %s; a new return time is reported while out", v.state.Status)
	}
	if !req.ExpectedReturn.After(workflow.Now(ctx)) {
		return invalid("the expected return must be in the future")
	}
	if strings.TrimSpace(req.Reason) == "" {
		return invalid("say why the return is later")
	}
	return nil
}

func (v *visit) expectedReturn(ctx workflow.Context, req ExpectedReturnRequest) (VisitState, error) {
	recheck := func(ctx workflow.Context) error { return v.validateExpectedReturn(ctx, req) }
	return v.step(ctx, recheck, func(ctx workflow.Context, key string) error {
		in := activities.ExpectedReturnInput{VisitStepInput: activities.VisitStepInput{VisitRef: v.ref(ctx),
			StepKey: key, Actor: req.Actor}, ExpectedReturn: req.ExpectedReturn, Reason: req.Reason}
		var ids []string
		if err := runStep(ctx, a.RecordExpectedReturn, in).Get(ctx, &ids); err != nil {
			return err
		}
		v.state.ExpectedReturn = req.ExpectedReturn
		v.gen++ // restarts the late-return watch from the new time
		v.mail(ctx, ids)
		return nil
	})
}

// validateReturn: the salesperson, or the front desk, records the return.
func (v *visit) validateReturn(ctx workflow.Context, req VisitActorRequest) error {
	if req.Actor.ID != v.in.Owner.ID && !req.Actor.Has(policy.RoleFrontDesk) {
		return temporal.NewApplicationError("only the salesperson or the front desk records a return", ErrTypeForbidden)
	}
	if v.state.Status != policy.VisitDeparted {
		return conflict("visit is %s; only a visit that departed can return", v.state.Status)
	}
	return nil
}

func (v *visit) returned(ctx workflow.Context, req VisitActorRequest) (VisitState, error) {
	recheck := func(ctx workflow.Context) error { return v.validateReturn(ctx, req) }
	return v.step(ctx, recheck, func(ctx workflow.Context, key string) error {
		now := workflow.Now(ctx)
		deadline, err := v.reportDeadline(ctx, now)
		if err != nil {
			return err
		}
		in := activities.ReturnInput{VisitStepInput: activities.VisitStepInput{VisitRef: v.ref(ctx), StepKey: key,
			Actor: req.Actor}, ReportDue: deadline.Due}
		if err := runStep(ctx, a.RecordReturn, in).Get(ctx, nil); err != nil {
			return err
		}
		v.state.Status, v.state.ReturnedAt = policy.VisitReturned, now
		v.state.ReportDue, v.reportRemind = deadline.Due, deadline.Remind
		return nil
	})
}

// validateReport: the salesperson reports on a visit they are back from.
func (v *visit) validateReport(ctx workflow.Context, req VisitReportRequest) error {
	if err := v.checkOwner(req.Actor); err != nil {
		return err
	}
	if v.state.Status != policy.VisitReturned {
		return conflict("visit is %s; the report follows the return", v.state.Status)
	}
	r := req.Report
	if strings.TrimSpace(r.Notes) == "" || strings.TrimSpace(r.MetName) == "" || strings.TrimSpace(r.MetTitle) == "" {
		return invalid("the report needs notes and the name and title of the person met")
	}
	return nil
}

func (v *visit) report(ctx workflow.Context, req VisitReportRequest) (VisitState, error) {
	recheck := func(ctx workflow.Context) error { return v.validateReport(ctx, req) }
	return v.step(ctx, recheck, func(ctx workflow.Context, key string) error {
		r := req.Report
		r.Late = workflow.Now(ctx).After(v.state.ReportDue)
		in := activities.VisitReportInput{VisitStepInput: activities.VisitStepInput{VisitRef: v.ref(ctx),
			StepKey: key, Actor: req.Actor}, Report: r}
		if err := runStep(ctx, a.RecordVisitReport, in).Get(ctx, nil); err != nil {
			return err
		}
		v.state.Status = policy.VisitReported
		return nil
	})
}
