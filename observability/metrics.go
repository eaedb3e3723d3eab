// Package observability is how Salesflow is watched in production: the
// Prometheus metrics of the API and the worker (HTTP requests, the Temporal
// SDK's own metrics, the database pool, business gauges read at scrape
// time), the small admin listener that serves them, and structured logs
// whose lines carry the request ID and workflow ID they belong to.
//
// It imports nothing of Salesflow's: cmd wires the store into the business
// gauges, api mounts the HTTP middleware, and the Temporal client takes the
// interceptor and the metrics handler.
package observability

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// NewRegistry returns a registry holding the Go runtime and process
// collectors; each process adds what it serves.
func NewRegistry() *prometheus.Registry {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return reg
}

// RegisterDBPool adds the connection pool's use (open, in use, idle, waits)
// as go_sql_* series labelled db_name=name.
func RegisterDBPool(reg prometheus.Registerer, db *sql.DB, name string) {
	reg.MustRegister(collectors.NewDBStatsCollector(db, name))
}

// AdminHandler serves /metrics from reg and /livez. It is mounted on a
// listener of its own (SALESFLOW_METRICS_ADDR), never on the public API
// port: route counts and task backlogs are for the operator's Prometheus,
// not the internet, and the worker has no other HTTP server.
func AdminHandler(reg *prometheus.Registry) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{Registry: reg}))
	mux.HandleFunc("GET /livez", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"status":"ok"}` + "\n"))
	})
	return mux
}

// ServeAdmin listens on addr and serves h until ctx ends. It returns once
// the listener is bound (so a port already taken fails the start, loudly)
// with the bound address (addr may say port 0) and a channel that yields
// the server's end.
func ServeAdmin(ctx context.Context, addr string, h http.Handler, log *slog.Logger) (net.Addr, <-chan error, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, nil, err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	done := make(chan error, 1)
	go func() {
		err := srv.Serve(ln)
		if errors.Is(err, http.ErrServerClosed) {
			err = nil
		}
		done <- err
	}()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	log.Info("metrics listening", "addr", ln.Addr().String())
	return ln.Addr(), done, nil
}
