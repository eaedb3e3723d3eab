package service

import (
	"context"
	"log/slog"
	"time"

	"go.temporal.io/sdk/client"

	"salesflow/policy"
	"salesflow/signing"
	"salesflow/store"
	"salesflow/workflows"
)

// Config is what the use cases need to know of the deployment.
type Config struct {
	// TaskQueue is the workers' queue every workflow is started on.
	TaskQueue string
	// ContactDeadline and ContactReminderBefore set R2.5's week to contact
	// and when the owner is reminded; zero means the workflows' defaults.
	ContactDeadline       time.Duration
	ContactReminderBefore time.Duration
	// ContactRecheckEvery is how often an open overdue task re-reads the
	// customer (zero: the workflow's default, an hour).
	ContactRecheckEvery time.Duration
	// ContractTiming is handed to every contract loop (F2) started from a
	// new proposal: when a waiting approval reminds and escalates.
	ContractTiming workflows.ContractTiming
	// HoldTiming is how long the holds of a submitted proposal's resource
	// lines and the waiting list's offers last (issue 13).
	HoldTiming workflows.HoldTiming
	// VisitTiming is handed to every visit workflow (R3.6, R3.8).
	VisitTiming workflows.VisitTiming
	// Targets are the activity report's targets (R1.2, R3.7); zero: 10 and 10.
	Targets policy.Targets
	// SigningKeys are the public keys trusted to have sealed signatures
	// (R5.5), which VerifyContract checks seals with.
	SigningKeys signing.Keyring
	// DelegationMaxDays bounds a delegation (R5.5); zero: 30 days.
	DelegationMaxDays int
}

// Service runs the use cases against PostgreSQL (store) and Temporal. One
// Service serves a process: the API and the pages share it, and cmd runs
// its contact outbox beside them.
type Service struct {
	store    *store.Store
	temporal client.Client
	log      *slog.Logger
	cfg      Config
	starts   *deadlineStarts // contact deadlines starting off the request (contact_outbox.go)
}

// New returns the Service of one process.
func New(st *store.Store, tc client.Client, log *slog.Logger, cfg Config) *Service {
	return &Service{store: st, temporal: tc, log: log, cfg: cfg, starts: newDeadlineStarts()}
}

// ContactDeadline is R2.5's week: how long a new owner has to make contact.
func (s *Service) ContactDeadline() time.Duration {
	if s.cfg.ContactDeadline > 0 {
		return s.cfg.ContactDeadline
	}
	return workflows.DefaultContactDeadline
}

func (s *Service) contactReminderBefore() time.Duration {
	if s.cfg.ContactReminderBefore > 0 {
		return s.cfg.ContactReminderBefore
	}
	return workflows.DefaultContactReminderBefore
}

// ContractTiming is the reminder and escalation of every contract loop.
func (s *Service) ContractTiming() workflows.ContractTiming { return s.cfg.ContractTiming }

// HoldTiming is how long holds and waiting-list offers last.
func (s *Service) HoldTiming() workflows.HoldTiming { return s.cfg.HoldTiming }

// Ping is whether PostgreSQL answers, for the readiness check.
func (s *Service) Ping(ctx context.Context) error { return s.store.Ping(ctx) }
