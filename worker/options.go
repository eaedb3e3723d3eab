package worker

import (
	"time"

	sdkworker "go.temporal.io/sdk/worker"

	"salesflow/store"
)

// Defaults of Config.
const (
	// DefaultStopTimeout lets activities in flight on SIGTERM (a mail being
	// handed to the SMTP server, a transaction committing) finish before
	// the worker cancels them; Temporal's default is to cancel at once.
	DefaultStopTimeout = 30 * time.Second
	// DefaultStickyCacheSize is how many workflows a worker keeps in
	// memory between their tasks (the SDK's own default, named here so it
	// is documented and configurable). A workflow evicted is replayed from
	// its history on its next task: memory traded for CPU.
	DefaultStickyCacheSize = 10_000
	// DefaultPollers is how many long polls a worker keeps open for each
	// kind of task. The server splits every task queue into four
	// partitions (matching.numTaskqueueReadPartitions); with the SDK's two
	// workflow pollers, half of them on the sticky queue, a task written
	// to a partition nobody polls waited a whole long poll (60 s) in CI
	// (temporalio/temporal#881). Eight keep each partition polled.
	DefaultPollers = 8
)

// Config sizes a worker to what it works against. Zero values take the
// defaults.
type Config struct {
	// DBMaxConns is the size of the database pool the activities share
	// (store.Open's); 0 means store.DefaultMaxConns.
	DBMaxConns int
	// MaxConcurrentActivities bounds the activities running at once; 0
	// means DBMaxConns. Nearly every activity holds one connection for its
	// transaction: more slots than connections only queue inside the pool,
	// where a task's timeout runs, instead of in Temporal's task queue, where
	// another worker process could take it (Temporal's default is 1,000).
	MaxConcurrentActivities int
	// MaxConcurrentLocalActivities is the same bound for local activities;
	// 0 means DBMaxConns.
	MaxConcurrentLocalActivities int
	// StopTimeout: see DefaultStopTimeout.
	StopTimeout time.Duration
	// StickyCacheSize: see DefaultStickyCacheSize. The cache is shared by
	// every worker of the process.
	StickyCacheSize int
	// Pollers: see DefaultPollers; used for workflow and activity tasks.
	Pollers int
}

// withDefaults fills the zero values.
func (c Config) withDefaults() Config {
	if c.DBMaxConns <= 0 {
		c.DBMaxConns = store.DefaultMaxConns
	}
	if c.MaxConcurrentActivities <= 0 {
		c.MaxConcurrentActivities = c.DBMaxConns
	}
	if c.MaxConcurrentLocalActivities <= 0 {
		c.MaxConcurrentLocalActivities = c.DBMaxConns
	}
	if c.StopTimeout <= 0 {
		c.StopTimeout = DefaultStopTimeout
	}
	if c.StickyCacheSize <= 0 {
		c.StickyCacheSize = DefaultStickyCacheSize
	}
	if c.Pollers <= 1 { // the SDK refuses one workflow poller (sticky and normal alternate)
		c.Pollers = DefaultPollers
	}
	return c
}

// Options returns the SDK's worker options for c.
func (c Config) Options() sdkworker.Options {
	c = c.withDefaults()
	return sdkworker.Options{
		MaxConcurrentActivityExecutionSize:      c.MaxConcurrentActivities,
		MaxConcurrentLocalActivityExecutionSize: c.MaxConcurrentLocalActivities,
		WorkerStopTimeout:                       c.StopTimeout,
		MaxConcurrentWorkflowTaskPollers:        c.Pollers,
		MaxConcurrentActivityTaskPollers:        c.Pollers,
	}
}
