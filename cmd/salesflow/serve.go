package main

import (
	"context"
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
	"salesflow/store"
	"salesflow/worker"
)

// serve runs the API, the worker or both until ctx ends, then shuts down
// gracefully: the HTTP server drains, the worker finishes its tasks.
func serve(ctx context.Context, cfg config, log *slog.Logger, withAPI, withWorker bool) error {
	cfg.print(os.Stderr)
	st, err := store.Open(ctx, cfg.DatabaseURL)
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

	if withWorker {
		w := worker.New(tc, cfg.TaskQueue, activities.New(st))
		if err := w.Start(); err != nil {
			return fmt.Errorf("start worker: %w", err)
		}
		defer w.Stop()
		log.Info("worker started", "task_queue", cfg.TaskQueue)
		if err := worker.EnsureSchedules(ctx, tc, cfg.TaskQueue); err != nil {
			log.Warn("schedules not created; the weekly check (R1.4) will not run", "error", err)
		}
	}
	if !withAPI {
		<-ctx.Done()
		return nil
	}
	srv := &http.Server{Addr: cfg.HTTPAddr, ReadHeaderTimeout: 10 * time.Second,
		Handler: api.New(st, tc, log, api.Config{TaskQueue: cfg.TaskQueue, SessionTTL: cfg.SessionTTL,
			CookieSecure: cfg.CookieSecure, ContactDeadline: cfg.ContactDeadline,
			ContactReminderBefore: cfg.ContactReminderBefore})}
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
