package observability

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
)

// Log attribute keys every line uses, whoever writes it: our own code, the
// Temporal SDK (whose tags are renamed to these) and the access log.
const (
	KeyRequestID  = "request_id"
	KeyWorkflowID = "workflow_id"
)

// sdkKeys renames the Temporal SDK's log tags (sdk/internal/log tag names,
// added to every workflow and activity logger) to the keys of our own
// lines, so a search for workflow_id finds the SDK's lines as well.
var sdkKeys = map[string]string{
	"WorkflowID":   KeyWorkflowID,
	"RunID":        "run_id",
	"WorkflowType": "workflow_type",
	"ActivityID":   "activity_id",
	"ActivityType": "activity_type",
	"Namespace":    "namespace",
	"TaskQueue":    "task_queue",
	"Attempt":      "attempt",
	"WorkerID":     "worker_id",
}

// NewLogger returns the process logger: JSON lines (format "json", the
// production default, for log collectors) or slog's text (format "text",
// for a terminal), at level, each line carrying the request and workflow
// IDs its context holds.
func NewLogger(w io.Writer, format, level string) (*slog.Logger, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("log level %q: want debug, info, warn or error", level)
	}
	opts := &slog.HandlerOptions{Level: l, ReplaceAttr: renameSDKKeys}
	var h slog.Handler
	switch strings.ToLower(format) {
	case "json", "":
		h = slog.NewJSONHandler(w, opts)
	case "text":
		h = slog.NewTextHandler(w, opts)
	default:
		return nil, fmt.Errorf("log format %q: want json or text", format)
	}
	return slog.New(contextHandler{h}), nil
}

func renameSDKKeys(groups []string, a slog.Attr) slog.Attr {
	if len(groups) == 0 {
		if k, ok := sdkKeys[a.Key]; ok {
			a.Key = k
		}
	}
	return a
}

// ContextLogger returns log with its lines carrying the IDs their context
// holds; a logger from NewLogger is returned as it is.
func ContextLogger(log *slog.Logger) *slog.Logger {
	if _, ok := log.Handler().(contextHandler); ok {
		return log
	}
	return slog.New(contextHandler{log.Handler()})
}

// contextHandler adds request_id and workflow_id from the record's
// context. The IDs travel in the context rather than in a logger handed
// down, so every existing log.ErrorContext(ctx, ...) carries them and no
// function needs a logger parameter for it.
type contextHandler struct{ slog.Handler }

func (h contextHandler) Handle(ctx context.Context, r slog.Record) error {
	if ctx != nil {
		if id := RequestID(ctx); id != "" {
			r.AddAttrs(slog.String(KeyRequestID, id))
		}
		if id := WorkflowID(ctx); id != "" {
			r.AddAttrs(slog.String(KeyWorkflowID, id))
		}
	}
	return h.Handler.Handle(ctx, r)
}

func (h contextHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return contextHandler{h.Handler.WithAttrs(as)}
}

func (h contextHandler) WithGroup(name string) slog.Handler {
	return contextHandler{h.Handler.WithGroup(name)}
}

type ctxKey int

const (
	requestKey ctxKey = iota
	workflowKey
)

// requestFacts is what a request learns while it runs: the workflow it
// started or updated is known only after the Temporal call, deep inside
// the handler, yet the lines logged after it (the failure, the access log)
// should name it too. Handlers may log from several goroutines.
type requestFacts struct {
	id         string
	mu         sync.Mutex
	workflowID string
}

// WithRequestID returns ctx carrying request id id; lines logged with it
// carry request_id.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestKey, &requestFacts{id: id})
}

// RequestID returns the request ID ctx carries, or "".
func RequestID(ctx context.Context) string {
	if f, ok := ctx.Value(requestKey).(*requestFacts); ok {
		return f.id
	}
	return ""
}

// WithWorkflowID returns ctx carrying workflow id; it also records id as
// the workflow of the request ctx belongs to, so the request's later lines
// name it.
func WithWorkflowID(ctx context.Context, id string) context.Context {
	if f, ok := ctx.Value(requestKey).(*requestFacts); ok {
		f.mu.Lock()
		f.workflowID = id
		f.mu.Unlock()
	}
	return context.WithValue(ctx, workflowKey, id)
}

// WorkflowID returns the workflow ID of ctx: its own, else the last
// workflow its request touched, else "".
func WorkflowID(ctx context.Context) string {
	if id, ok := ctx.Value(workflowKey).(string); ok {
		return id
	}
	if f, ok := ctx.Value(requestKey).(*requestFacts); ok {
		f.mu.Lock()
		defer f.mu.Unlock()
		return f.workflowID
	}
	return ""
}
