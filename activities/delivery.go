package activities

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"go.temporal.io/sdk/activity"

	"salesflow/store"
)

// Delivery of notifications to mail and the webhook (issue 9). Every
// caller — the visit workflow's own mail step, the daily digest, the
// minute sweep — goes through deliver: it claims a small batch of due rows
// for a lease, so no two senders ever hold one row; sends each channel
// and marks it sent the moment the server took it; and records a failed
// try with its backoff, or dead-letters the row, without holding up the
// rest. The one window left is between the server's acceptance and that
// mark: a crash there sends the message again when the lease ends. It is
// a few milliseconds wide, and the stable Message-ID and the
// X-Salesflow-Notification header let a receiving side drop the copy.

// DeliveryOptions tune the sender; a zero field takes its default.
type DeliveryOptions struct {
	Batch       int           // rows claimed at once (20)
	Lease       time.Duration // how long a claim holds (3 min)
	SendTimeout time.Duration // one channel's send (20 s)
	Budget      time.Duration // how long one call goes on claiming batches (40 s)
	MaxAttempts int           // tries before a row is dead-lettered (8)
	Backoff     time.Duration // the wait after a first failed try, doubling (30 s)
	MaxBackoff  time.Duration // the longest wait (1 h)
}

// markPatience is how long a mark after a send keeps trying through a
// blip of the database: losing it would send the message again.
const markPatience = 10 * time.Second

func (o DeliveryOptions) withDefaults() DeliveryOptions {
	def := func(v *time.Duration, d time.Duration) {
		if *v <= 0 {
			*v = d
		}
	}
	if o.Batch <= 0 {
		o.Batch = 20
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = 8
	}
	def(&o.Lease, 3*time.Minute)
	def(&o.SendTimeout, 20*time.Second)
	def(&o.Budget, 40*time.Second)
	def(&o.Backoff, 30*time.Second)
	def(&o.MaxBackoff, time.Hour)
	return o
}

// perRow bounds the time one row takes: both channels' sends and marks.
func (o DeliveryOptions) perRow() time.Duration { return 2 * (o.SendTimeout + markPatience) }

// backoff is the wait after the attempts-th failed try.
func (o DeliveryOptions) backoff(attempts int) time.Duration {
	d := o.Backoff
	for i := 1; i < attempts && d < o.MaxBackoff; i++ {
		d *= 2
	}
	return min(d, o.MaxBackoff)
}

// EmailNotifications delivers the notifications ids (those just written
// by a visit step or the digest) that no other sender holds; what fails
// is tried again by the sweep after its backoff, so only a database
// failure is returned.
func (a *Activities) EmailNotifications(ctx context.Context, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	_, err := a.deliver(ctx, ids)
	return err
}

// DeliverPending is the minute sweep: it delivers due notifications in
// batches until none is left or its time budget is spent, and answers how
// many it took.
func (a *Activities) DeliverPending(ctx context.Context) (int, error) {
	return a.deliver(ctx, nil)
}

func (a *Activities) deliver(ctx context.Context, ids []string) (int, error) {
	if a.Mailer == nil && a.Webhook == nil {
		return 0, nil // nothing is ever claimed: rows wait for a sender that has the channel
	}
	o := a.Delivery.withDefaults()
	start, total := time.Now(), 0
	for time.Since(start) < o.Budget && enoughTime(ctx, o.perRow()) {
		n, err := a.deliverBatch(ctx, o, ids)
		total += n
		if err != nil || n == 0 {
			return total, err
		}
	}
	return total, nil
}

// deliverBatch claims one batch and delivers it, stopping before the
// lease or the activity's deadline could run out mid-send; what it did not
// reach it lets go at once.
func (a *Activities) deliverBatch(ctx context.Context, o DeliveryOptions, ids []string) (int, error) {
	token, claimedAt := uuid.NewString(), time.Now()
	rows, err := a.Store.ClaimNotifications(ctx, store.Claim{Token: token, Limit: o.Batch, Lease: o.Lease,
		Email: a.Mailer != nil, Webhook: a.Webhook != nil, IDs: ids})
	if err != nil || len(rows) == 0 {
		return 0, err
	}
	defer a.release(ctx, token)
	stop := claimedAt.Add(o.Lease - o.perRow())
	for _, n := range rows {
		if time.Now().After(stop) || !enoughTime(ctx, o.perRow()) {
			break
		}
		if err := a.deliverRow(ctx, o, token, n); err != nil {
			return len(rows), err
		}
	}
	return len(rows), nil
}

// errNoAddress: the user has no email address (any more).
var errNoAddress = errors.New("no address")

