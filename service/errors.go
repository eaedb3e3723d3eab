// Package service holds Salesflow's use cases: one exported function per
// action a person takes (create a product, add a user, …), called alike by
// the JSON API (api/) and the web pages, with the acting user, an input
// struct and, where it writes, the idempotency key as parameters. It knows
// nothing of HTTP: it returns domain values and *Error, which says what
// kind of refusal it is (not found, forbidden, conflict, invalid …), a
// stable code and the message keys and arguments to tell a person why. The
// API maps an Error to problem+json; the pages show its field errors
// beside the fields.
package service

import (
	"errors"

	"salesflow/i18n"
	"salesflow/store"
)

// Kind is what sort of refusal an Error is; the API maps each kind to one
// HTTP status, the pages to how the refusal is shown.
type Kind uint8

const (
	// KindInternal: a failure that is ours, not the caller's.
	KindInternal Kind = iota
	// KindMalformed: the request is not the shape of this action.
	KindMalformed
	// KindUnauthenticated: nobody, or the wrong credentials.
	KindUnauthenticated
	// KindForbidden: the caller may not do this to this object.
	KindForbidden
	// KindNotFound: no such object, or none the caller may see.
	KindNotFound
	// KindNotAllowed: the object exists but this action does not.
	KindNotAllowed
	// KindConflict: the object's state refuses the action now.
	KindConflict
	// KindTooLarge: the input is over a size limit.
	KindTooLarge
	// KindUnsupported: the input is of a type this action does not read.
	KindUnsupported
	// KindInvalid: the right shape, a value not accepted.
	KindInvalid
	// KindTooMany: too many attempts; wait before the next.
	KindTooMany
	// KindUpstream: a system we depend on refused (the mail server).
	KindUpstream
	// KindUnavailable: nothing was done, and trying again later may work.
	KindUnavailable
)

// Error is a domain refusal. Code is stable (clients match on it: the API
// serves it as the problem type /problems/{code}); Title and Detail are
// message keys of package i18n, Args fill Detail's verbs.
type Error struct {
	Kind          Kind
	Code          string
	Title, Detail string
	Args          []any
	Fields        []FieldError
	// Extra are members the refusal carries for everyone (the id of the
	// customer a duplicate matched); Private only for those who see
	// every salesperson's customers.
	Extra, Private map[string]any
}

// FieldError is one input field refused: its name as the client spells it
// (items[0].quantity) and a message key with its arguments.
type FieldError struct {
	Field string
	Key   string
	Args  []any
}

// NewError is a refusal without field errors.
func NewError(kind Kind, code, title, detail string, args ...any) *Error {
	return &Error{Kind: kind, Code: code, Title: title, Detail: detail, Args: args}
}

// Error renders the refusal in English, for logs and the command line.
// Refusal: the caller's request was refused (a 4xx), not a failure of
// ours or of a system we depend on.
func (e *Error) Refusal() bool {
	return e.Kind != KindInternal && e.Kind != KindUpstream && e.Kind != KindUnavailable
}

func (e *Error) Error() string {
	msg := i18n.T(i18n.EN, e.Title)
	if e.Detail != "" {
		msg += ": " + Text(i18n.EN, e.Detail, e.Args)
	}
	for _, f := range e.Fields {
		msg += "; " + f.Field + " " + Text(i18n.EN, f.Key, f.Args)
	}
	return msg
}

// WithField returns a copy of e refusing field with message key.
func (e *Error) WithField(field, key string, args ...any) *Error {
	c := *e
	c.Fields = append(append([]FieldError(nil), e.Fields...), FieldError{Field: field, Key: key, Args: args})
	return &c
}

// The refusals many use cases share.
var (
	ErrForbidden  = NewError(KindForbidden, "forbidden", "problem.forbidden", "detail.forbidden")
	ErrSelfReview = NewError(KindForbidden, "self-review", "problem.self_review", "detail.self_review")
)

// NotFound refuses an object the caller cannot see or that does not exist;
// what names it ("product p-1").
func NotFound(what string) *Error {
	return NewError(KindNotFound, "not-found", "problem.not_found", "detail.not_found", what)
}

// Conflict refuses an action the object's state does not allow now.
func Conflict(reason string) *Error {
	return NewError(KindConflict, "conflict", "problem.conflict", "detail.state_conflict", reason)
}

// NotFoundAs turns the store's ErrNotFound into the refusal naming what;
// any other error is returned as it is.
func NotFoundAs(err error, what string) error {
	if errors.Is(err, store.ErrNotFound) {
		return NotFound(what)
	}
	return err
}

// Msg is a message key given as an argument of another message: the
// reader's language renders it first ("the unassigned pool").
type Msg string

// Text renders message key with args in lang, a Msg argument rendered in
// lang first: how a refusal reads, on a page or in a problem.
func Text(lang i18n.Lang, key string, args []any) string {
	for i, a := range args {
		if m, ok := a.(Msg); ok {
			args = append([]any(nil), args...) // the refusal stays as it was made
			args[i] = i18n.T(lang, string(m))
		}
	}
	return i18n.T(lang, key, args...)
}
