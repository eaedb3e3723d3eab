package api

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"

	"salesflow/service"
	"salesflow/store"
	"salesflow/workflows"
)

func (s *Server) contactDeadline() time.Duration {
	if s.cfg.ContactDeadline > 0 {
		return s.cfg.ContactDeadline
	}
	return workflows.DefaultContactDeadline
}

func (s *Server) contactReminderBefore() time.Duration {
	if s.cfg.ContactReminderBefore > 0 {
		return s.cfg.ContactReminderBefore
	}
	return workflows.DefaultContactReminderBefore
}

// startContactDeadline starts R2.5's week for the customer's current owner
// and marks the ownership started. The record is already stored: a failure
// is logged and leaves the ownership pending, for the outbox sweeper
// (sweepContactDeadlines) to start later; the workflow ID (one per
// ownership) makes a repeat harmless.
func (s *Server) startContactDeadline(ctx context.Context, cust store.Customer) {
	if cust.OwnerID == "" {
		return
	}
	err := s.startDeadline(ctx, store.PendingDeadline{CustomerID: cust.ID, OwnerID: cust.OwnerID, Generation: cust.OwnerGeneration})
	if err != nil {
		s.log.ErrorContext(ctx, "contact deadline not started; the outbox will retry", "customer", cust.ID, "error", err)
	}
}

// startDeadline starts one ownership's deadline workflow and records that
// it runs.
func (s *Server) startDeadline(ctx context.Context, p store.PendingDeadline) error {
	in := workflows.ContactDeadlineInput{CustomerID: p.CustomerID, Generation: p.Generation,
		OwnerID: p.OwnerID, Deadline: s.contactDeadline(), ReminderBefore: s.contactReminderBefore(),
		RecheckEvery: s.cfg.ContactRecheckEvery}
	opts := client.StartWorkflowOptions{ID: workflows.ContactDeadlineWorkflowID(p.CustomerID, p.Generation),
		TaskQueue: s.cfg.TaskQueue, WorkflowIDConflictPolicy: enumspb.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING,
		WorkflowIDReusePolicy: startOnce, WorkflowExecutionErrorWhenAlreadyStarted: true}
	if _, err := s.temporal.ExecuteWorkflow(ctx, opts, workflows.ContactDeadlineWorkflow, in); err != nil && !startedBefore(err) {
		return err
	}
	return s.store.MarkDeadlineStarted(ctx, p.CustomerID, p.Generation)
}

// outboxBatch is how many pending ownerships one sweep reads, and
// outboxStarters how many it starts at once.
const (
	outboxBatch    = 200
	outboxStarters = 8
)

// sweepContactDeadlines starts the deadline workflow of every ownership
// still pending (an import defers them; a failed start leaves one), a
// batch at a time, and returns how many it started.
func (s *Server) sweepContactDeadlines(ctx context.Context) (int, error) {
	started := 0
	for {
		pending, err := s.store.PendingContactDeadlines(ctx, outboxBatch)
		if err != nil || len(pending) == 0 {
			return started, err
		}
		n, err := s.startAll(ctx, pending)
		started += n
		if err != nil {
			return started, err
		}
	}
}

// startAll starts the pending workflows outboxStarters at a time; the
// first error stops the sweep (the rest stay pending for the next one).
func (s *Server) startAll(ctx context.Context, pending []store.PendingDeadline) (int, error) {
	var mu sync.Mutex
	var firstErr error
	started := 0
	jobs := make(chan store.PendingDeadline)
	var wg sync.WaitGroup
	for range outboxStarters {
		wg.Go(func() {
			for p := range jobs {
				err := s.startDeadline(ctx, p)
				mu.Lock()
				if err == nil {
					started++
				} else if firstErr == nil {
					firstErr = err
				}
				mu.Unlock()
			}
		})
	}
	for _, p := range pending {
		jobs <- p
	}
	close(jobs)
	wg.Wait()
	return started, firstErr
}

