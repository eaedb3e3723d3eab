package store

import (
	"context"
	"encoding/json"
	"time"

	"github.com/jmoiron/sqlx"
)

// Notification is an in-app message for one user: every task, reminder and
// escalation writes one, and, when mail or the webhook is configured, it is
// also delivered there (notification_delivery.go).
type Notification struct {
	ID          string `json:"id" db:"id"`
	UserID      string `json:"user_id" db:"user_id"`
	Kind        string `json:"kind" db:"kind"`
	SubjectType string `json:"subject_type" db:"subject_type"`
	SubjectID   string `json:"subject_id" db:"subject_id"`
	TitleZH     string `json:"title_zh" db:"title_zh"`
	TitleEN     string `json:"title_en" db:"title_en"`
	Body        string `json:"body" db:"body"`
	// Detail holds the facts a page may format itself (e.g. due_at).
	Detail      json.RawMessage `json:"detail" db:"detail"`
	CreatedAt   time.Time       `json:"created_at" db:"created_at"`
	ReadAt      *time.Time      `json:"read_at" db:"read_at"`
	EmailedAt   *time.Time      `json:"emailed_at,omitempty" db:"emailed_at"`
	WebhookedAt *time.Time      `json:"-" db:"webhooked_at"`
}

// Notify inserts n inside tx; a notification with the same id (a retried
// step) is left alone. The insert trigger of migration 00009 settles at
// once a channel that does not apply (no address, channel off).
func Notify(ctx context.Context, tx *sqlx.Tx, n Notification) error {
	if len(n.Detail) == 0 {
		n.Detail = json.RawMessage(`{}`)
	}
	const q = `INSERT INTO notifications (id, user_id, kind, subject_type, subject_id, title_zh, title_en, body, detail)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING`
	_, err := tx.ExecContext(ctx, q, n.ID, n.UserID, n.Kind, n.SubjectType, n.SubjectID, n.TitleZH, n.TitleEN, n.Body, string(n.Detail))
	return mapErr(err)
}

const notificationColumns = `id, user_id, kind, subject_type, subject_id, title_zh, title_en, body, detail, created_at, read_at, emailed_at, webhooked_at`

// NotificationsFor lists a user's notifications, newest first, keyset-paged
// by (created_at, id) because one step writes several at the same now();
// unread only when unread is set.
func (s *Store) NotificationsFor(ctx context.Context, userID string, unread bool, page Page) ([]Notification, string, error) {
	before, beforeID := newestBefore(page.Cursor)
	limit := page.clampLimit()
	q := `SELECT ` + notificationColumns + ` FROM notifications WHERE user_id = $1 AND (NOT $2 OR read_at IS NULL)
		AND (created_at, id) < ($3, $4) ORDER BY created_at DESC, id DESC LIMIT $5`
	var list []Notification
	if err := s.db.SelectContext(ctx, &list, q, userID, unread, before, beforeID, limit+1); err != nil {
		return nil, "", err
	}
	return pageOf(list, limit, func(n Notification) string { return timeCursor(n.CreatedAt, n.ID) })
}

// NotificationByID returns one notification.
func (s *Store) NotificationByID(ctx context.Context, id string) (Notification, error) {
	var n Notification
	err := s.db.GetContext(ctx, &n, `SELECT `+notificationColumns+` FROM notifications WHERE id = $1`, id)
	return n, mapErr(err)
}

// MarkNotificationRead marks a user's notification read (once; reading
// again keeps the first time). Another user's notification is not found.
func (s *Store) MarkNotificationRead(ctx context.Context, id, userID string) (Notification, error) {
	const q = `UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND user_id = $2
		RETURNING ` + notificationColumns
	var n Notification
	err := s.db.GetContext(ctx, &n, q, id, userID)
	return n, mapErr(err)
}

// UserEmail returns the address notifications to userID are mailed to, or "".
func (s *Store) UserEmail(ctx context.Context, userID string) (string, error) {
	var email *string
	err := s.db.GetContext(ctx, &email, `SELECT email FROM users WHERE id = $1`, userID)
	if err != nil || email == nil {
		return "", mapErr(err)
	}
	return *email, nil
}

// SetUserEmail sets (or, with "", clears) where userID's notifications are mailed.
func (s *Store) SetUserEmail(ctx context.Context, userID, email string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE users SET email = NULLIF($2, '') WHERE id = $1`, userID, email)
	return mapErr(err)
}

// UnreadNotifications counts a user's unread notifications (the badge in
// the navigation).
func (s *Store) UnreadNotifications(ctx context.Context, userID string) (int, error) {
	var n int
	err := s.db.GetContext(ctx, &n, `SELECT count(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL`, userID)
	return n, err
}

// MarkAllNotificationsRead marks every unread notification of userID read.
func (s *Store) MarkAllNotificationsRead(ctx context.Context, userID string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL`, userID)
	return err
}
