package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"go.temporal.io/sdk/client"
	sdklog "go.temporal.io/sdk/log"

	"salesflow/activities"
	"salesflow/api"
	"salesflow/document"
	"salesflow/notify"
	"salesflow/observability"
	"salesflow/pages"
	"salesflow/policy"
	"salesflow/service"
	"salesflow/session"
	"salesflow/signing"
	"salesflow/store"
	"salesflow/worker"
	"salesflow/workflows"
)

// serve runs the API, the worker or both until ctx ends, then shuts down
// gracefully: the HTTP server drains, the worker finishes its tasks.
func serve(ctx context.Context, cfg config, log *slog.Logger, withAPI, withWorker bool) error {
	logConfig(cfg, log)
	// The worker verifies too: the previous audit checkpoint's seal.
	keys, err := loadSigningKeys(cfg, log, withWorker, true)
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, cfg.DatabaseURL, store.WithMaxConns(cfg.DBMaxConns))
	if err != nil {
		return err
	}
	defer st.Close()
	tel, err := newTelemetry(st, log, withAPI)
	if err != nil {
		return err
	}
	defer func() { _ = tel.stop(context.Background()) }()
	tc, err := client.DialContext(ctx, tel.clientOptions(client.Options{HostPort: cfg.TemporalAddress,
		Namespace: cfg.TemporalNamespace, Logger: sdklog.NewStructuredLogger(log)}, log))
	if err != nil {
		return fmt.Errorf("connect to Temporal at %s: %w", cfg.TemporalAddress, err)
	}
	defer tc.Close()
	if err := tel.serveAdmin(ctx, cfg, log, withAPI); err != nil {
		return err
	}

	font := pdfFont(cfg, log)
	if withWorker {
		acts, err := newActivities(st, cfg, keys, font)
		if err != nil {
			return err
		}
		// Inserts in every process settle a channel that is off (issue 9);
		// every worker of a deployment must have the same channels.
		if err := st.SetDeliveryChannels(ctx, acts.Mailer != nil, acts.Webhook != nil); err != nil {
			return fmt.Errorf("record delivery channels: %w", err)
		}
		w := worker.NewWithConfig(tc, cfg.TaskQueue, acts, cfg.workerConfig())
		if err := w.Start(); err != nil {
			return fmt.Errorf("start worker: %w", err)
		}
		defer w.Stop()
		log.Info("worker started", "task_queue", cfg.TaskQueue)
		go ensureSchedules(ctx, tc, cfg, log)
	}
	if !withAPI {
		<-ctx.Done()
		return nil
	}
	// The contact-deadline outbox (R2.5): ownerships whose workflow an
	// import deferred or a failed start left behind.
	svc := service.New(st, tc, log, serviceConfig(cfg, keys.trusted))
	go svc.RunOutboxes(ctx, 5*time.Second)
	handler, err := httpHandler(cfg, svc, st, tc, log, keys.trusted, font, tel.http)
	if err != nil {
		return err
	}
	srv := &http.Server{ReadHeaderTimeout: 10 * time.Second, Handler: handler}
	ln, err := net.Listen("tcp", cfg.HTTPAddr)
	if err != nil {
		return err
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("http listening", "addr", "http://"+ln.Addr().String()) // the port, also when asked for :0
	select {
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			return err
		}
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	return srv.Shutdown(shutdown)
}

func migrate(ctx context.Context, cfg config) error {
	st, err := store.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Migrate(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if cfg.DBRuntimeRole != "" {
		if err := st.GrantRuntime(ctx, cfg.DBRuntimeRole); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "runtime role %s granted (insert-only on the audit trail and ledgers)\n", cfg.DBRuntimeRole)
	}
	fmt.Fprintln(os.Stderr, "migrations applied")
	return nil
}

// pdfFont loads the font contract PDFs are set in. A missing font is
// logged, not fatal, so proposals keep working until it is installed; the
// contract workflow retries issuing a signing document until a worker has
// it.
func pdfFont(cfg config, log *slog.Logger) []byte {
	font, err := document.LoadFont(cfg.PDFFont)
	if err != nil {
		log.Warn("contract PDFs unavailable until the font is installed", "error", err)
	}
	return font
}

