package main

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"time"

	"go.temporal.io/sdk/client"
	sdklog "go.temporal.io/sdk/log"

	"salesflow/activities"
	"salesflow/api"
	"salesflow/document"
	"salesflow/notify"
	"salesflow/policy"
	"salesflow/signing"
	"salesflow/store"
	"salesflow/worker"
	"salesflow/workflows"
)

// serve runs the API, the worker or both until ctx ends, then shuts down
// gracefully: the HTTP server drains, the worker finishes its tasks.
func serve(ctx context.Context, cfg config, log *slog.Logger, withAPI, withWorker bool) error {
	cfg.print(os.Stderr)
	st, err := store.Open(ctx, cfg.DatabaseURL, store.WithMaxConns(cfg.DBMaxConns))
	if err != nil {
		return err
	}
	defer st.Close()
	tc, err := client.DialContext(ctx, client.Options{HostPort: cfg.TemporalAddress,
		Namespace: cfg.TemporalNamespace, Logger: sdklog.NewStructuredLogger(log)})
	if err != nil {
		return fmt.Errorf("connect to Temporal at %s: %w", cfg.TemporalAddress, err)
	}
	defer tc.Close()

	key, font, err := contractDeps(cfg, log)
	if err != nil {
		return err
	}
	if withWorker {
		acts, err := newActivities(st, cfg, key, font)
		if err != nil {
			return err
		}
		w := worker.NewWithConfig(tc, cfg.TaskQueue, acts, cfg.workerConfig())
		if err := w.Start(); err != nil {
			return fmt.Errorf("start worker: %w", err)
		}
		defer w.Stop()
		log.Info("worker started", "task_queue", cfg.TaskQueue)
		if err := worker.EnsureSchedules(ctx, tc, cfg.TaskQueue); err != nil {
			log.Warn("schedules not created; the weekly check (R1.4) and the daily digest (R4.3) will not run", "error", err)
		}
	}
	if !withAPI {
		<-ctx.Done()
		return nil
	}
	apiCfg := apiConfig(cfg, key, font)
	// The contact-deadline outbox (R2.5): ownerships whose workflow an
	// import deferred or a failed start left behind.
	go api.RunContactOutbox(ctx, st, tc, log, apiCfg, 5*time.Second)
	srv := &http.Server{Addr: cfg.HTTPAddr, ReadHeaderTimeout: 10 * time.Second,
		Handler: api.New(st, tc, log, apiCfg)}
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	log.Info("http listening", "addr", "http://"+cfg.HTTPAddr)
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
	fmt.Fprintln(os.Stderr, "migrations applied")
	return nil
}

// contractDeps loads what the contract loop (F2) needs besides the
// database: the server's signing key (R5.5) and the PDF font. A missing font
// is logged, not fatal, so proposals keep working until it is installed.
func contractDeps(cfg config, log *slog.Logger) (ed25519.PrivateKey, []byte, error) {
	key, err := signing.LoadKey(cfg.SigningKey, cfg.SigningKeyFile)
	if err != nil {
		return nil, nil, err
	}
	font, err := document.LoadFont(cfg.PDFFont)
	if err != nil {
		log.Warn("contract PDFs unavailable until the font is installed", "error", err)
	}
	return key, font, nil
}

func apiConfig(cfg config, key ed25519.PrivateKey, font []byte) api.Config {
	return api.Config{TaskQueue: cfg.TaskQueue, SessionTTL: cfg.SessionTTL, CookieSecure: cfg.CookieSecure,
		SigningPublicKey: key.Public().(ed25519.PublicKey), PDFFont: font,
		ContractTiming: workflows.ContractTiming{RemindAfter: cfg.ContractRemindAfter, EscalateAfter: cfg.ContractEscalateAfter},
		VisitTiming: workflows.VisitTiming{ReportDueAfter: cfg.VisitReportDueAfter,
			ReportRemindAfter: cfg.VisitReportRemindAfter, WorkdayEnd: cfg.WorkdayEnd},
		Targets:         policy.Targets{RecordsPerWorkingDay: cfg.TargetRecordsPerDay, VisitsPerWeek: cfg.TargetVisitsPerWeek},
		ContactDeadline: cfg.ContactDeadline, ContactReminderBefore: cfg.ContactReminderBefore,
		TemporalUIURL: cfg.TemporalUIURL, TemporalNamespace: cfg.TemporalNamespace}
}

// newActivities assembles the worker's activities: the signing key and
// font of the contract loop, and the SMTP mailer when SALESFLOW_SMTP_ADDR is
// set (otherwise notifications stay in-app).
func newActivities(st *store.Store, cfg config, key ed25519.PrivateKey, font []byte) (*activities.Activities, error) {
	acts := activities.New(st)
	acts.SigningKey, acts.Font = key, font
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
