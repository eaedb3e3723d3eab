package service

import (
	"context"
	"errors"
	"salesflow/store"
	"salesflow/workflows"
	"sync"
	"time"

	enumspb "go.temporal.io/api/enums/v1"

	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"
)

// A new customer's contact deadline (R2.5) is the outbox's: the create
// commits the ownership as pending (store/contact_outbox.go) and answers
// after that one transaction; the workflow start, a round trip to
// Temporal that cost most of a create's time, follows off the request.
// StartSoon starts it at once in the background, so a customer recorded
// through the API gets its week within moments; when that start fails, or
// too many are under way, the ownership stays pending and the sweeper
// (RunOutboxes) starts it — the guarantee is the outbox's, the
// promptness StartSoon's.

// Bounds of the starts under way in one API process.
const (
	maxStartsUnderWay = 32
	startTimeout      = 30 * time.Second
)

// deadlineStarts are the contact-deadline starts under way, by workflow
// ID, so a nudge for a workflow about to start waits for it rather than
// finding nothing and being lost (NudgeContact).
type deadlineStarts struct {
	slots chan struct{}
	mu    sync.Mutex
	busy  map[string]chan struct{}
}

func newDeadlineStarts() *deadlineStarts {
	return &deadlineStarts{slots: make(chan struct{}, maxStartsUnderWay), busy: map[string]chan struct{}{}}
}

// StartSoon starts the deadline workflow of cust's current ownership in
// the background, or leaves it to the sweeper when the slots are full.
func (s *Service) StartSoon(ctx context.Context, cust store.Customer) {
	if cust.OwnerID == "" { // a pool lead has no week yet (R2.4)
		return
	}
	p := store.PendingDeadline{CustomerID: cust.ID, OwnerID: cust.OwnerID, Generation: cust.OwnerGeneration}
	id := workflows.ContactDeadlineWorkflowID(p.CustomerID, p.Generation)
	select {
	case s.starts.slots <- struct{}{}:
	default:
		return
	}
	done := s.starts.begin(id)
	ctx = context.WithoutCancel(ctx) // the request has answered; its logger stays
	go func() {
		defer func() { s.starts.end(id, done); <-s.starts.slots }()
		sctx, cancel := context.WithTimeout(ctx, startTimeout)
		defer cancel()
		if err := s.StartDeadline(sctx, p); err != nil {
			s.log.WarnContext(ctx, "contact deadline not started; the outbox will retry", "customer", p.CustomerID, "error", err)
		}
	}()
}

func (d *deadlineStarts) begin(id string) chan struct{} {
	d.mu.Lock()
	defer d.mu.Unlock()
	done := make(chan struct{})
	d.busy[id] = done
	return done
}

func (d *deadlineStarts) end(id string, done chan struct{}) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.busy[id] == done {
		delete(d.busy, id)
	}
	close(done)
}

// wait returns once no start of workflow id is under way here, or ctx ends.
func (d *deadlineStarts) wait(ctx context.Context, id string) {
	d.mu.Lock()
	done, ok := d.busy[id]
	d.mu.Unlock()
	if !ok {
		return
	}
	select {
	case <-done:
	case <-ctx.Done():
	}
}

// StartContactDeadline starts R2.5's week for the customer's current owner
// and marks the ownership started. The record is already stored: a failure
// is logged and leaves the ownership pending, for the outbox sweeper
// (sweepContactDeadlines) to start later; the workflow ID (one per
// ownership) makes a repeat harmless.
func (s *Service) StartContactDeadline(ctx context.Context, cust store.Customer) {
	if cust.OwnerID == "" {
		return
	}
	err := s.StartDeadline(ctx, store.PendingDeadline{CustomerID: cust.ID, OwnerID: cust.OwnerID, Generation: cust.OwnerGeneration})
	if err != nil {
		s.log.ErrorContext(ctx, "contact deadline not started; the outbox will retry", "customer", cust.ID, "error", err)
	}
}

// startDeadline starts one ownership's deadline workflow and records that
// it runs.
func (s *Service) StartDeadline(ctx context.Context, p store.PendingDeadline) error {
	in := workflows.ContactDeadlineInput{CustomerID: p.CustomerID, Generation: p.Generation,
		OwnerID: p.OwnerID, Deadline: s.ContactDeadline(), ReminderBefore: s.contactReminderBefore(),
		RecheckEvery: s.cfg.ContactRecheckEvery}
	opts := client.StartWorkflowOptions{ID: workflows.ContactDeadlineWorkflowID(p.CustomerID, p.Generation),
		TaskQueue: s.cfg.TaskQueue, WorkflowIDConflictPolicy: enumspb.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING,
		WorkflowIDReusePolicy: StartOnce, WorkflowExecutionErrorWhenAlreadyStarted: true}
	if _, err := s.temporal.ExecuteWorkflow(ctx, opts, workflows.ContactDeadlineWorkflow, in); err != nil && !StartedBefore(err) {
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

// SweepContactDeadlines starts the deadline workflow of every ownership
// still pending (an import defers them; a failed start leaves one), a
// batch at a time, and returns how many it started.
func (s *Service) SweepContactDeadlines(ctx context.Context) (int, error) {
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
func (s *Service) startAll(ctx context.Context, pending []store.PendingDeadline) (int, error) {
	var mu sync.Mutex
	var firstErr error
	started := 0
	jobs := make(chan store.PendingDeadline)
	var wg sync.WaitGroup
	for range outboxStarters {
		wg.Go(func() {
			for p := range jobs {
				err := s.StartDeadline(ctx, p)
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

// RunOutboxes sweeps, every interval until ctx ends, the pending contact
// deadlines and the import jobs whose workflow a failed start left
// unstarted. The API process runs it beside the HTTP server; several
// replicas sweeping at once only start each workflow once (its ID).
func (s *Service) RunOutboxes(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		s.sweep(ctx, "contact deadline outbox", s.SweepContactDeadlines)
		s.sweep(ctx, "import job outbox", s.SweepImportJobs)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// sweep runs one outbox's sweep and logs what it did.
func (s *Service) sweep(ctx context.Context, name string, fn func(context.Context) (int, error)) {
	if n, err := fn(ctx); err != nil && ctx.Err() == nil {
		s.log.WarnContext(ctx, name, "started", n, "error", err)
	} else if n > 0 {
		s.log.InfoContext(ctx, name, "started", n)
	}
}

// NudgeContact tells an ownership's deadline workflow that something
// happened (contact made, ownership ended). It is a nudge: the workflow also
// checks the database before it reminds or escalates, so a lost signal only
// costs a moment, and a workflow that has ended is no error.
func (s *Service) NudgeContact(ctx context.Context, customerID string, generation int, signal string) {
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