// httpHandler is the JSON API with the web pages mounted beside it: one
// Service and one set of sessions behind both.
func httpHandler(cfg config, svc *service.Service, st *store.Store, tc client.Client, log *slog.Logger,
	trusted signing.Keyring, font []byte, metrics *observability.HTTPMetrics) (http.Handler, error) {
	sessions := session.New(st, log, session.Config{TTL: cfg.SessionTTL, CookieSecure: cfg.CookieSecure})
	site, err := pages.New(svc, sessions, log, pages.Config{CookieSecure: cfg.CookieSecure,
		TemporalUIURL: cfg.TemporalUIURL, TemporalNamespace: cfg.TemporalNamespace, PublicURL: cfg.PublicURL})
	if err != nil {
		return nil, fmt.Errorf("web templates: %w", err)
	}
	apiCfg := api.Config{PDFFont: font, TrustedProxies: cfg.TrustedProxies,
		PublicURL: cfg.PublicURL, Metrics: metrics}
	return api.New(svc, tc, sessions, log, apiCfg, site), nil
}

// serviceConfig is what the use cases need of the environment's config
// and the keys trusted to have sealed signatures.
func serviceConfig(cfg config, trusted signing.Keyring) service.Config {
	return service.Config{TaskQueue: cfg.TaskQueue, ContactDeadline: cfg.ContactDeadline,
		DelegationMaxDays:     cfg.DelegationMaxDays,
		ContactReminderBefore: cfg.ContactReminderBefore, ContactRecheckEvery: cfg.ContactRecheckEvery,
		ContractTiming: workflows.ContractTiming{RemindAfter: cfg.ContractRemindAfter, EscalateAfter: cfg.ContractEscalateAfter},
		HoldTiming:     workflows.HoldTiming{WorkingDays: cfg.HoldWorkingDays},
		VisitTiming: workflows.VisitTiming{ReportDueAfter: cfg.VisitReportDueAfter,
			ReportRemindAfter: cfg.VisitReportRemindAfter, WorkdayEnd: cfg.WorkdayEnd},
		SigningKeys: trusted,
		Targets:     policy.Targets{RecordsPerWorkingDay: cfg.TargetRecordsPerDay, VisitsPerWeek: cfg.TargetVisitsPerWeek}}
}

// newActivities assembles the worker's activities: the signing key and
// font of the contract loop, the trusted keys of earlier audit checkpoints,
// and the SMTP mailer when SALESFLOW_SMTP_ADDR is set (otherwise
// notifications stay in-app).
func newActivities(st *store.Store, cfg config, keys signingKeys, font []byte) (*activities.Activities, error) {
	acts := activities.New(st)
	acts.SigningKey, acts.TrustedKeys, acts.Font = keys.private, keys.trusted, font
	acts.ImportJobRetention, acts.IdempotencyKeyRetention = cfg.ImportJobRetention, cfg.IdempotencyKeyRetention
	m, err := notify.NewMailer(notify.SMTPConfig{Addr: cfg.SMTPAddr, From: cfg.SMTPFrom,
		Username: cfg.SMTPUser, Password: cfg.SMTPPassword, TLS: cfg.SMTPTLS})
	if err != nil {
		return nil, err
	}
	if m != nil { // a nil *Mailer in the interface would not be nil
		acts.Mailer = m
	}
	if cfg.WebhookURL != "" {
		acts.Webhook = &notify.Webhook{URL: cfg.WebhookURL, Secret: []byte(cfg.WebhookSecret)}
	}
	return acts, nil
}

// ensureSchedules creates the policy's Schedules, retrying until it
// succeeds or the process stops: a Temporal server that is restarting when
// the worker starts must not leave the weekly check (R1.4), the daily
// digest (R4.3), notification delivery and the audit checkpoints unscheduled
// until the next restart.
func ensureSchedules(ctx context.Context, tc client.Client, cfg config, log *slog.Logger) {
	for wait := time.Second; ; wait = min(2*wait, time.Minute) {
		err := worker.EnsureSchedulesWith(ctx, tc, cfg.TaskQueue,
			worker.ScheduleConfig{AuditCheckpointEvery: cfg.AuditCheckpointEvery})
		if err == nil || ctx.Err() != nil {
			return
		}
		log.Warn("schedules not created yet; retrying", "error", err, "retry_in", wait)
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
	}
}
