package observability

import (
	"context"
	"log/slog"

	"github.com/prometheus/client_golang/prometheus"
	otelprom "go.opentelemetry.io/otel/exporters/prometheus"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.temporal.io/sdk/client"
	temporalotel "go.temporal.io/sdk/contrib/opentelemetry"
	"go.temporal.io/sdk/interceptor"
)

// sdkTimerBuckets are the boundaries, in seconds, of the SDK's latency
// histograms (poll, request, schedule-to-start, execution). OpenTelemetry's
// default boundaries are meant for milliseconds and would put every
// latency in the first bucket.
var sdkTimerBuckets = []float64{.001, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60, 120}

// TemporalMetrics returns the Temporal SDK's metrics handler (set as
// client.Options.MetricsHandler), exporting on reg: temporal_worker_start,
// temporal_request, the poll and task-slot series and the workflow and
// activity latencies the SDK documents. The SDK's OpenTelemetry handler is
// used because its tally contrib module is not published for this SDK.
func TemporalMetrics(reg prometheus.Registerer, log *slog.Logger) (client.MetricsHandler, func(context.Context) error, error) {
	exp, err := otelprom.New(otelprom.WithRegisterer(reg), otelprom.WithoutScopeInfo(), otelprom.WithoutTargetInfo())
	if err != nil {
		return nil, nil, err
	}
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(exp), sdkmetric.WithView(sdkmetric.NewView(
		sdkmetric.Instrument{Kind: sdkmetric.InstrumentKindHistogram},
		sdkmetric.Stream{Aggregation: sdkmetric.AggregationExplicitBucketHistogram{Boundaries: sdkTimerBuckets}})))
	h := temporalotel.NewMetricsHandler(temporalotel.MetricsHandlerOptions{
		Meter:                mp.Meter("temporal-sdk-go"),
		UseMonotonicCounters: true, // counters are counters (…_total), not up-down sums
		OnError:              func(err error) { log.Warn("temporal metric not recorded", "error", err) },
	})
	return h, mp.Shutdown, nil
}

// WorkflowLogging is the Temporal client interceptor that logs every start,
// Update and signal a process sends, with its workflow_id, and marks the
// request that sent it, so the request's later lines (its failure, its
// access log) name the workflow too.
func WorkflowLogging(log *slog.Logger) interceptor.ClientInterceptor {
	return &workflowLogging{log: ContextLogger(log)}
}

type workflowLogging struct {
	interceptor.ClientInterceptorBase
	log *slog.Logger
}

func (w *workflowLogging) InterceptClient(next interceptor.ClientOutboundInterceptor) interceptor.ClientOutboundInterceptor {
	out := &workflowLoggingOut{log: w.log}
	out.Next = next
	return out
}

type workflowLoggingOut struct {
	interceptor.ClientOutboundInterceptorBase
	log *slog.Logger
}

// logCall writes one line for a call to workflowID: info when it went
// through, debug when it failed, since the caller decides whether a
// failure matters (awaiting a child that is not started yet is routine)
// and logs it with the same workflow_id.
func (o *workflowLoggingOut) logCall(ctx context.Context, workflowID, msg string, err error, attrs ...any) {
	if workflowID != "" {
		ctx = WithWorkflowID(ctx, workflowID)
	}
	if err != nil {
		o.log.DebugContext(ctx, msg+" failed", append(attrs, "error", err)...)
		return
	}
	o.log.InfoContext(ctx, msg, attrs...)
}

func (o *workflowLoggingOut) ExecuteWorkflow(ctx context.Context, in *interceptor.ClientExecuteWorkflowInput) (client.WorkflowRun, error) {
	run, err := o.Next.ExecuteWorkflow(ctx, in)
	o.logCall(ctx, in.Options.ID, "workflow started", err, "workflow_type", in.WorkflowType)
	return run, err
}

func (o *workflowLoggingOut) SignalWithStartWorkflow(ctx context.Context, in *interceptor.ClientSignalWithStartWorkflowInput) (client.WorkflowRun, error) {
	run, err := o.Next.SignalWithStartWorkflow(ctx, in)
	o.logCall(ctx, in.Options.ID, "workflow signalled with start", err, "workflow_type", in.WorkflowType, "signal", in.SignalName)
	return run, err
}

func (o *workflowLoggingOut) SignalWorkflow(ctx context.Context, in *interceptor.ClientSignalWorkflowInput) error {
	err := o.Next.SignalWorkflow(ctx, in)
	o.logCall(ctx, in.WorkflowID, "workflow signalled", err, "signal", in.SignalName)
	return err
}

func (o *workflowLoggingOut) UpdateWorkflow(ctx context.Context, in *interceptor.ClientUpdateWorkflowInput) (client.WorkflowUpdateHandle, error) {
	h, err := o.Next.UpdateWorkflow(ctx, in)
	o.logCall(ctx, in.WorkflowID, "workflow update", err, "update", in.UpdateName, "update_id", in.UpdateID)
	return h, err
}

func (o *workflowLoggingOut) UpdateWithStartWorkflow(ctx context.Context, in *interceptor.ClientUpdateWithStartWorkflowInput) (client.WorkflowUpdateHandle, error) {
	h, err := o.Next.UpdateWithStartWorkflow(ctx, in)
	var wfID, name string
	if in.UpdateOptions != nil {
		wfID, name = in.UpdateOptions.WorkflowID, in.UpdateOptions.UpdateName
	}
	o.logCall(ctx, wfID, "workflow started with update", err, "update", name)
	return h, err
}