// outlet is one channel: its name and how a row is sent there.
type outlet struct {
	name string
	send func(ctx context.Context, n store.ClaimedNotification) error
}

// outlets are the channels of n still pending that this sender has.
func (a *Activities) outlets(n store.ClaimedNotification) []outlet {
	var out []outlet
	if a.Mailer != nil && n.EmailState == store.DeliveryPending {
		out = append(out, outlet{store.ChannelEmail, a.mail})
	}
	if a.Webhook != nil && n.WebhookState == store.DeliveryPending {
		out = append(out, outlet{store.ChannelWebhook, a.post})
	}
	return out
}

// deliverRow sends each pending channel of n and records the try: a
// channel that failed for good is dead-lettered at once, one that may
// pass later backs off, or is dead-lettered when n is out of attempts.
func (a *Activities) deliverRow(ctx context.Context, o DeliveryOptions, token string, n store.ClaimedNotification) error {
	var failures, retry []string
	for _, ch := range a.outlets(n) {
		heartbeat(ctx, n.ID)
		sctx, cancel := context.WithTimeout(ctx, o.SendTimeout)
		err := ch.send(sctx, n)
		cancel()
		if err != nil && ctx.Err() != nil {
			return ctx.Err() // stopping (the worker shuts down): not n's failure
		}
		state := store.DeliverySent
		switch {
		case errors.Is(err, errNoAddress):
			state = store.DeliveryNotApplicable
		case err != nil:
			failures = append(failures, ch.name+": "+err.Error())
			if !permanent(err) {
				retry = append(retry, ch.name)
				continue
			}
			state = store.DeliveryFailed
		}
		if err := a.mark(ctx, n.ID, ch.name, state); err != nil {
			return err
		}
	}
	attempt := store.Attempt{ID: n.ID, Token: token, Error: truncate(strings.Join(failures, "; "), 500)}
	if len(retry) > 0 {
		attempt.RetryIn = o.backoff(n.Attempts + 1)
		if n.Attempts+1 >= o.MaxAttempts {
			attempt.DeadLetter = retry
		}
	}
	mctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), markPatience)
	defer cancel()
	return a.Store.FinishAttempt(mctx, attempt)
}

func (a *Activities) mail(ctx context.Context, n store.ClaimedNotification) error {
	if n.Email == "" {
		return errNoAddress
	}
	body := n.TitleZH + "\n" + n.TitleEN + "\n\n" + n.Body
	return a.Mailer.Send(ctx, n.ID, n.Email, n.TitleZH+" / "+n.TitleEN, body)
}

func (a *Activities) post(ctx context.Context, n store.ClaimedNotification) error {
	body, err := json.Marshal(n.Notification)
	if err != nil {
		return err
	}
	return a.Webhook.Post(ctx, body)
}

// mark records a channel's outcome. After a send it must not be lost to a
// cancelled context or a blip of the database, or the next sender sends
// again: it runs on a context of its own and tries for markPatience.
func (a *Activities) mark(ctx context.Context, id, channel, state string) error {
	return patiently(ctx, func(ctx context.Context) error { return a.Store.MarkChannel(ctx, id, channel, state) })
}

// patiently runs write on a context of its own, trying for markPatience.
func patiently(ctx context.Context, write func(context.Context) error) error {
	mctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), markPatience)
	defer cancel()
	for {
		err := write(mctx)
		if err == nil {
			return nil
		}
		select {
		case <-mctx.Done():
			return err
		case <-time.After(250 * time.Millisecond):
		}
	}
}

// release lets go of the rows of a batch not reached, even when ctx is
// done, so another sender need not wait for the lease.
func (a *Activities) release(ctx context.Context, token string) {
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), markPatience)
	defer cancel()
	_ = a.Store.ReleaseClaims(rctx, token) // if lost, the lease ends the claim
}

// permanent reports whether err says trying again cannot help.
func permanent(err error) bool {
	var p interface{ Permanent() bool }
	return errors.As(err, &p) && p.Permanent()
}

// enoughTime reports whether ctx leaves at least d (no deadline: always).
func enoughTime(ctx context.Context, d time.Duration) bool {
	if ctx.Err() != nil {
		return false
	}
	deadline, ok := ctx.Deadline()
	return !ok || time.Until(deadline) >= d
}

// heartbeat tells Temporal the activity is alive (and lets it notice a
// cancellation); outside an activity (tests) it does nothing.
func heartbeat(ctx context.Context, details ...any) {
	if activity.IsActivity(ctx) {
		activity.RecordHeartbeat(ctx, details...)
	}
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