// SweepContactDeadlines runs one sweep of the outbox until it is empty or
// ctx ends, and returns how many workflows it started (the benchmark times
// it; RunContactOutbox repeats it).
func SweepContactDeadlines(ctx context.Context, st *store.Store, tc client.Client, log *slog.Logger, cfg Config) (int, error) {
	return newServer(st, tc, log, cfg).sweepContactDeadlines(ctx)
}

// RunContactOutbox sweeps the pending contact deadlines every interval
// until ctx ends. The API process runs it beside the HTTP server; several
// replicas sweeping at once only start each workflow once (its ID).
func RunContactOutbox(ctx context.Context, st *store.Store, tc client.Client, log *slog.Logger, cfg Config, every time.Duration) {
	s := newServer(st, tc, log, cfg)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if n, err := s.sweepContactDeadlines(ctx); err != nil && ctx.Err() == nil {
			log.WarnContext(ctx, "contact deadline outbox", "started", n, "error", err)
		} else if n > 0 {
			log.InfoContext(ctx, "contact deadline outbox", "started", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// nudgeContact tells an ownership's deadline workflow that something
// happened (contact made, ownership ended). It is a nudge: the workflow also
// checks the database before it reminds or escalates, so a lost signal only
// costs a moment, and a workflow that has ended is no error.
func (s *Server) nudgeContact(ctx context.Context, customerID string, generation int, signal string) {
	if generation == 0 {
		return
	}
	id := workflows.ContactDeadlineWorkflowID(customerID, generation)
	s.starts.wait(ctx, id) // a signal to a workflow not yet started is lost
	err := s.temporal.SignalWorkflow(ctx, id, "", signal, nil)
	var notFound *serviceerror.NotFound
	if err != nil && !errors.As(err, &notFound) {
		s.log.WarnContext(ctx, "contact deadline not signalled", "customer", customerID, "signal", signal, "error", err)
	}
}

// decideContact answers a contact_overdue task (R2.5) through its
// workflow's Update: extend by days, or reassign to one of the manager's
// team.
func (s *Server) decideContact(ctx context.Context, c *gin.Context, task store.Task, u store.User, req decisionRequest) error {
	err := req.checkContact()
	if err == nil && req.Decision == workflows.DecisionReassign {
		err = s.checkTeamMember(ctx, u, req.OwnerID)
	}
	if err != nil {
		return err
	}
	arg := workflows.ContactDecisionRequest{Actor: actor(u), TaskID: task.ID, Decision: req.Decision,
		Days: req.Days, NewOwnerID: req.OwnerID, Comment: req.Comment}
	return s.update(ctx, c, task.WorkflowID, workflows.UpdateContactDecide, u, arg)
}

// checkContact validates a decision on a contact_overdue task: extend by 1
// to 30 days, or reassign to someone.
func (r decisionRequest) checkContact() error {
	var v validation
	switch r.Decision {
	case workflows.DecisionExtend:
		if r.Days < 1 || r.Days > workflows.MaxContactExtensionDays {
			v.Add("days", "field.extension_days")
		}
	case workflows.DecisionReassign:
		if r.OwnerID == "" {
			v.Add("owner_id", "field.owner_required")
		}
	default:
		v.Add("decision", "field.contact_decision")
	}
	service.CheckLen(&v, "comment", r.Comment, 4000)
	return v.Err()
}

// checkTeamMember allows assigning only to an active salesperson whose
// manager is u (R2.3: the manager decides for their own team).
func (s *Server) checkTeamMember(ctx context.Context, u store.User, ownerID string) error {
	owner, err := s.store.UserByID(ctx, ownerID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && (owner.ManagerID != u.ID || !owner.Active ||
		!slices.Contains(owner.Roles, roleSalesperson))) {
		return problemErr(http.StatusUnprocessableEntity, "/problems/not-team-member", "problem.not_team_member",
			"detail.not_team_member", ownerID)
	}
	return err
}
