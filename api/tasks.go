package api

import (
	"context"
	"net/http"
	"salesflow/api/wire"

	"github.com/gin-gonic/gin"

	"salesflow/httpx"
	"salesflow/service"
	"salesflow/session"
	"salesflow/store"
)

// listTasks is the inbox: tasks the caller may act on, oldest first.
func (s *Server) listTasks(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	status := c.DefaultQuery("status", "open")
	var v service.Validation
	if service.CheckStatus(&v, "status", status, service.TaskStatuses); v.Err() != nil {
		s.fail(c, v.Err())
		return
	}
	if status == "all" {
		status = ""
	}
	list, next, err := s.svc.Tasks(ctx, u, status, httpx.Page(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, wire.PageOf(wire.Map(list, wire.TaskOf), next))
}

// decideTask answers a task through its workflow's Update and returns the
// subject's new state.
func (s *Server) decideTask(c *gin.Context) {
	var in service.DecisionInput
	if err := bindJSON(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	u, _ := session.User(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	task, err := s.svc.Decide(ctx, u, clientKey(c), c.Param("id"), in)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.respondDecided(c, ctx, task)
}

// respondDecided answers a decision with the new state of its subject.
func (s *Server) respondDecided(c *gin.Context, ctx context.Context, task store.Task) {
	switch task.SubjectType {
	case "contract":
		s.respondContract(c, ctx, task.SubjectID, http.StatusOK)
		return
	case "customer":
		cust, err := s.svc.TaskCustomer(ctx, task)
		if err != nil {
			s.fail(c, err)
			return
		}
		s.respondCustomer(c, ctx, cust, http.StatusOK, nil)
		return
	case "proposal":
		s.respondProposal(c, ctx, task.SubjectID, http.StatusOK)
		return
	case "visit":
		s.respondVisit(c, ctx, task.SubjectID, http.StatusOK)
		return
	}
	decided, err := s.svc.Task(ctx, task.ID)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, wire.TaskOf(decided))
}
