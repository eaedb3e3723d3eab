package store

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// Delivery of notifications outside the app (issue 9). Each channel of a
// row has a state: pending, sent, not_applicable (settled at insert by the
// notifications_settle_channels trigger of migration 00009: no address, or
// the channel off in delivery_channels) or failed (dead-lettered). Senders
// claim rows for a lease before they send, so two senders never hold the
// same row; a sender marks a channel sent the moment the server took it.

// Channels of delivery.
const (
	ChannelEmail   = "email"
	ChannelWebhook = "webhook"
)

// States of a channel.
const (
	DeliveryPending       = "pending"
	DeliverySent          = "sent"
	DeliveryNotApplicable = "not_applicable"
	DeliveryFailed        = "failed"
)

// ClaimedNotification is a notification a sender holds: what to send, the
// user's address as it is now, and how often it was tried.
type ClaimedNotification struct {
	Notification
	Email        string `db:"email"` // "" when the user has none (any more)
	EmailState   string `db:"email_state"`
	WebhookState string `db:"webhook_state"`
	Attempts     int    `db:"attempts"`
}

// Claim asks for up to Limit due rows pending on a channel the sender
// has, held for Lease under Token; IDs, when set, limits it to those.
type Claim struct {
	Token          string
	Limit          int
	Lease          time.Duration
	Email, Webhook bool // the channels this sender can deliver
	IDs            []string
}

// claimRows locks due, unclaimed rows, skipping those another claimer has
// locked this instant, and stamps them with the lease: two claimers never
// get the same row, and a row claimed and lost in a crash comes back when
// its lease ends.
const claimRows = `WITH due AS (
		SELECT id FROM notifications
		WHERE ((email_state = 'pending' AND $3) OR (webhook_state = 'pending' AND $4))
		  AND (email_state = 'pending' OR webhook_state = 'pending')
		  AND next_attempt_at <= now() AND (claimed_until IS NULL OR claimed_until < now())
		  AND (COALESCE(cardinality($5::text[]), 0) = 0 OR id = ANY($5::text[]))
		ORDER BY next_attempt_at, id LIMIT $1
		FOR UPDATE SKIP LOCKED)
	UPDATE notifications n SET claimed_until = now() + $2::double precision * interval '1 millisecond', claim_token = $6
	FROM due WHERE n.id = due.id
	RETURNING n.id, n.user_id, n.kind, n.subject_type, n.subject_id, n.title_zh, n.title_en, n.body, n.detail,
		n.created_at, n.read_at, n.emailed_at, n.webhooked_at, n.email_state, n.webhook_state, n.attempts,
		COALESCE((SELECT email FROM users u WHERE u.id = n.user_id), '') AS email`

// ClaimNotifications claims what c asks for, oldest first.
func (s *Store) ClaimNotifications(ctx context.Context, c Claim) ([]ClaimedNotification, error) {
	var list []ClaimedNotification
	err := s.db.SelectContext(ctx, &list, claimRows, c.Limit, c.Lease.Milliseconds(), c.Email, c.Webhook,
		pq.StringArray(c.IDs), c.Token)
	sortClaimed(list)
	return list, err
}

// markChannel records what became of one channel while the claim holds;
// sent stamps the channel's time.
var markChannel = map[string]string{
	ChannelEmail: `UPDATE notifications SET email_state = $2,
		emailed_at = CASE WHEN $2 = 'sent' THEN COALESCE(emailed_at, now()) ELSE emailed_at END
		WHERE id = $1 AND email_state = 'pending'`,
	ChannelWebhook: `UPDATE notifications SET webhook_state = $2,
		webhooked_at = CASE WHEN $2 = 'sent' THEN COALESCE(webhooked_at, now()) ELSE webhooked_at END
		WHERE id = $1 AND webhook_state = 'pending'`,
}

// MarkChannel sets a pending channel of id to state (sent, not_applicable
// or failed). Marking sent is called the moment the server took the
// message, so a crash after it sends nothing again.
func (s *Store) MarkChannel(ctx context.Context, id, channel, state string) error {
	_, err := s.db.ExecContext(ctx, markChannel[channel], id, state)
	return err
}

// Attempt is how one try of a claimed row ended: the error of the
// channels that failed ("" when none did), when to try again, and the
// channels to dead-letter because the row is out of attempts.
type Attempt struct {
	ID, Token  string
	Error      string
	RetryIn    time.Duration
	DeadLetter []string // ChannelEmail, ChannelWebhook
}

// FinishAttempt counts the try, records its error and backoff, and lets
// the claim go; it does nothing if the claim was lost (its lease ran out
// and another sender took the row).
func (s *Store) FinishAttempt(ctx context.Context, a Attempt) error {
	const q = `UPDATE notifications SET attempts = attempts + 1, last_attempt_at = now(), last_error = $3,
		next_attempt_at = CASE WHEN $3 = '' THEN next_attempt_at
			ELSE now() + $4::double precision * interval '1 millisecond' END,
		email_state = CASE WHEN 'email' = ANY($5::text[]) AND email_state = 'pending' THEN 'failed' ELSE email_state END,
		webhook_state = CASE WHEN 'webhook' = ANY($5::text[]) AND webhook_state = 'pending' THEN 'failed' ELSE webhook_state END,
		claimed_until = NULL, claim_token = NULL
		WHERE id = $1 AND claim_token = $2`
	_, err := s.db.ExecContext(ctx, q, a.ID, a.Token, a.Error, a.RetryIn.Milliseconds(), pq.StringArray(a.DeadLetter))
	return err
}

// ReleaseClaims lets go of every row still held under token, untried.
func (s *Store) ReleaseClaims(ctx context.Context, token string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE notifications SET claimed_until = NULL, claim_token = NULL
		WHERE claim_token = $1`, token)
	return err
}

// SetDeliveryChannels records which channels the deployment has; a worker
// calls it at start. New rows are settled by it at insert; rows waiting on
// a channel now off are settled here, so nothing waits for a channel no
// sender has.
func (s *Store) SetDeliveryChannels(ctx context.Context, email, webhook bool) error {
	return s.inTx(ctx, func(tx *sqlx.Tx) error {
		const q = `INSERT INTO delivery_channels (channel, enabled) VALUES ('email', $1), ('webhook', $2)
			ON CONFLICT (channel) DO UPDATE SET enabled = EXCLUDED.enabled, updated_at = now()`
		if _, err := tx.ExecContext(ctx, q, email, webhook); err != nil {
			return err
		}
		const settle = `UPDATE notifications SET
			email_state = CASE WHEN NOT $1 AND email_state = 'pending' THEN 'not_applicable' ELSE email_state END,
			webhook_state = CASE WHEN NOT $2 AND webhook_state = 'pending' THEN 'not_applicable' ELSE webhook_state END
			WHERE (email_state = 'pending' AND NOT $1) OR (webhook_state = 'pending' AND NOT $2)`
		_, err := tx.ExecContext(ctx, settle, email, webhook)
		return err
	})
}

// sortClaimed orders a claim oldest first (RETURNING has no order).
func sortClaimed(list []ClaimedNotification) {
	slices.SortFunc(list, func(a, b ClaimedNotification) int {
		return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), strings.Compare(a.ID, b.ID))
	})
}
