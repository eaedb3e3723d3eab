package service

import (
	"context"

	"golang.org/x/sync/errgroup"

	"salesflow/policy"
	"salesflow/store"
)

// CustomerFile is what a customer's information file shows besides the
// record itself (R1.5): its contacts, its contact log, its owners and its
// classes over time, and the calendar entered_late is read against (R1.3).
type CustomerFile struct {
	Calendar     policy.Calendar
	Contacts     []store.Contact
	Interactions []store.Interaction
	Ownership    []store.OwnershipEvent
	ClassHistory []store.ClassEvent
}

// CustomerFileOf reads the file of a customer the caller has already been
// allowed to see (Customer, RecordCustomer), for the API's answer and the
// customer's page alike. The five reads go side by side on the pool, so
// the answer waits for the slowest of them rather than for their sum.
func (s *Service) CustomerFileOf(ctx context.Context, customerID string) (CustomerFile, error) {
	var f CustomerFile
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) { f.Calendar, err = s.Calendar(gctx); return })
	g.Go(func() (err error) { f.Contacts, err = s.store.ContactsOf(gctx, customerID); return })
	g.Go(func() (err error) { f.Interactions, err = s.store.InteractionsOf(gctx, customerID); return })
	g.Go(func() (err error) { f.Ownership, err = s.store.OwnershipHistory(gctx, customerID); return })
	g.Go(func() (err error) { f.ClassHistory, err = s.store.ClassHistory(gctx, customerID); return })
	return f, g.Wait()
}
