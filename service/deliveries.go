package service

import (
	"context"
	"errors"

	"salesflow/store"
)

// ErrNotRetryable: every channel of the notification is settled, or a
// sender is delivering it this moment.
var ErrNotRetryable = NewError(KindConflict, "conflict", "problem.conflict", "detail.delivery_not_retryable")

// RetryDelivery puts notification id back in line for the next sweep,
// audited as actor's, once per key.
func (s *Service) RetryDelivery(ctx context.Context, actor store.User, key, id string) (store.Delivery, error) {
	d, err := s.store.RetryDelivery(ctx, id, actor.ID, StepKey("delivery-retry/"+id, actor.ID, key))
	switch {
	case errors.Is(err, store.ErrConflict):
		return d, ErrNotRetryable
	case err != nil:
		return d, NotFoundAs(err, "notification "+id)
	}
	return d, nil
}

// RetryDeadLetters retries every dead letter, once per key; it answers how
// many.
func (s *Service) RetryDeadLetters(ctx context.Context, actor store.User, key string) (int, error) {
	return s.store.RetryDeadLetters(ctx, actor.ID, StepKey("delivery-retry/dead-letters", actor.ID, key))
}

// Deliveries are a page of the notifications in delivery state (dead
// letters or those still waiting), newest first, for the admins' view.
func (s *Service) Deliveries(ctx context.Context, state string, page store.Page) ([]store.Delivery, string, error) {
	return s.store.Deliveries(ctx, state, page)
}

// DeliveryCounts are how many notifications are dead-lettered and waiting,
// by channel, beside that view.
func (s *Service) DeliveryCounts(ctx context.Context) (store.DeliveryCounts, error) {
	return s.store.NotificationDeliveryCounts(ctx)
}
