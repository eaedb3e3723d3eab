package worker

import (
	"testing"
	"time"

	"salesflow/store"
)

// TestOptionsSizedToThePool: with nothing configured the worker runs as
// many activities at once as the database pool has connections (not the
// SDK's 1,000) and waits DefaultStopTimeout for them on stop (not 0); set
// values win.
func TestOptionsSizedToThePool(t *testing.T) {
	def := Config{}.Options()
	if def.MaxConcurrentActivityExecutionSize != store.DefaultMaxConns ||
		def.MaxConcurrentLocalActivityExecutionSize != store.DefaultMaxConns {
		t.Errorf("default activity slots %d/%d, want the pool's %d", def.MaxConcurrentActivityExecutionSize,
			def.MaxConcurrentLocalActivityExecutionSize, store.DefaultMaxConns)
	}
	if def.MaxConcurrentWorkflowTaskPollers != DefaultPollers || def.MaxConcurrentActivityTaskPollers != DefaultPollers {
		t.Errorf("default pollers %d/%d, want %d: fewer leave task queue partitions unpolled",
			def.MaxConcurrentWorkflowTaskPollers, def.MaxConcurrentActivityTaskPollers, DefaultPollers)
	}
	if def.WorkerStopTimeout != 30*time.Second {
		t.Errorf("default stop timeout %v, want 30s", def.WorkerStopTimeout)
	}
	pool := Config{DBMaxConns: 8}.Options()
	if pool.MaxConcurrentActivityExecutionSize != 8 || pool.MaxConcurrentLocalActivityExecutionSize != 8 {
		t.Errorf("a pool of 8 gives %d/%d slots", pool.MaxConcurrentActivityExecutionSize, pool.MaxConcurrentLocalActivityExecutionSize)
	}
	set := Config{DBMaxConns: 8, MaxConcurrentActivities: 5, MaxConcurrentLocalActivities: 3, StopTimeout: time.Minute, Pollers: 4}.Options()
	if set.MaxConcurrentActivityExecutionSize != 5 || set.MaxConcurrentLocalActivityExecutionSize != 3 || set.WorkerStopTimeout != time.Minute ||
		set.MaxConcurrentWorkflowTaskPollers != 4 || set.MaxConcurrentActivityTaskPollers != 4 {
		t.Errorf("configured values not used: %+v", set)
	}
	if got := (Config{}).withDefaults().StickyCacheSize; got != DefaultStickyCacheSize {
		t.Errorf("default sticky cache %d, want %d", got, DefaultStickyCacheSize)
	}
}
