package service

import (
	"context"

	"salesflow/store"
)

// A person's own notifications (in-app, issue 9): only ever the actor's,
// so another user's notification is not found.

// Notifications are a page of actor's notifications, newest first; unread
// narrows them to those not yet read.
func (s *Service) Notifications(ctx context.Context, actor store.User, unread bool, page store.Page) ([]store.Notification, string, error) {
	return s.store.NotificationsFor(ctx, actor.ID, unread, page)
}

// ReadNotification marks actor's notification id read and returns it;
// another user's is not found, as one that does not exist.
func (s *Service) ReadNotification(ctx context.Context, actor store.User, id string) (store.Notification, error) {
	n, err := s.store.MarkNotificationRead(ctx, id, actor.ID)
	return n, NotFoundAs(err, "notification "+id)
}

// ReadAllNotifications marks every notification of actor's read.
func (s *Service) ReadAllNotifications(ctx context.Context, actor store.User) error {
	return s.store.MarkAllNotificationsRead(ctx, actor.ID)
}

// UnreadNotifications is how many of actor's notifications wait unread,
// for the navigation's badge.
func (s *Service) UnreadNotifications(ctx context.Context, actor store.User) (int, error) {
	return s.store.UnreadNotifications(ctx, actor.ID)
}
