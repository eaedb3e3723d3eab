package api

import (
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"salesflow/service"
	"salesflow/store"
	"salesflow/workflows"
	"salesflow/workflows/payload"
)

// departVisit records the visit slip (客户走访单) at the server's time; the
// route admits the front desk only, the workflow only an approved visit
// (R3.5).
func (s *Server) departVisit(c *gin.Context) {
	s.visitUpdate(c, workflows.UpdateVisitDepart, func(u store.User) (any, error) {
		return workflows.VisitActorRequest{Actor: actor(u)}, nil
	})
}

// returnVisit records the return (the salesperson or the front desk).
func (s *Server) returnVisit(c *gin.Context) {
	s.visitUpdate(c, workflows.UpdateVisitReturn, func(u store.User) (any, error) {
		return workflows.VisitActorRequest{Actor: actor(u)}, nil
	})
}

type expectedReturnRequest struct {
	ExpectedReturn string `json:"expected_return"`
	Reason         string `json:"reason" text:"block,max=4000"`
}

// expectedReturn is the salesperson telling the manager they will be back
// later (R3.6); the late-return watch restarts from the new time.
func (s *Server) expectedReturn(c *gin.Context) {
	var req expectedReturnRequest
	if err := bindJSON(c, &req); err != nil {
		s.fail(c, err)
		return
	}
	s.visitUpdate(c, workflows.UpdateVisitExpectedReturn, func(u store.User) (any, error) {
		var v validation
		now := time.Now()
		at, err := time.Parse(time.RFC3339, req.ExpectedReturn)
		if err == nil && !at.After(now) {
			v.Add("expected_return", "field.return_in_past")
		} else {
			at, _ = service.CheckTime(&v, "expected_return", req.ExpectedReturn, now, now.Add(service.MaxVisit))
		}
		if strings.TrimSpace(req.Reason) == "" {
			v.Add("reason", "field.required")
		}
		return workflows.ExpectedReturnRequest{Actor: actor(u), ExpectedReturn: at, Reason: strings.TrimSpace(req.Reason)}, v.Err()
	})
}

type visitReportRequest struct {
	Notes           string `json:"notes" text:"block"`
	MetName         string `json:"met_name" text:"max=200"`
	MetTitle        string `json:"met_title" text:"max=200"`
	IsDecisionMaker *bool  `json:"is_decision_maker"`
	Needs           string `json:"needs" text:"block,max=4000"`
}

func (r visitReportRequest) check() (payload.VisitReport, error) {
	var v validation
	service.CheckText(&v, r)
	for _, f := range []struct {
		name, value string
		max         int
	}{{"notes", r.Notes, 20000}, {"met_name", r.MetName, 200}, {"met_title", r.MetTitle, 200}} {
		if strings.TrimSpace(f.value) == "" {
			v.Add(f.name, "field.required")
		} else if len([]rune(f.value)) > f.max {
			v.Add(f.name, "field.too_long", f.max)
		}
	}
	if r.IsDecisionMaker == nil {
		v.Add("is_decision_maker", "field.required")
	}
	if len([]rune(r.Needs)) > 4000 {
		v.Add("needs", "field.too_long", 4000)
	}
	rep := payload.VisitReport{Notes: strings.TrimSpace(r.Notes), MetName: strings.TrimSpace(r.MetName),
		MetTitle: strings.TrimSpace(r.MetTitle), Needs: strings.TrimSpace(r.Needs)}
	if r.IsDecisionMaker != nil {
		rep.IsDecisionMaker = *r.IsDecisionMaker
	}
	return rep, v.Err()
}

// reportVisit files the visit report (R3.3, R3.8); after the deadline it
// is kept and marked late.
func (s *Server) reportVisit(c *gin.Context) {
	var req visitReportRequest
	if err := bindJSON(c, &req); err != nil {
		s.fail(c, err)
		return
	}
	s.visitUpdate(c, workflows.UpdateVisitReport, func(u store.User) (any, error) {
		rep, err := req.check()
		return workflows.VisitReportRequest{Actor: actor(u), Report: rep}, err
	})
}

// visitUpdate is the shape of every step on a visit: check the caller may
// see it, build the request, send the Update (idempotent by key) and answer
// with the visit as stored.
func (s *Server) visitUpdate(c *gin.Context, name string, build func(store.User) (any, error)) {
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	v, err := s.visibleVisit(ctx, u, c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	arg, err := build(u)
	if err == nil {
		err = s.svc.Update(ctx, clientKey(c), v.WorkflowID, name, u, arg, nil)
	}
	if err != nil {
		s.fail(c, visitClosed(err))
		return
	}
	s.respondVisit(c, ctx, v.ID, http.StatusOK)
}

// visitClosed words "the workflow has ended" for a visit (rejected or
// reported) rather than for a proposal.
func visitClosed(err error) error {
	if classify(err) == errWorkflowClosed {
		return errConflict("visit closed")
	}
	return err
}

// visitDecision is the Update a visit task takes: only the plan (R3.5) is
// decided; late-return and overdue-report alerts close themselves when the
// salesperson returns or reports.
func visitDecision(task store.Task, u store.User, req decisionRequest) (string, any, error) {
	if task.Kind != "visit_plan" {
		return "", nil, problemErr(http.StatusConflict, "/problems/not-a-decision", "problem.not_a_decision",
			"detail.visit_alert")
	}
	return workflows.UpdateVisitDecide, workflows.DecideRequest{Actor: actor(u), TaskID: task.ID,
		Decision: req.Decision, Comment: req.Comment}, nil
}
