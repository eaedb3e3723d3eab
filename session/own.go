package session

import (
	"context"
	"errors"

	"salesflow/service"
	"salesflow/store"
)

// A person's own sessions and password (issue 11, point 10), and the
// admin's view of sign-in locks (point 8), for the JSON routes and the
// pages alike.

// Listed is one of a person's sessions; Current is the one the request
// came by.
type Listed struct {
	store.Session
	Current bool
}

// List is u's live sessions, current marking the request's own (ID).
func (m *Manager) List(ctx context.Context, u store.User, current string) ([]Listed, error) {
	sessions, err := m.store.SessionsOf(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	items := make([]Listed, len(sessions))
	for i, sess := range sessions {
		items[i] = Listed{Session: sess, Current: sess.ID == current}
	}
	return items, nil
}

// Revoke ends one of u's own sessions (a lost phone); another user's
// session id is not found, as if it did not exist.
func (m *Manager) Revoke(ctx context.Context, u store.User, id string) error {
	return service.NotFoundAs(m.store.RevokeUserSession(ctx, u.ID, id), "session "+id)
}

// PasswordChange is a person's own password change: the current one, as
// a sign-in checks it, and the new one.
type PasswordChange struct {
	CurrentPassword string
	NewPassword     string
}

// ChangePassword is u changing their own password (API and page). The
// current password is checked as a sign-in is, held to the same throttle,
// so a borrowed session cannot be used to guess it. The new one ends every
// session the user had (store.UpdateUser), and a new session is opened for
// this client, whose token it returns.
func (m *Manager) ChangePassword(ctx context.Context, u store.User, in PasswordChange, from Client) (string, error) {
	if err := renameField(service.UserPatch{Password: &in.NewPassword}.Check(), "password", "new_password"); err != nil {
		return "", err
	}
	keys := throttleKeys(u.Username, from.IP)
	if err := m.countAttempt(ctx, keys); err != nil {
		return "", err
	}
	if _, err := m.CheckPassword(ctx, u.Username, in.CurrentPassword); err != nil {
		if errors.Is(err, ErrBadCredentials) {
			var v service.Validation
			v.Add("current_password", "field.current_password")
			return "", v.Err()
		}
		return "", err
	}
	if err := m.forgiveAttempt(ctx, keys); err != nil {
		return "", err
	}
	hash, err := service.HashPassword(in.NewPassword)
	if err != nil {
		return "", err
	}
	changed, err := m.store.UpdateUser(ctx, u.ID, store.UserPatch{PasswordHash: &hash})
	if err != nil {
		return "", err
	}
	return m.create(ctx, changed, from)
}

// renameField gives a validation refusal's field the name this input
// uses, where the rule is shared with an input that names it otherwise.
func renameField(err error, from, to string) error {
	var se *service.Error
	if !errors.As(err, &se) {
		return err
	}
	renamed := *se
	renamed.Fields = nil
	for _, f := range se.Fields {
		if f.Field == from {
			f.Field = to
		}
		renamed.Fields = append(renamed.Fields, f)
	}
	return &renamed
}

// Count is one sign-in count as the admin sees it: Blocked while it makes
// attempts wait, Locked when the wait is the rule's longest.
type Count struct {
	store.LoginThrottle
	Blocked, Locked bool
}

// Counts is every sign-in count, judged at the database's time.
func (m *Manager) Counts(ctx context.Context) ([]Count, error) {
	counts, now, err := m.store.LoginThrottles(ctx)
	if err != nil {
		return nil, err
	}
	items := make([]Count, len(counts))
	for i, t := range counts {
		items[i] = Count{LoginThrottle: t, Blocked: t.BlockedUntil.After(now)}
		items[i].Locked = items[i].Blocked && m.cfg.Throttle.Rule(t.Scope).Locked(t.Failures)
	}
	return items, nil
}

// ClearCount lifts a lock: the count starts again from nothing.
func (m *Manager) ClearCount(ctx context.Context, k store.ThrottleKey) error {
	return service.NotFoundAs(m.store.ClearLoginThrottle(ctx, k), "login throttle "+k.Scope+"/"+k.Key)
}
