package activities

import (
	"context"
	"time"

	"go.temporal.io/sdk/activity"
)

// The nightly housekeeping (workflows.HousekeepingWorkflow) deletes what
// is kept only for a while.

// purgeBatch is how many a purge deletes (import jobs, keys) between two
// heartbeats.
const purgeBatch = 100

// PurgeImportJobs deletes the import jobs finished longer ago than
// ImportJobRetention, with their rows' results (see
// store.PurgeImportJobs); a retention of zero keeps them all. It answers
// how many jobs went.
func (a *Activities) PurgeImportJobs(ctx context.Context) (int, error) {
	return purgeInBatches(ctx, a.ImportJobRetention, a.Store.PurgeImportJobs)
}

// PurgeIdempotencyKeys deletes the Idempotency-Key claims made longer ago
// than IdempotencyKeyRetention (store.PurgeIdempotencyKeys); a retention of
// zero keeps them all. It answers how many went.
func (a *Activities) PurgeIdempotencyKeys(ctx context.Context) (int, error) {
	return purgeInBatches(ctx, a.IdempotencyKeyRetention, a.Store.PurgeIdempotencyKeys)
}

// purgeInBatches runs purge for what is older than retention, purgeBatch
// at a time with a heartbeat between, until a batch comes back short;
// zero retention purges nothing.
func purgeInBatches(ctx context.Context, retention time.Duration,
	purge func(ctx context.Context, olderThan time.Duration, limit int) (int, error)) (int, error) {
	if retention <= 0 {
		return 0, nil
	}
	total := 0
	for {
		n, err := purge(ctx, retention, purgeBatch)
		total += n
		if err != nil || n < purgeBatch {
			return total, err
		}
		activity.RecordHeartbeat(ctx, total)
	}
}
