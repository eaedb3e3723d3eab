package api

import (
	"context"
	"sync"
	"time"

	"salesflow/store"
	"salesflow/workflows"
)

// A new customer's contact deadline (R2.5) is the outbox's: the create
// commits the ownership as pending (store/contact_outbox.go) and answers
// after that one transaction; the workflow start, a round trip to
// Temporal that cost most of a create's time, follows off the request.
// startSoon starts it at once in the background, so a customer recorded
// through the API gets its week within moments; when that start fails, or
// too many are under way, the ownership stays pending and the sweeper
// (RunContactOutbox) starts it — the guarantee is the outbox's, the
// promptness startSoon's.

// Bounds of the starts under way in one API process.
const (
	maxStartsUnderWay = 32
	startTimeout      = 30 * time.Second
)

// deadlineStarts are the contact-deadline starts under way, by workflow
// ID, so a nudge for a workflow about to start waits for it rather than
// finding nothing and being lost (nudgeContact).
type deadlineStarts struct {
	slots chan struct{}
	mu    sync.Mutex
	busy  map[string]chan struct{}
}

func newDeadlineStarts() *deadlineStarts {
	return &deadlineStarts{slots: make(chan struct{}, maxStartsUnderWay), busy: map[string]chan struct{}{}}
}

// startSoon starts the deadline workflow of cust's current ownership in
// the background, or leaves it to the sweeper when the slots are full.
func (s *Server) startSoon(ctx context.Context, cust store.Customer) {
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
		if err := s.startDeadline(sctx, p); err != nil {
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
