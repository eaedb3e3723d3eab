package store

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"
)

// What admins and the metrics see of delivery: the dead letters and what
// waits, the counts, and the retry that puts a dead letter back in line.

// Delivery is one notification as the admins' delivery page shows it.
type Delivery struct {
	ID            string     `json:"id" db:"id"`
	UserID        string     `json:"user_id" db:"user_id"`
	UserName      string     `json:"user_name" db:"user_name"`
	Email         string     `json:"email" db:"email"` // the user's address now
	Kind          string     `json:"kind" db:"kind"`
	TitleZH       string     `json:"title_zh" db:"title_zh"`
	TitleEN       string     `json:"title_en" db:"title_en"`
	EmailState    string     `json:"email_state" db:"email_state"`
	WebhookState  string     `json:"webhook_state" db:"webhook_state"`
	Attempts      int        `json:"attempts" db:"attempts"`
	NextAttemptAt time.Time  `json:"next_attempt_at" db:"next_attempt_at"`
	LastAttemptAt *time.Time `json:"last_attempt_at" db:"last_attempt_at"`
	LastError     string     `json:"last_error" db:"last_error"`
	CreatedAt     time.Time  `json:"created_at" db:"created_at"`
}

const deliverySelect = `SELECT n.id, n.user_id, u.name AS user_name, COALESCE(u.email, '') AS email, n.kind,
	n.title_zh, n.title_en, n.email_state, n.webhook_state, n.attempts, n.next_attempt_at, n.last_attempt_at,
	n.last_error, n.created_at FROM notifications n JOIN users u ON u.id = n.user_id`

// deliveryFilters are the lists the page offers; each predicate is its
// partial index's.
var deliveryFilters = map[string]string{
	DeliveryFailed:  `(n.email_state = 'failed' OR n.webhook_state = 'failed')`,
	DeliveryPending: `(n.email_state = 'pending' OR n.webhook_state = 'pending')`,
}

// Deliveries lists the dead-lettered (state failed) or waiting (pending)
// notifications, newest first, keyset-paged by (created_at, id).
func (s *Store) Deliveries(ctx context.Context, state string, page Page) ([]Delivery, string, error) {
	filter, ok := deliveryFilters[state]
	if !ok {
		return nil, "", ErrNotFound
	}
	limit := page.clampLimit()
	before, beforeID := newestBefore(page.Cursor)
	q := deliverySelect + ` WHERE ` + filter + ` AND (n.created_at, n.id) < ($1, $2)
		ORDER BY n.created_at DESC, n.id DESC LIMIT $3`
	var list []Delivery
	if err := s.db.SelectContext(ctx, &list, q, before, beforeID, limit+1); err != nil {
		return nil, "", err
	}
	return pageOf(list, limit, func(d Delivery) string { return timeCursor(d.CreatedAt, d.ID) })
}

// DeliveryByID returns one notification's delivery.
func (s *Store) DeliveryByID(ctx context.Context, id string) (Delivery, error) {
	var d Delivery
	err := s.db.GetContext(ctx, &d, deliverySelect+` WHERE n.id = $1`, id)
	return d, mapErr(err)
}

// retryDelivery puts failed channels back to pending and makes the row due
// now with fresh attempts; a row a sender holds is left to it.
const retryDelivery = `UPDATE notifications SET attempts = 0, next_attempt_at = now(),
	email_state = CASE WHEN email_state = 'failed' THEN 'pending' ELSE email_state END,
	webhook_state = CASE WHEN webhook_state = 'failed' THEN 'pending' ELSE webhook_state END
	WHERE (email_state IN ('failed', 'pending') OR webhook_state IN ('failed', 'pending'))
	  AND (claimed_until IS NULL OR claimed_until < now())`

// RetryDelivery sends notification id again soon: its dead-lettered
// channels, or, if it only waits, at once. Audited under key (a repeated
// request is one retry). ErrNotFound: no such notification; ErrConflict:
// nothing to retry (every channel settled) or a sender holds it now.
func (s *Store) RetryDelivery(ctx context.Context, id, actorID, key string) (Delivery, error) {
	step := Step{Key: key, ActorID: actorID, Action: "notification.delivery_retried"}
	err := s.runStep(ctx, "notification", id, step, func(tx *sqlx.Tx) error {
		res, err := tx.ExecContext(ctx, retryDelivery+` AND id = $1`, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 1 {
			return nil
		}
		var exists bool
		if err := tx.GetContext(ctx, &exists, `SELECT EXISTS (SELECT 1 FROM notifications WHERE id = $1)`, id); err != nil {
			return err
		}
		if exists {
			return ErrConflict
		}
		return ErrNotFound
	})
	if err != nil {
		return Delivery{}, err
	}
	return s.DeliveryByID(ctx, id)
}

// RetryDeadLetters retries every dead-lettered notification, audited once
// under key; it answers how many it put back in line.
func (s *Store) RetryDeadLetters(ctx context.Context, actorID, key string) (int, error) {
	var n int64
	step := Step{Key: key, ActorID: actorID, Action: "notification.dead_letters_retried"}
	replayed, err := s.runStepOnce(ctx, "notification", "dead-letters", step, func(tx *sqlx.Tx) error {
		res, err := tx.ExecContext(ctx, retryDelivery+` AND (email_state = 'failed' OR webhook_state = 'failed')`)
		if err == nil {
			n, err = res.RowsAffected()
		}
		return err
	})
	if replayed {
		n = 0 // the retry sent again: its count was answered the first time
	}
	return int(n), err
}

// ChannelCounts are one channel's notifications waiting and dead-lettered.
type ChannelCounts struct {
	Pending      int `json:"pending"`
	DeadLettered int `json:"dead_lettered"`
}

// DeliveryCounts is what the metrics report of delivery: per channel, and
// of the notifications still waiting how many are due now and how old the
// oldest is (a sweep that stopped shows as a growing age).
type DeliveryCounts struct {
	Email           ChannelCounts `json:"email"`
	Webhook         ChannelCounts `json:"webhook"`
	Due             int           `json:"due"`
	OldestPendingAt *time.Time    `json:"oldest_pending_at"`
}

// NotificationDeliveryCounts counts through the partial indexes, so it is
// cheap enough for every scrape.
func (s *Store) NotificationDeliveryCounts(ctx context.Context) (DeliveryCounts, error) {
	const q = `SELECT p.email, p.webhook, p.due, p.oldest, f.email, f.webhook FROM
		(SELECT count(*) FILTER (WHERE email_state = 'pending') AS email,
			count(*) FILTER (WHERE webhook_state = 'pending') AS webhook,
			count(*) FILTER (WHERE next_attempt_at <= now()) AS due, min(created_at) AS oldest
		 FROM notifications WHERE email_state = 'pending' OR webhook_state = 'pending') p,
		(SELECT count(*) FILTER (WHERE email_state = 'failed') AS email,
			count(*) FILTER (WHERE webhook_state = 'failed') AS webhook
		 FROM notifications WHERE email_state = 'failed' OR webhook_state = 'failed') f`
	var c DeliveryCounts
	err := s.db.QueryRowContext(ctx, q).Scan(&c.Email.Pending, &c.Webhook.Pending, &c.Due, &c.OldestPendingAt,
		&c.Email.DeadLettered, &c.Webhook.DeadLettered)
	return c, err
}
